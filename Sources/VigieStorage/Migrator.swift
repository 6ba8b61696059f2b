import Foundation
import Logging
import PostgresNIO
import VigieSchema

/// Applies the numbered SQL files of `Schema/sql` in order.
///
/// - Each pending file runs in its own transaction and is recorded in
///   `schema_migrations` with its SHA-256 checksum (computed by the server).
/// - An applied file whose checksum changed stops everything: migrations are
///   history, and history is not edited.
/// - A database migrated by a newer build (names this build does not know) is refused.
/// - Concurrent runs serialise on a session advisory lock held on one connection; a run
///   that has to wait for it says so in the log, then again every ``waitLogInterval``.
/// - Each file's statements wait at most ``lockTimeout`` for a table lock, so a migration
///   stuck behind a long transaction fails with a clear error instead of blocking every
///   query queued behind it; the session's `statement_timeout` does not apply to them.
public struct Migrator: Sendable {
    public struct Applied: Sendable, Equatable {
        public let name: String
        public let checksum: String
    }

    /// Advisory lock key: the bytes of "vigiemig" as a big-endian Int64.
    static let lockKey: Int64 = 0x7669_6769_656d_6967

    /// How often a run waiting for another's migration lock logs that it still waits.
    static let waitLogInterval: Duration = .seconds(10)

    let database: Database
    let migrations: [SchemaFiles.Migration]
    /// Longest a migration's statement waits for a table lock.
    public let lockTimeout: Duration

    public init(
        database: Database, migrations: [SchemaFiles.Migration]? = nil, lockTimeout: Duration = .seconds(30)
    ) throws {
        self.database = database
        self.migrations = try migrations ?? SchemaFiles.all()
        self.lockTimeout = lockTimeout
    }

    /// Applies pending migrations; returns the names applied by this call.
    @discardableResult
    public func migrate() async throws -> [String] {
        let logger = database.logger
        let migrations = self.migrations
        let lockTimeout = self.lockTimeout
        return try await database.client.withConnection { connection in
            try await Self.waitForLock(connection, logger: logger)
            do {
                let applied = try await Self.prepare(
                    connection, migrations: migrations, lockTimeout: lockTimeout, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Takes the migration lock, polling with backoff and logging while another run holds it.
    private static func waitForLock(_ connection: PostgresConnection, logger: Logger) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var lastLogged: ContinuousClock.Instant?
        var delay: Duration = .milliseconds(50)
        while true {
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(lockKey))", logger: logger)
            var taken = false
            for try await value in rows.decode(Bool.self) { taken = value }
            if taken { return }
            if lastLogged.map({ clock.now - $0 >= waitLogInterval }) ?? true {
                logger.info(
                    "waiting for the migration lock",
                    metadata: ["migration.waited_s": "\((clock.now - started).components.seconds)"])
                lastLogged = clock.now
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(1))
        }
    }

    /// Fails when this build has migrations the database lacks, without changing anything:
    /// for commands run with automatic migration turned off (`VIGIE_AUTO_MIGRATE=0`), whose
    /// role may have no right to create or alter tables.
    public func requireCurrent() async throws {
        let logger = database.logger
        let names = try await database.client.withConnection { (connection) async throws -> [String] in
            let table = try await connection.query(
                "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            var exists = false
            for try await value in table.decode(Bool.self) { exists = value }
            guard exists else { return [] }
            return try await Self.readApplied(connection, logger: logger).map(\.name)
        }
        let done = Set(names)
        let missing = migrations.map(\.name).filter { !done.contains($0) }
        guard missing.isEmpty else {
            throw StorageError(
                .schemaTooOld,
                "the database lacks migration\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) and automatic migration is off (VIGIE_AUTO_MIGRATE=0): run 'vigie migrate' with a role that may change the schema")
        }
    }

    /// Names and checksums recorded in the database, in order.
    public func applied() async throws -> [Applied] {
        try await database.client.withConnection { connection in
            try await Self.ensureTable(connection, logger: database.logger)
            return try await Self.readApplied(connection, logger: database.logger)
        }
    }

    /// Migrations of this build not yet applied.
    public func pending() async throws -> [String] {
        let done = Set(try await applied().map(\.name))
        return migrations.map(\.name).filter { !done.contains($0) }
    }

    private static func prepare(
        _ connection: PostgresConnection, migrations: [SchemaFiles.Migration], lockTimeout: Duration, logger: Logger
    ) async throws -> [String] {
        let lockMilliseconds = "\(max(1, Int64(lockTimeout / .milliseconds(1))))ms"
        try await ensureTable(connection, logger: logger)
        let applied = try await readApplied(connection, logger: logger)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for record in applied {
            guard let migration = known[record.name] else {
                throw StorageError(
                    .schemaTooNew,
                    "the database has migration \(record.name), which this build of vigie does not know: upgrade vigie")
            }
            let checksum = try await checksum(of: migration.sql, connection, logger: logger)
            guard checksum == record.checksum else {
                throw StorageError(
                    .migrationEdited,
                    "migration \(record.name) was edited after it was applied (checksum \(checksum.prefix(12)) != recorded \(record.checksum.prefix(12))); restore the file and add a new migration instead")
            }
        }
        let done = Set(applied.map(\.name))
        var names: [String] = []
        for migration in migrations where !done.contains(migration.name) {
            do {
                try await connection.transaction(logger: logger) { tx in
                    try await tx.query(
                        """
                        SELECT set_config('lock_timeout', \(lockMilliseconds), true),
                               set_config('statement_timeout', '0', true)
                        """, logger: logger)
                    for statement in SQLScript.statements(migration.sql) {
                        try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await tx.query(
                        """
                        INSERT INTO schema_migrations (name, checksum)
                        VALUES (\(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                        """, logger: logger)
                }
            } catch {
                throw StorageError(.migrationFailed, "migration \(migration.name) failed: \(Database.reason(error))")
            }
            logger.info("migration applied", metadata: ["migration.name": "\(migration.name)"])
            names.append(migration.name)
        }
        return names
    }

    private static func ensureTable(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name        text PRIMARY KEY,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
    }

    private static func readApplied(_ connection: PostgresConnection, logger: Logger) async throws -> [Applied] {
        let rows = try await connection.query(
            "SELECT name, checksum FROM schema_migrations ORDER BY name", logger: logger)
        var result: [Applied] = []
        for try await (name, checksum) in rows.decode((String, String).self) {
            result.append(Applied(name: name, checksum: checksum))
        }
        return result
    }

    private static func checksum(of sql: String, _ connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "SELECT encode(sha256(convert_to(\(sql), 'UTF8')), 'hex')", logger: logger)
        for try await value in rows.decode(String.self) { return value }
        throw StorageError(.query, "checksum query returned nothing")
    }
}
