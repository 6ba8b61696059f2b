import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VigieAPI
import VigieConfig
import VigieCommandLine
import VigieStorage

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP JSON API.",
        discussion: """
            Routes: GET /healthz and GET /readyz (no token); GET /v1/trends?brand=&from=&to=&interval=hour|day|week|month \
            (reader token: 'Authorization: Bearer <token>', see 'vigie token create'). \
            Stops gracefully on SIGINT or SIGTERM.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: Settings.host.help()) var host: String?
    @Option(help: Settings.port.help()) var port: String?

    func run() async throws {
        let logger = try db.makeLogger(defaultLevel: .info)
        let config = db.configuration([Settings.host: host, Settings.port: port])
        let (host, port) = try CLIError.wrap { (try config.value(Settings.host) ?? "127.0.0.1", try config.port(Settings.port) ?? 8080) }
        let settings = try CLIError.wrap { try db.resolve(logger: logger) }
        let autoMigrate = try db.autoMigrate()
        let limits = try CLIError.wrap {
            func whole(_ setting: Setting) throws -> Int { max(1, try config.integer(setting) ?? 1) }
            return ServerLimits(
                idleTimeout: .seconds(try whole(Settings.httpIdleTimeout)),
                maximumConnections: try whole(Settings.httpMaxConnections),
                requestTimeout: .seconds(try whole(Settings.requestTimeout)))
        }
        try await DatabaseOptions.waitForServer(settings, logger: logger)
        try await Server.run(
            settings: settings, host: host, port: port, limits: limits, autoMigrate: autoMigrate, logger: logger
        ) { _ in }
    }
}

enum Server {
    /// Migrates (or, with `autoMigrate` off, checks the schema is current), then serves
    /// until SIGINT/SIGTERM.
    static func run(
        settings: ConnectionSettings, host: String, port: Int, limits: ServerLimits = ServerLimits(),
        autoMigrate: Bool = true, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 2) { database in
                try await DatabaseOptions.prepareSchema(database, autoMigrate: autoMigrate)
            }
        }
        let database = Database(settings: settings, logger: logger)
        let app = APIServer.application(
            database: database, host: host, port: port, limits: limits, logger: logger, onServerRunning: onRunning)
        try await app.runService()
    }
}
