import Foundation
import Logging
import PostgresNIO
import _ConnectionPoolModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pool of connections to Vigie's database, with the stores built on it.
///
/// `PostgresClient` is a long-running service: ``withDatabase(_:logger:_:)`` runs it
/// for the closure's duration; long-running commands put ``client`` in their ServiceGroup.
public struct Database: Sendable {
    public let client: PostgresClient
    public let settings: ConnectionSettings
    public let logger: Logger

    public init(settings: ConnectionSettings, logger: Logger, maximumConnections: Int = 20) {
        var config: PostgresClient.Configuration
        if settings.isUnixSocket {
            config = PostgresClient.Configuration(
                unixSocketPath: settings.unixSocketPath, username: settings.user, password: settings.password,
                database: settings.database)
        } else {
            config = PostgresClient.Configuration(
                host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                database: settings.database, tls: Self.clientTLS(settings))
        }
        config.options.maximumConnections = maximumConnections
        config.options.connectTimeout = .seconds(Int64(settings.connectTimeout))
        config.options.additionalStartupParameters = Self.startupParameters(settings)
        self.client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.settings = settings
        self.logger = logger
    }

    static func startupParameters(_ settings: ConnectionSettings) -> [(String, String)] {
        [("application_name", settings.applicationName), ("TimeZone", "UTC")] + settings.sessionLimits.startupParameters
    }

    /// TLS as libpq's sslmode means it: `allow` and `prefer` try it, `require` insists on it,
    /// none of them checks the certificate; `verify-ca` checks the chain against
    /// `sslrootcert` (or the system's roots for `system`), `verify-full` the host name too.
    static func tlsConfiguration(_ settings: ConnectionSettings) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.sslMode {
        case .disable, .allow, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if settings.sslMode.verifiesCertificate, let root = settings.sslRootCert, root != "system" {
            tls.trustRoots = .file(root)
        }
        return tls
    }

    private static func clientTLS(_ settings: ConnectionSettings) -> PostgresClient.Configuration.TLS {
        switch settings.sslMode {
        case .disable: return .disable
        case .allow, .prefer: return .prefer(tlsConfiguration(settings))
        case .require, .verifyCA, .verifyFull: return .require(tlsConfiguration(settings))
        }
    }

    private static func connectionTLS(_ settings: ConnectionSettings) throws -> PostgresConnection.Configuration.TLS {
        switch settings.sslMode {
        case .disable: return .disable
        case .allow, .prefer: return .prefer(try NIOSSLContext(configuration: tlsConfiguration(settings)))
        case .require, .verifyCA, .verifyFull: return .require(try NIOSSLContext(configuration: tlsConfiguration(settings)))
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
        try await Self.ping(settings, logger: logger)
    }

    /// ``ping()`` without a pool: for waiting on a server before starting one.
    public static func ping(_ settings: ConnectionSettings, logger: Logger) async throws {
        do {
            var config: PostgresConnection.Configuration
            if settings.isUnixSocket {
                config = PostgresConnection.Configuration(
                    unixSocketPath: settings.unixSocketPath, username: settings.user, password: settings.password,
                    database: settings.database)
            } else {
                config = PostgresConnection.Configuration(
                    host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                    database: settings.database, tls: try connectionTLS(settings))
            }
            config.options.connectTimeout = .seconds(Int64(settings.connectTimeout))
            config.options.additionalStartupParameters = startupParameters(settings)
            let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
            do {
                try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw StorageError(.unreachable, "cannot reach PostgreSQL at \(settings): \(reason(error))")
        }
    }

    /// A short, safe reason for a database error: the server's own message, or what the
    /// client saw, told from the error's type and code (``DatabaseFailure`` says what it means).
    public static func reason(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return reason(underlying) }
            return "\(error.code)"
        case let error as NIOConnectionError:
            // Every address tried failed: the first failure says why.
            if let first = error.connectionErrors.first { return reason(first.error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "unknown host" : "cannot connect"
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "no route to host"
            default: return String(cString: strerror(error.errnoCode))
            }
        case let error as ChannelError:
            if case .connectTimeout = error { return "connection timed out" }
            return "\(error)"
        case let error as ConnectionPoolError where error == .connectionCreationCircuitBreakerTripped:
            return "the server has refused every connection for a while"
        default:
            return "\(error)"
        }
    }
}
