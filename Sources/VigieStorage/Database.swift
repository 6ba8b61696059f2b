import Foundation
import Logging
import PostgresNIO

/// A pool of connections to Vigie's database, with the stores built on it.
///
/// `PostgresClient` is a long-running service: ``withDatabase(_:logger:_:)`` runs it
/// for the closure's duration; long-running commands put ``client`` in their ServiceGroup.
public struct Database: Sendable {
    public let client: PostgresClient
    public let settings: ConnectionSettings
    public let logger: Logger

    public init(settings: ConnectionSettings, logger: Logger, maximumConnections: Int = 20) {
        var config = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: Self.tls(settings.sslMode))
        config.options.maximumConnections = maximumConnections
        config.options.connectTimeout = .seconds(5)
        config.options.additionalStartupParameters = [("application_name", "vigie"), ("TimeZone", "UTC")]
        self.client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.settings = settings
        self.logger = logger
    }

    private static func tls(_ mode: ConnectionSettings.SSLMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    /// Runs the pool while `body` runs, after checking the server answers.
    public static func withDatabase<T: Sendable>(
        _ settings: ConnectionSettings, logger: Logger, maximumConnections: Int = 20,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let database = Database(settings: settings, logger: logger, maximumConnections: maximumConnections)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.client.run() }
            defer { group.cancelAll() }
            try await database.ping()
            return try await body(database)
        }
    }

    /// Fails with a one-line ``StorageError`` naming the address when the server does not answer.
    ///
    /// Opens a connection of its own rather than asking the pool, which keeps
    /// retrying an unreachable server in the background: a user waiting at a
    /// terminal should hear about it at once.
    public func ping() async throws {
        do {
            var config = PostgresConnection.Configuration(
                host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                database: settings.database, tls: try Self.connectionTLS(settings.sslMode))
            config.options.connectTimeout = .seconds(5)
            let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
            do {
                try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw StorageError(.unreachable, "cannot reach PostgreSQL at \(settings): \(Self.reason(error))")
        }
    }

    private static func connectionTLS(_ mode: ConnectionSettings.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// A short, safe reason for a database error.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message
            }
            if let underlying = error.underlying {
                let text = "\(underlying)"
                for (needle, short) in [
                    ("Connection refused", "connection refused"), ("connectTimeout", "connection timed out"),
                    ("timed out", "connection timed out"), ("NXDOMAIN", "unknown host"),
                    ("dnsAAAAError", "unknown host"), ("No route to host", "no route to host"),
                ] where text.contains(needle) {
                    return short
                }
                return "\(error.code): \(text)"
            }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
