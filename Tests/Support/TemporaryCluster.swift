import Foundation
import Logging
import VigieStorage

#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of a test's own, for tests that stop and start the server
/// (a crash in the middle of work, an API whose database goes away), so that the
/// shared cluster keeps serving every other test.
public enum TemporaryCluster {
    /// A cluster in a new temporary folder, not started.
    static func make(label: String, durable: Bool) throws -> LocalCluster {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("vigie-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return cluster(in: directory, durable: durable)
    }

    /// A cluster in `directory`, run with the server programs and account the test
    /// environment names (`VIGIE_PG_BINDIR`, `VIGIE_CLUSTER_USER`), as `vigie` would.
    public static func cluster(in directory: URL, durable: Bool = false) -> LocalCluster {
        let env = ProcessInfo.processInfo.environment
        return LocalCluster(
            directory: directory, durable: durable, serverBinDirectory: env["VIGIE_PG_BINDIR"],
            serverAccountName: env["VIGIE_CLUSTER_USER"])
    }

    /// Starts a cluster, migrates its database, runs `body`, then stops the cluster and
    /// deletes its folder. `durable` keeps fsync on, for tests that crash the server.
    public static func with<T: Sendable>(
        durable: Bool = false, _ body: (LocalCluster, ConnectionSettings) async throws -> T
    ) async throws -> T {
        let cluster = try make(label: "own", durable: durable)
        defer {
            _ = try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: cluster.directory)
        }
        let settings = try cluster.start()
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await Migrator(database: database).migrate()
        }
        return try await body(cluster, settings)
    }
}
