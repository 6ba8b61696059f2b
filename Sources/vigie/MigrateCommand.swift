import ArgumentParser
import VigieCommandLine
import VigieStorage

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations.",
        discussion: """
            Applies the numbered SQL files shipped with this build, each in a transaction, and \
            records them in schema_migrations. Safe to run from several processes at once. \
            Refuses to run when an applied migration was edited. Other commands migrate on \
            their own; this one also lists what it did.
            """)

    @OptionGroup var db: DatabaseOptions
    @Flag(help: "Only list applied and pending migrations.") var status = false

    func run() async throws {
        let logger = try db.makeLogger()
        let status = self.status
        try await db.withDatabase(logger: logger, migrate: false) { database in
            let migrator = try Migrator(database: database)
            if status {
                for applied in try await migrator.applied() { print("applied  \(applied.name)") }
                for pending in try await migrator.pending() { print("pending  \(pending)") }
                return
            }
            let names = try await migrator.migrate()
            print(names.isEmpty ? "schema up to date" : names.map { "applied  \($0)" }.joined(separator: "\n"))
        }
    }
}
