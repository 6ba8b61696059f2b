import Foundation
import Testing

/// The `vigie` binary as a user runs it.
@Suite("Command line")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binaries sit beside the test bundle in the build folder.
    static var binary: URL { binary("vigie") }

    static func binary(_ program: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(program)
    }

    static func vigie(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Run {
        try run("vigie", arguments, environment: environment, stdin: stdin)
    }

    /// Runs `program` (`vigie`, `vigie-bench`) without the database settings of the environment.
    static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary(program)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("help names every subcommand and explains the database settings")
    func help() throws {
        let run = try Self.vigie(["--help"])
        #expect(run.status == 0)
        for word in ["demo", "migrate", "import", "classify", "serve", "db", "feed", "DATABASE_URL", "PGHOST", "--data-dir"] {
            #expect(run.stdout.contains(word), "help lacks \(word)")
        }
        let importHelp = try Self.vigie(["import", "--help"])
        #expect(importHelp.stdout.contains("--database-url"))
        #expect(importHelp.stdout.contains("published_at"))
    }

    @Test("an unreachable database is one line naming the address, and a failure status")
    func unreachable() throws {
        let run = try Self.vigie(["migrate"], environment: ["DATABASE_URL": "postgres://vigie@127.0.0.1:1/vigie"])
        #expect(run.status == 69, "unavailable, as the README's exit statuses say")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:1"))
        #expect(run.stderr.contains("connection refused"))
    }

    @Test("a password written in --database-url draws a warning")
    func passwordFlag() throws {
        let run = try Self.vigie(["migrate", "--database-url", "postgres://vigie:hunter2@127.0.0.1:1/vigie"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("password in --database-url"), "\(run.stderr)")
        #expect(!run.stderr.contains("hunter2"))
        let quiet = try Self.vigie(["migrate", "--database-url", "postgres://vigie@127.0.0.1:1/vigie"])
        #expect(!quiet.stderr.contains("password in --database-url"))
    }

    @Test("bad flags are refused before anything runs")
    func validation() throws {
        let run = try Self.vigie(["classify", "--batch-size", "0"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--batch-size"))
        let url = try Self.vigie(["migrate", "--database-url", "mysql://x@y/z"])
        #expect(url.status == 78)
        #expect(url.stderr.contains("postgres://"))
        let port = try Self.vigie(["serve"], environment: ["VIGIE_PORT": "eighty"])
        #expect(port.status == 78)
        #expect(port.stderr.contains("VIGIE_PORT"), "\(port.stderr)")
    }

    @Test("vigie config prints every setting once, secrets masked, with their origin")
    func config() throws {
        let run = try Self.vigie(
            ["config", "--pgport", "6543"],
            environment: ["DATABASE_URL": "postgres://app:topsecret@db.example:5432/app", "PGPASSWORD": "hunter2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("topsecret"))
        #expect(!run.stdout.contains("hunter2"))
        #expect(run.stdout.contains("DATABASE_URL=postgres://app:********@db.example:5432/app"))
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix("PGPORT=6543") && $0.hasSuffix("# --pgport") })
        let list = try Self.vigie(["config", "--list"])
        #expect(list.stdout.contains("PGPASSWORD_FILE"))
        #expect(list.stdout.contains("VIGIE_LOG_LEVEL, --log-level"))
    }

    @Test("db stop says so when no local cluster runs in its folder")
    func stopWithoutCluster() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-nocluster-\(UUID().uuidString)")
        let run = try Self.vigie(["db", "stop", "--data-dir", folder.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("no local cluster running in \(folder.path)"), "\(run.stdout)")
        #expect(!run.stdout.contains("stopped"))
    }

    @Test("classify --stdin explains itself without a database")
    func classifyStdin() throws {
        let run = try Self.vigie(
            ["classify", "--stdin"],
            stdin: "{\"id\": \"1\", \"text\": \"Je n'aime pas du tout la SNCF, encore un train supprimé !\"}\n{\"text\": \"I love Google, great service.\"}\nnot json\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("stdin:3"))
        let lines = run.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        let first = try #require(lines[0] ?? nil)
        #expect(first["id"] as? String == "1")
        #expect(first["lang"] as? String == "fr")
        #expect((first["sentiment"] as? [String: Any])?["label"] as? String == "negative")
        #expect(((first["brands"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "SNCF" })
        #expect(!((first["explanation"] as? [String]) ?? []).isEmpty)
        let second = try #require(lines[1] ?? nil)
        #expect(second["lang"] as? String == "en")
        #expect((second["sentiment"] as? [String: Any])?["label"] as? String == "positive")
    }

    @Test("classify --stdin gives each brand its own sentiment, explained")
    func classifyStdinBrandSentiment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-brands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let brands = folder.appendingPathComponent("brands.json")
        try Data(#"[{"name": "Acme"}, {"name": "Globex"}]"#.utf8).write(to: brands)
        let run = try Self.vigie(
            ["classify", "--stdin", "--brands", brands.path],
            stdin: #"{"id": "1", "text": "J'adore Acme, service excellent. Globex est nul, service horrible, une honte."}"# + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let entries = try #require(result["brands"] as? [[String: Any]])
        var byName: [String: [String: Any]] = [:]
        for entry in entries { byName[entry["name"] as? String ?? ""] = entry["sentiment"] as? [String: Any] }
        #expect(byName["Acme"]?["label"] as? String == "positive")
        #expect(byName["Globex"]?["label"] as? String == "negative")
        #expect((byName["Globex"]?["score"] as? Double ?? 0) < 0)
        let why = byName["Globex"]?["explanation"] as? [String] ?? []
        #expect(why.first?.hasPrefix("sentence 2: \"Globex est nul") == true, "\(why)")
    }
}
