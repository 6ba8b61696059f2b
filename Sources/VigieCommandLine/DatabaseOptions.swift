import ArgumentParser
import Foundation
import Logging
import VigieConfig
import VigieStorage

/// Where the database is, shared by every command that needs one. The flags' names,
/// help and checks come from the one table of settings (`Settings` in VigieConfig).
package struct DatabaseOptions: ParsableArguments {
    package init() {}

    @Option(name: .customLong(Settings.databaseURL.flag!), help: Settings.databaseURL.help(valueName: "url"))
    package var databaseURL: String?

    @Option(name: .customLong(Settings.pgHost.flag!), help: Settings.pgHost.help())
    package var host: String?

    @Option(name: .customLong(Settings.pgPort.flag!), help: Settings.pgPort.help())
    package var port: String?

    @Option(name: .customLong(Settings.pgUser.flag!), help: Settings.pgUser.help())
    package var user: String?

    @Option(name: .customLong(Settings.pgDatabase.flag!), help: Settings.pgDatabase.help())
    package var database: String?

    @Option(name: .customLong(Settings.dataDirectory.flag!), help: Settings.dataDirectory.help(valueName: "path"))
    package var dataDirectory: String?

    @Option(name: .customLong(Settings.logLevel.flag!), help: Settings.logLevel.help(valueName: "level"))
    package var logLevel: String?

    /// The effective configuration: these flags (and a command's own, in `more`) over the environment.
    package func configuration(_ more: [Setting: String?] = [:]) -> Configuration {
        var flags: [Setting: String?] = [
            Settings.databaseURL: databaseURL, Settings.pgHost: host, Settings.pgPort: port, Settings.pgUser: user,
            Settings.pgDatabase: database, Settings.dataDirectory: dataDirectory, Settings.logLevel: logLevel,
        ]
        flags.merge(more) { _, new in new }
        return Configuration(flags: flags)
    }

    package var cluster: LocalCluster {
        get throws {
            try CLIError.wrap {
                let config = configuration()
                let directory = try config.value(Settings.dataDirectory)
                return LocalCluster(
                    directory: directory.map { URL(fileURLWithPath: $0) } ?? LocalCluster.defaultDirectory(),
                    serverBinDirectory: try config.value(Settings.pgBinDirectory),
                    serverAccountName: try config.value(Settings.clusterUser))
            }
        }
    }

    /// Settings by libpq's rules (flags, then the URL, then the PG* variables, then the
    /// password file), or nil when nothing names a server.
    package func configuredServer() throws -> ConnectionSettings? {
        try CLIError.wrap {
            let config = configuration()
            var env = try config.environmentValues()
            for name in ["HOME", "USER"] { env[name] = config.system(name) }
            var flags = try ConnectionSettings.Parameters(host: host, port: port, user: user, database: database)
            if databaseURL?.isEmpty == false, let url = try config.value(Settings.databaseURL) {
                flags.fill(from: try ConnectionSettings.Parameters(url: url))
                flags.isURL = true
            }
            return try ConnectionSettings.resolve(flags, environment: env)
        }
    }

    /// The configured server, or the local cluster, started if needed.
    package func resolve(logger: Logger) throws -> ConnectionSettings {
        if let url = databaseURL, (try? ConnectionSettings.Parameters(url: url))?.password != nil {
            logger.warning(
                "a password in --database-url shows in the process list; give it in PGPASSWORD, PGPASSFILE or DATABASE_URL_FILE")
        }
        let limits = try sessionLimits()
        if var settings = try configuredServer() {
            settings.sessionLimits = limits
            return settings
        }
        let cluster = try self.cluster
        logger.info("using the local cluster", metadata: ["cluster.directory": "\(cluster.directory.path)"])
        var settings = try CLIError.wrap { try cluster.start() }
        settings.sessionLimits = limits
        return settings
    }

    /// The timeouts every connection sets, from `VIGIE_STATEMENT_TIMEOUT`, `VIGIE_LOCK_TIMEOUT`
    /// and `VIGIE_IDLE_IN_TRANSACTION_TIMEOUT`.
    package func sessionLimits() throws -> SessionLimits {
        try CLIError.wrap {
            let config = configuration()
            func seconds(_ setting: Setting) throws -> Int { max(0, try config.integer(setting) ?? 0) }
            return SessionLimits(
                statementTimeout: try seconds(Settings.statementTimeout), lockTimeout: try seconds(Settings.lockTimeout),
                idleInTransactionTimeout: try seconds(Settings.idleInTransactionTimeout))
        }
    }

    /// `VIGIE_AUTO_MIGRATE`: whether commands apply pending migrations themselves.
    package func autoMigrate() throws -> Bool {
        let text = try CLIError.wrap { try configuration().value(Settings.autoMigrate) } ?? "1"
        return ["1", "true", "yes", "on"].contains(text.lowercased())
    }

    /// Applies pending migrations, or with automatic migration off refuses a database that lacks one.
    package static func prepareSchema(_ database: Database, autoMigrate: Bool) async throws {
        let migrator = try Migrator(database: database)
        if autoMigrate { try await migrator.migrate() } else { try await migrator.requireCurrent() }
    }

    package func makeLogger(label: String = "vigie", defaultLevel: Logger.Level = .warning) throws -> Logger {
        LogSetup.bootstrap()
        var logger = Logger(label: label)
        let text = try CLIError.wrap { try configuration().value(Settings.logLevel) }
        logger.logLevel = text.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? defaultLevel
        return logger
    }

    /// Runs `body` with a migrated database; with `waitForServer`, after waiting for an
    /// unreachable server (see ``waitForServer(_:logger:first:longest:)``).
    package func withDatabase<T: Sendable>(
        logger: Logger, migrate: Bool = true, maximumConnections: Int = 20, waitForServer: Bool = false,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let settings = try resolve(logger: logger)
        let autoMigrate = try self.autoMigrate()
        if waitForServer { try await Self.waitForServer(settings, logger: logger) }
        return try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: maximumConnections) { database in
                if migrate { try await Self.prepareSchema(database, autoMigrate: autoMigrate) }
                return try await body(database)
            }
        }
    }
}

extension Setting {
    /// The help of the flag that sets this: its summary, the variable it overrides, the default.
    package func help(valueName: String? = nil) -> ArgumentHelp {
        var text = summary + " Overrides \(key)."
        if let shown = defaultValue ?? defaultDescription { text += " Default: \(shown)." }
        return ArgumentHelp(text, valueName: valueName)
    }
}

package enum LogSetup {
    static let once: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()

    package static func bootstrap() { _ = once }
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
