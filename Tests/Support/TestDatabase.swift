import Foundation
import Logging
import PostgresNIO
import VigieStorage

/// Real PostgreSQL for tests: one throwaway cluster per test process, started with
/// the same ``LocalCluster`` code `vigie` uses, in a temporary folder deleted at exit.
///
/// Each test gets a database of its own, copied from a template migrated once per
/// process (`CREATE DATABASE … TEMPLATE`) and dropped when the test ends: tests never
/// share rows, and none pays for migrating.
///
/// Set `VIGIE_TEST_DATABASE_URL` to use an existing server instead (its role needs
/// CREATEDB; the template and each test's database are made there).
public enum TestDatabase {
    /// Settings for a new database, a copy of the migrated template, or empty when
    /// `migrated` is false. Whoever asks for one drops it with ``drop(_:)``.
    public static func fresh(label: String = "t", migrated: Bool = true) async throws -> ConnectionSettings {
        let template = migrated ? try await SharedCluster.shared.migratedTemplate() : "template0"
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(20))_\(UInt32.random(in: 0...UInt32.max))"
        try await SharedCluster.shared.admin("CREATE DATABASE \"\(name)\" TEMPLATE \"\(template)\"")
        var settings = try await SharedCluster.shared.adminSettings()
        settings.database = name
        return settings
    }

    /// Drops a database made by ``fresh(label:migrated:)``, closing what is still connected to it.
    public static func drop(_ settings: ConnectionSettings) async throws {
        try await SharedCluster.shared.admin("DROP DATABASE IF EXISTS \"\(settings.database)\" WITH (FORCE)")
    }

    /// Runs `body` with a pool on a new database, migrated unless `migrate` is false,
    /// and drops the database afterwards.
    public static func with<T: Sendable>(
        label: String = "t", migrate: Bool = true, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let settings = try await fresh(label: label, migrated: migrate)
        let result: T
        do {
            result = try await Database.withDatabase(settings, logger: logger, body)
        } catch {
            try? await drop(settings)
            throw error
        }
        try await drop(settings)
        return result
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
    private var template: Task<String, any Error>?

    func adminSettings() throws -> ConnectionSettings {
        if let settings { return settings }
        if let url = ProcessInfo.processInfo.environment["VIGIE_TEST_DATABASE_URL"], !url.isEmpty {
            let s = try ConnectionSettings(url: url)
            settings = s
            return s
        }
        let cluster = try TemporaryCluster.make(label: "test", durable: false)
        ClusterCleanup.register(cluster)
        let s = try cluster.start()
        settings = s
        return s
    }

    /// The name of the migrated template, made by the first test that asks.
    func migratedTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await Self.makeTemplate(admin: try self.adminSettings()) }
        template = task
        return try await task.value
    }

    /// Runs one statement as the cluster's owner, on the cluster's own database. The
    /// statements here name databases, which cannot be bound parameters: the names are
    /// made by this file from letters, digits and underscores.
    func admin(_ sql: String) async throws {
        try await Self.run(sql, settings: adminSettings())
    }

    private static func run(_ sql: String, settings: ConnectionSettings) async throws {
        _ = try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
        }
    }

    /// Creates and migrates a template, then closes it to connections: `CREATE DATABASE
    /// … TEMPLATE` refuses a template anyone is connected to.
    private static func makeTemplate(admin: ConnectionSettings) async throws -> String {
        let name = "vigie_template_\(UInt32.random(in: 0...UInt32.max))"
        try await run("CREATE DATABASE \(name)", settings: admin)
        var settings = admin
        settings.database = name
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await Migrator(database: database).migrate()
        }
        try await run("ALTER DATABASE \(name) ALLOW_CONNECTIONS false", settings: admin)
        // The migration's pool closes its connections after `withDatabase` returns; one still
        // open makes every clone fail ("source database is being accessed by other users").
        try await Database.withDatabase(admin, logger: TestDatabase.logger, maximumConnections: 1) { database in
            for _ in 0..<100 {
                let rows = try await database.client.query(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = \(name)",
                    logger: TestDatabase.logger)
                var open = 0
                for try await count in rows.decode(Int.self) { open = count }
                if open == 0 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw TemplateStillOpen(name: name)
        }
        return name
    }
}

/// Stops and deletes the shared test cluster when the test process exits.
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

struct TemplateStillOpen: Error, CustomStringConvertible {
    let name: String
    var description: String { "connections to the template \(name) stayed open for 5 s" }
}
