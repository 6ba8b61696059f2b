import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VigieAPI
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
    @Option(help: "Address to listen on (default $VIGIE_HOST or 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default $VIGIE_PORT or 8080).") var port: Int?

    func run() async throws {
        let logger = db.makeLogger(defaultLevel: .info)
        let env = ProcessInfo.processInfo.environment
        let host = self.host ?? env["VIGIE_HOST"] ?? "127.0.0.1"
        let port = self.port ?? env["VIGIE_PORT"].flatMap(Int.init) ?? 8080
        let settings = try CLIError.wrap { try db.resolve(logger: logger) }
        try await Server.run(settings: settings, host: host, port: port, logger: logger) { _ in }
    }
}

enum Server {
    /// Migrates, then serves until SIGINT/SIGTERM.
    static func run(
        settings: ConnectionSettings, host: String, port: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 2) { database in
                try await Migrator(database: database).migrate()
            }
        }
        let database = Database(settings: settings, logger: logger)
        let app = APIServer.application(database: database, host: host, port: port, logger: logger, onServerRunning: onRunning)
        try await app.runService()
    }
}
