import Testing
import VigieConfig

@Suite("Configuration")
struct ConfigurationTests {
    @Test("a flag beats the environment, which beats a secret's file, which beats the default")
    func precedence() throws {
        let files = ["/run/secret": "from-file\n"]
        let read: @Sendable (String) throws -> String = { path in
            guard let text = files[path] else { throw Unreadable() }
            return text
        }
        let both = Configuration(
            environment: ["PGPASSWORD": "from-env", "PGPASSWORD_FILE": "/run/secret", "VIGIE_PORT": "9000"],
            flags: [Settings.port: "9100"], readFile: read)
        #expect(try both.entry(Settings.pgPassword).value == "from-env")
        #expect(try both.entry(Settings.pgPassword).origin == .environment)
        #expect(try both.entry(Settings.port).value == "9100")
        #expect(try both.entry(Settings.port).origin == .flag)

        let fileOnly = Configuration(environment: ["PGPASSWORD_FILE": "/run/secret"], readFile: read)
        #expect(try fileOnly.value(Settings.pgPassword) == "from-file")
        #expect(try fileOnly.entry(Settings.pgPassword).origin == .file)

        let none = Configuration(environment: [:], readFile: read)
        #expect(try none.entry(Settings.port).origin == .default)
        #expect(try none.port(Settings.port) == 8080)
        #expect(try none.entry(Settings.pgHost).origin == .unset)
        #expect(try none.value(Settings.pgHost) == nil)
    }

    @Test("empty values count as unset, as libpq reads them")
    func emptyIsUnset() throws {
        let config = Configuration(environment: ["PGHOST": "", "VIGIE_PORT": ""], flags: [Settings.pgHost: ""])
        #expect(try config.value(Settings.pgHost) == nil)
        #expect(try config.entry(Settings.port).origin == .default)
    }

    @Test("a refused value names its variable or flag")
    func refused() {
        #expect(throws: ConfigurationError(key: "VIGIE_PORT", "'http' is not a port number between 1 and 65535")) {
            try Configuration(environment: ["VIGIE_PORT": "http"]).value(Settings.port)
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration(environment: ["VIGIE_PORT": "70000"]).value(Settings.port)
        }
        #expect(throws: ConfigurationError(key: "--log-level", "'loud' is not one of \(Settings.logLevels.joined(separator: ", "))")) {
            try Configuration(environment: [:], flags: [Settings.logLevel: "loud"]).value(Settings.logLevel)
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration(environment: ["DATABASE_URL": "mysql://x@y/z"]).value(Settings.databaseURL)
        }
        #expect(throws: ConfigurationError(key: "PGPASSWORD_FILE", "cannot read '/nowhere'")) {
            try Configuration(environment: ["PGPASSWORD_FILE": "/nowhere"], readFile: { _ in throw Unreadable() })
                .value(Settings.pgPassword)
        }
    }

    @Test("the dump masks secrets, keeps a URL readable and tells each origin")
    func dump() throws {
        let config = Configuration(
            environment: [
                "DATABASE_URL": "postgres://vigie:s3cr%40t@db.internal:5432/vigie?sslmode=require",
                "PGPASSWORD": "hunter2", "VIGIE_LOG_LEVEL": "debug",
            ],
            flags: [Settings.host: "0.0.0.0"])
        let text = try config.dump()
        #expect(!text.contains("s3cr"))
        #expect(!text.contains("hunter2"))
        #expect(text.contains("DATABASE_URL=postgres://vigie:********@db.internal:5432/vigie?sslmode=require"))
        #expect(text.contains("PGPASSWORD=********"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == Settings.all.count)
        #expect(lines.contains { $0.hasPrefix("VIGIE_HOST=0.0.0.0") && $0.hasSuffix("# --host") })
        #expect(lines.contains { $0.hasPrefix("VIGIE_LOG_LEVEL=debug") && $0.hasSuffix("# environment") })
        #expect(lines.contains { $0.hasPrefix("VIGIE_PORT=8080") && $0.hasSuffix("# default") })
        #expect(lines.contains { $0.hasPrefix("PGHOST=") && $0.contains("# unset") })
    }

    @Test("every setting is declared once, and only secrets read a file")
    func table() {
        let keys = Settings.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        let flags = Settings.all.compactMap(\.flag)
        #expect(Set(flags).count == flags.count)
        for setting in Settings.all where setting.isSecret {
            #expect(setting.flag == nil || setting.key == "DATABASE_URL", "\(setting.key) is a secret with a flag")
            #expect(setting.fileKey == setting.key + "_FILE")
            #expect(Settings.named(setting.key + "_FILE") == setting)
        }
        #expect(Settings.all.filter { !$0.isSecret }.allSatisfy { $0.fileKey == nil })
    }
}

private struct Unreadable: Error {}
