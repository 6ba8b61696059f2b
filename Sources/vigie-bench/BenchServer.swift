import Foundation
import Logging
import PostgresNIO
import VigieCommandLine
import VigieStorage

/// Where a benchmark's databases live: the configured server, else a throwaway cluster
/// started for the run and removed after it. Each database is created for one measurement
/// and dropped after it, so nothing of the user's is touched.
struct BenchServer {
    /// The server's own database: where the benchmark's databases are created and dropped.
    let admin: ConnectionSettings
    let logger: Logger
    /// The directory of the PostgreSQL client programs the configuration names, if any.
    let binDirectory: String?

    /// Runs `body` with the configured server, or with a throwaway cluster.
    static func with<R>(
        _ db: DatabaseOptions, logger: Logger, _ body: (BenchServer) async throws -> R
    ) async throws -> R {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-bench-\(getpid())")
        // A throwaway cluster, run with the server programs and account the configuration names.
        let configuredCluster = try db.cluster
        let cluster = LocalCluster(
            directory: directory, durable: false, serverBinDirectory: configuredCluster.serverBinDirectory,
            serverAccountName: configuredCluster.serverAccountName)
        if let configured = try CLIError.wrap({ try db.configuredServer() }) {
            return try await body(
                BenchServer(admin: configured, logger: logger, binDirectory: configuredCluster.serverBinDirectory))
        }
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer {
            _ = try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: directory)
        }
        let settings = try CLIError.wrap { try cluster.start() }
        return try await body(BenchServer(admin: settings, logger: logger, binDirectory: configuredCluster.serverBinDirectory))
    }

    /// Creates the database `vigie_bench_<pid><suffix>`, runs `body` with its settings, and
    /// drops it, whether `body` succeeds or not.
    func withDatabase<R>(suffix: String = "", _ body: (ConnectionSettings) async throws -> R) async throws -> R {
        let name = "vigie_bench_\(getpid())\(suffix)"
        let (admin, logger) = (self.admin, self.logger)
        try await CLIError.wrapAsync {
            try await Database.withDatabase(admin, logger: logger, maximumConnections: 1) { database in
                try await database.client.query(PostgresQueryText.createDatabase(name), logger: logger)
            }
        }
        var settings = admin
        settings.database = name
        let result: R
        do {
            result = try await body(settings)
        } catch {
            await drop(name)
            throw error
        }
        await drop(name)
        return result
    }

    private func drop(_ name: String) async {
        let (admin, logger) = (self.admin, self.logger)
        _ = try? await Database.withDatabase(admin, logger: logger, maximumConnections: 1) { database in
            try await database.client.query(PostgresQueryText.dropDatabase(name), logger: logger)
        }
    }
}

/// Statements that take identifiers, which cannot be bound parameters: the
/// names here are made by Vigie (digits and letters), never by a user.
enum PostgresQueryText {
    static func createDatabase(_ name: String) -> PostgresQuery {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        return PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")
    }

    static func dropDatabase(_ name: String) -> PostgresQuery {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        return PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)")
    }
}
