import ArgumentParser
import Foundation
import Logging
import VigieStorage

/// Where the database is, shared by every command that needs one.
package struct DatabaseOptions: ParsableArguments {
    package init() {}

    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "PostgreSQL URL, postgres://user:password@host:port/database (overrides DATABASE_URL).",
        valueName: "url"))
    package var databaseURL: String?

    @Option(name: .customLong("pghost"), help: "Server host (overrides PGHOST).")
    package var host: String?

    @Option(name: .customLong("pgport"), help: "Server port (overrides PGPORT).")
    package var port: String?

    @Option(name: .customLong("pguser"), help: "User name (overrides PGUSER). Give the password in PGPASSWORD or the URL.")
    package var user: String?

    @Option(name: .customLong("pgdatabase"), help: "Database name (overrides PGDATABASE).")
    package var database: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Folder of the local cluster used when no server is configured (default $VIGIE_DATA_DIR, ~/.local/share/vigie, or /var/lib/vigie as root).",
        valueName: "path"))
    package var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default $VIGIE_LOG_LEVEL or warning).")
    package var logLevel: String?

    package var cluster: LocalCluster {
        LocalCluster(directory: dataDirectory.map { URL(fileURLWithPath: $0) } ?? LocalCluster.defaultDirectory())
    }

    /// Settings from flags over the environment, or nil when neither names a server.
    package func configuredServer() throws -> ConnectionSettings? {
        var settings: ConnectionSettings
        if let url = databaseURL, !url.isEmpty {
            settings = try ConnectionSettings(url: url)
        } else if let env = try ConnectionSettings.fromEnvironment() {
            settings = env
        } else if let host, !host.isEmpty {
            settings = ConnectionSettings(host: host, user: user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres")
        } else {
            return nil
        }
        try settings.apply(host: host, port: port, user: user, database: database)
        return settings
    }

    /// The configured server, or the local cluster, started if needed.
    package func resolve(logger: Logger) throws -> ConnectionSettings {
        if let settings = try configuredServer() { return settings }
        let cluster = self.cluster
        logger.info("using the local cluster", metadata: ["cluster.directory": "\(cluster.directory.path)"])
        return try cluster.start()
    }

    package func makeLogger(label: String = "vigie", defaultLevel: Logger.Level = .warning) -> Logger {
        LogSetup.bootstrap()
        var logger = Logger(label: label)
        let text = logLevel ?? ProcessInfo.processInfo.environment["VIGIE_LOG_LEVEL"]
        logger.logLevel = text.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? defaultLevel
        return logger
    }

    /// Runs `body` with a migrated database.
    package func withDatabase<T: Sendable>(
        logger: Logger, migrate: Bool = true, maximumConnections: Int = 20,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let settings = try CLIError.wrap { try resolve(logger: logger) }
        return try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: maximumConnections) { database in
                if migrate { try await Migrator(database: database).migrate() }
                return try await body(database)
            }
        }
    }
}

package enum LogSetup {
    static let once: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()

    package static func bootstrap() { _ = once }
}

/// A one-line error for the terminal, with a non-zero exit.
package struct CLIError: Error, CustomStringConvertible {
    package let description: String

    package init(description: String) {
        self.description = description
    }

    package static func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StorageError { throw CLIError(description: error.description) }
    }

    @discardableResult
    package static func wrapAsync<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw CLIError(description: error.description)
        } catch let error as CLIError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            throw CLIError(description: Database.reason(error))
        }
    }
}

/// Writes a progress line to standard error when it is a terminal.
package enum Terminal {
    package static let isInteractive = isatty(STDERR_FILENO) != 0

    package static func progress(_ text: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    package static func endProgress() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    package static func flush() {
        fflush(nil)
    }

    package static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
