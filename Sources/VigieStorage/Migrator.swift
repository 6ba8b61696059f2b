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
/// - Concurrent runs serialise on a session advisory lock held on one connection.
public struct Migrator: Sendable {
    public struct Applied: Sendable, Equatable {
        public let name: String
        public let checksum: String
    }

    /// Advisory lock key: the bytes of "vigiemig" as a big-endian Int64.
    static let lockKey: Int64 = 0x7669_6769_656d_6967

    let database: Database
    let migrations: [SchemaFiles.Migration]

    public init(database: Database, migrations: [SchemaFiles.Migration]? = nil) throws {
        self.database = database
        self.migrations = try migrations ?? SchemaFiles.all()
    }

    /// Applies pending migrations; returns the names applied by this call.
    @discardableResult
    public func migrate() async throws -> [String] {
        let logger = database.logger
        let migrations = self.migrations
        return try await database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await Self.prepare(connection, migrations: migrations, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
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
        _ connection: PostgresConnection, migrations: [SchemaFiles.Migration], logger: Logger
    ) async throws -> [String] {
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
