import ArgumentParser
import Foundation
import VigieCommandLine
import VigieModel

@main
struct Vigie: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Brand reputation and information governance monitor.",
        discussion: """
            Database: Vigie finds PostgreSQL as libpq does: each parameter from the first of a \
            flag (--database-url, --pghost, --pgport, --pguser, --pgdatabase), DATABASE_URL \
            (postgres://user:password@host:port/database?sslmode=...), the PG* variables \
            (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, ...) and ~/.pgpass. When \
            nothing names a server, Vigie starts and uses a local cluster in --data-dir (default \
            $VIGIE_DATA_DIR, else ~/.local/share/vigie, or /var/lib/vigie for root), created with \
            initdb from the installed PostgreSQL server; 'vigie db' manages it. 'vigie config' \
            prints every setting.

            Quick start: 'vigie demo' imports the bundled sample corpus, classifies it, prints \
            trends and serves the API.
            """,
        version: VigieVersion.current,
        subcommands: [
            DemoCommand.self, MigrateCommand.self, ImportCommand.self, ClassifyCommand.self, CollectCommand.self,
            ServeCommand.self, BrandsCommand.self, SourceCommand.self, TokenCommand.self, DBCommand.self, FeedCommand.self,
            GenerateCommand.self, ConfigCommand.self,
        ]
    )

    /// Runs the command; a `CLIError` ends it with its one line and its exit status.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            exit(withError: ExitCode(error.status.rawValue))
        } catch {
            exit(withError: error)
        }
    }
}
