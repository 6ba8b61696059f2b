import Foundation
import Logging
import PostgresNIO
import VigieStorage

#if canImport(Glibc)
import Glibc
#endif

/// Real PostgreSQL for tests: one throwaway cluster per test process, started with
/// the same ``LocalCluster`` code `vigie` uses, in a temporary folder deleted at exit.
/// Each test gets a database of its own.
///
/// Set `VIGIE_TEST_DATABASE_URL` to use an existing server instead (each test still
/// creates its own database there).
public enum TestDatabase {
    /// Settings for a new, empty database.
    public static func fresh(label: String = "t") async throws -> ConnectionSettings {
        let admin = try await SharedCluster.shared.adminSettings()
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(20))_\(UInt32.random(in: 0...UInt32.max))"
        _ = try await Database.withDatabase(admin, logger: logger, maximumConnections: 1) { database in
            try await database.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
        }
        var settings = admin
        settings.database = name
        return settings
    }

    /// Runs `body` with a pool on a new database, migrated unless `migrate` is false.
    public static func with<T: Sendable>(
        label: String = "t", migrate: Bool = true, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let settings = try await fresh(label: label)
        return try await Database.withDatabase(settings, logger: logger) { database in
            if migrate { try await Migrator(database: database).migrate() }
            return try await body(database)
        }
    }

    public static var logger: Logger {
        var logger = Logger(label: "vigie.test")
        logger.logLevel = .critical
        return logger
    }
}

actor SharedCluster {
    static let shared = SharedCluster()

    private var settings: ConnectionSettings?

    func adminSettings() throws -> ConnectionSettings {
        if let settings { return settings }
        if let url = ProcessInfo.processInfo.environment["VIGIE_TEST_DATABASE_URL"], !url.isEmpty {
            let s = try ConnectionSettings(url: url)
            settings = s
            return s
        }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("vigie-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = LocalCluster(directory: directory, durable: false)
        ClusterCleanup.register(cluster)
        let s = try cluster.start()
        settings = s
        return s
    }
}

/// Stops and deletes the test cluster when the test process exits.
enum ClusterCleanup {
    nonisolated(unsafe) static var cluster: LocalCluster?

    static func register(_ cluster: LocalCluster) {
        Self.cluster = cluster
        atexit {
            guard let cluster = ClusterCleanup.cluster else { return }
            _ = try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: cluster.directory)
        }
    }
}
