import Foundation
import PostgresNIO
import Testing
import VigieSchema
import VigieStorage
import VigieTestSupport

@Suite("Migrations")
struct MigratorTests {
    @Test("migrate applies every file on an empty database, then is a no-op")
    func fromEmpty() async throws {
        let all = try SchemaFiles.all().map(\.name)
        #expect(all.first == "0001_init.sql")
        try await TestDatabase.with(migrate: false) { database in
            let migrator = try Migrator(database: database)
            #expect(try await migrator.pending() == all)
            #expect(try await migrator.migrate() == all)
            #expect(try await migrator.migrate() == [])
            #expect(try await migrator.pending() == [])
            let applied = try await migrator.applied()
            #expect(applied.map(\.name) == all)
            #expect(applied.allSatisfy { $0.checksum.count == 64 })
            // The tables exist.
            let rows = try await database.client.query(
                "SELECT count(*)::int8 FROM information_schema.tables WHERE table_name IN ('posts', 'sources', 'brands', 'classifications', 'brand_hourly', 'classify_queue')")
            for try await count in rows.decode(Int64.self) { #expect(count == 6) }
        }
    }

    @Test("an applied migration that was edited is refused")
    func editedRefused() async throws {
        try await TestDatabase.with(migrate: true) { database in
            var files = try SchemaFiles.all()
            files[0] = SchemaFiles.Migration(name: files[0].name, sql: files[0].sql + "\n-- edited\n")
            let migrator = try Migrator(database: database, migrations: files)
            await #expect(throws: StorageError.self) { try await migrator.migrate() }
            do {
                try await migrator.migrate()
            } catch let error as StorageError {
                #expect(error.code == .migrationEdited)
                #expect(error.description.contains("0001_init.sql"))
            }
        }
    }

    @Test("a database migrated by a newer build is refused")
    func newerRefused() async throws {
        try await TestDatabase.with(migrate: true) { database in
            try await database.client.query("INSERT INTO schema_migrations (name, checksum) VALUES ('9999_future.sql', 'x')")
            do {
                try await Migrator(database: database).migrate()
                Issue.record("expected a refusal")
            } catch let error as StorageError {
                #expect(error.code == .schemaTooNew)
            }
        }
    }

    @Test("a failing migration rolls back and names itself")
    func failingRollsBack() async throws {
        try await TestDatabase.with(migrate: false) { database in
            var files = try SchemaFiles.all()
            files.append(SchemaFiles.Migration(name: "9000_bad.sql", sql: "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;"))
            let migrator = try Migrator(database: database, migrations: files)
            do {
                try await migrator.migrate()
                Issue.record("expected a failure")
            } catch let error as StorageError {
                #expect(error.code == .migrationFailed)
                #expect(error.description.contains("9000_bad.sql"))
            }
            let rows = try await database.client.query("SELECT to_regclass('half_done') IS NULL")
            for try await missing in rows.decode(Bool.self) { #expect(missing) }
            #expect(try await migrator.pending() == ["9000_bad.sql"])
        }
    }

    @Test("two processes migrating at once apply each file once")
    func concurrent() async throws {
        let settings = try await TestDatabase.fresh(label: "concurrent", migrated: false)
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                        try await Migrator(database: database).migrate()
                    }
                }
            }
            var all: [[String]] = []
            for try await names in group { all.append(names) }
            return all
        }
        try await TestDatabase.drop(settings)
        let expected = try SchemaFiles.all().map(\.name)
        #expect(results.flatMap { $0 }.sorted() == expected.sorted())
    }

    @Test("SQL scripts split on semicolons outside quotes and comments")
    func scriptSplitting() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (t text DEFAULT 'x;y');
            /* block; comment */ INSERT INTO a VALUES ($$;$$);
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            """
        let statements = SQLScript.statements(sql)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("DEFAULT 'x;y')"))
        #expect(statements[1].contains("$$;$$"))
        #expect(statements[2].contains("SELECT 1; $body$"))
    }
}
