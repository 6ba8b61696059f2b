import ArgumentParser

@main
struct Vigie: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Brand reputation and information governance monitor.",
        discussion: """
            Database: Vigie reads its PostgreSQL settings the way libpq does: DATABASE_URL \
            (postgres://user:password@host:port/database?sslmode=disable|prefer|require) or \
            PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE. The --database-url and \
            --pg* flags override the environment. When neither names a server, Vigie starts and \
            uses a local cluster in --data-dir (default $VIGIE_DATA_DIR, else \
            ~/.local/share/vigie, or /var/lib/vigie for root), created with initdb from the \
            installed PostgreSQL server; 'vigie db' manages it.

            Quick start: 'vigie demo' imports the bundled sample corpus, classifies it, prints \
            trends and serves the API.
            """,
        subcommands: [
            DemoCommand.self, MigrateCommand.self, ImportCommand.self, ClassifyCommand.self, ServeCommand.self,
            BrandsCommand.self, TokenCommand.self, DBCommand.self, FeedCommand.self, GenerateCommand.self,
        ]
    )
}
