import ArgumentParser
import VigieCommandLine
import VigieConfig

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration, secrets masked.",
        discussion: """
            One KEY=value line per setting, with where its value came from: a flag, the \
            environment, a KEY_FILE (secrets), the default, or unset. Secrets (DATABASE_URL's \
            password, PGPASSWORD) are masked. Exits with status 78 when a setting is refused. \
            With --list, prints the table of settings instead: variable, flag, default and meaning.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "The API's address, as 'vigie serve --host' takes it.") var host: String?
    @Option(help: "The API's port, as 'vigie serve --port' takes it.") var port: String?
    @Flag(help: "List every setting with its flag, default and meaning.") var list = false

    func run() throws {
        if list {
            for setting in Settings.all {
                var names = setting.key
                if let flag = setting.flag { names += ", --\(flag)" }
                if let file = setting.fileKey { names += ", \(file)" }
                let shown = setting.defaultValue ?? setting.defaultDescription ?? "none"
                print("\(names)\n    \(setting.summary) Default: \(shown).\(setting.isSecret ? " Secret: masked." : "")")
            }
            return
        }
        let config = db.configuration([Settings.host: host, Settings.port: port])
        print(try CLIError.wrap { try config.dump() })
    }
}
