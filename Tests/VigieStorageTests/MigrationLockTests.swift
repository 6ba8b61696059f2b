import Foundation
import InMemoryLogging
import Logging
import PostgresNIO
import Testing
import VigieSchema
import VigieStorage
import VigieTestSupport

@Suite("Migration lock and timeouts", .timeLimit(.minutes(2)))
struct MigrationLockTests {
    @Test("a run that waits for another's migration lock says so, then migrates once it is free")
    func waitsAndLogs() async throws {
        let log = InMemoryLogHandler()
        var logger = Logger(label: "vigie.test") { _ in log }
        logger.logLevel = .info
        try await withEmptyDatabase(logger: logger) { database in
            try await database.client.withConnection { holder in
                try await holder.query("SELECT pg_advisory_lock(\(Int64(0x7669_6769_656d_6967)))", logger: TestDatabase.logger)
                let run = Task { try await Migrator(database: database).migrate() }
                let deadline = ContinuousClock.now + .seconds(20)
                while !log.entries.contains(where: { $0.message == "waiting for the migration lock" }),
                    ContinuousClock.now < deadline
                {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(log.entries.contains { $0.message == "waiting for the migration lock" && $0.level == .info })
                #expect(try await Migrator(database: database).pending().count == SchemaFiles.all().count)
                try await holder.query("SELECT pg_advisory_unlock(\(Int64(0x7669_6769_656d_6967)))", logger: TestDatabase.logger)
                #expect(try await run.value == SchemaFiles.all().map(\.name))
            }
        }
    }

    @Test("a migration stuck behind a table lock fails after the lock timeout")
    func lockTimeout() async throws {
        try await withEmptyDatabase { database in
            try await database.client.query("CREATE TABLE held (x int)")
            let migration = SchemaFiles.Migration(name: "0001_alter.sql", sql: "ALTER TABLE held ADD COLUMN y int;")
            try await database.client.withConnection { holder in
                try await holder.query("BEGIN", logger: TestDatabase.logger)
                try await holder.query("LOCK TABLE held IN ACCESS SHARE MODE", logger: TestDatabase.logger)
                let started = ContinuousClock.now
                do {
                    try await Migrator(database: database, migrations: [migration], lockTimeout: .milliseconds(500)).migrate()
                    Issue.record("the migration ran under another transaction's lock")
                } catch let error as StorageError {
                    #expect(error.code == .migrationFailed)
                    #expect(error.description.contains("lock timeout"), "\(error)")
                }
                #expect(ContinuousClock.now - started < .seconds(10))
                try await holder.query("ROLLBACK", logger: TestDatabase.logger)
            }
            // Once the lock is gone the same migration applies.
            #expect(try await Migrator(database: database, migrations: [migration]).migrate() == ["0001_alter.sql"])
        }
    }

    @Test("with automatic migration off, a database lacking migrations is refused and left untouched")
    func requireCurrent() async throws {
        try await withEmptyDatabase { database in
            let migrator = try Migrator(database: database)
            do {
                try await migrator.requireCurrent()
                Issue.record("an empty database passed as current")
            } catch let error as StorageError {
                #expect(error.code == .schemaTooOld)
                #expect(error.description.contains("VIGIE_AUTO_MIGRATE=0"))
                #expect(error.description.contains("0001_init.sql"))
            }
            let rows = try await database.client.query("SELECT to_regclass('schema_migrations') IS NULL")
            for try await untouched in rows.decode(Bool.self) { #expect(untouched) }
            try await migrator.migrate()
            try await migrator.requireCurrent()
        }
    }
}
