import Foundation
import Testing
import VigieStorage
import VigieTestSupport

/// The benchmarks as their own binary, `vigie-bench`, and a `vigie` that no longer carries them.
@Suite("Benchmarks apart from vigie")
struct BenchCommandLineTests {
    static func bench(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandLineTests.Run {
        try CommandLineTests.run("vigie-bench", arguments, environment: environment)
    }

    @Test("vigie has no benchmark left, and links neither FoundationXML nor libxml2")
    func vigieWithoutBenchmarks() throws {
        let help = try CommandLineTests.vigie(["--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("bench"), "\(help.stdout)")
        for arguments in [["bench", "classify"], ["feed", "bench"]] {
            let run = try CommandLineTests.vigie(arguments)
            #expect(run.status != 0 && run.stderr.contains("nexpected argument"), "\(arguments): \(run.stderr)")
        }

        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ldd.arguments = ["ldd", CommandLineTests.binary.path]
        let out = Pipe()
        ldd.standardOutput = out
        ldd.standardError = FileHandle.nullDevice
        try ldd.run()
        let libraries = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(ldd.terminationStatus == 0)
        #expect(libraries.contains("libc.so"), "\(libraries)")
        #expect(!libraries.lowercased().contains("xml"), "\(libraries)")
    }

    @Test("vigie-bench names its benchmarks and refuses bad counts")
    func help() throws {
        let help = try Self.bench(["--help"])
        #expect(help.status == 0)
        for word in ["feed", "classify", "ingest"] { #expect(help.stdout.contains(word), "help lacks \(word)") }
        let feedHelp = try Self.bench(["feed", "--help"])
        for flag in ["--iterations", "--items", "--feeds", "--write-fixtures"] {
            #expect(feedHelp.stdout.contains(flag), "feed help lacks \(flag)")
        }
        let zero = try Self.bench(["feed", "--iterations", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--iterations"), "\(zero.stderr)")
        let jobs = try Self.bench(["classify", "--jobs", "0"])
        #expect(jobs.status != 0 && jobs.stderr.contains("--jobs"), "\(jobs.stderr)")
        let missing = try Self.bench(["feed", "--feeds", "/nonexistent-vigie-feeds"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent-vigie-feeds"), "\(missing.stderr)")
    }

    @Test("feed prints the parser next to its tokenizer, the lexer and XMLParser, then the breakdown")
    func feedTable() throws {
        let run = try Self.bench(["feed", "--items", "60", "--iterations", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.contains("parse/tokenizer") == true)
        #expect(lines.first?.contains("XMLParser MiB/s") == true)
        for feed in ["rss20", "atom10", "noguid"] {
            let rows = lines.filter { $0.hasPrefix(feed + " ") }
            // One row in the speed table, one in the breakdown per item.
            #expect(rows.count == 2, "\(feed): \(rows)")
            #expect(rows.first?.split(separator: " ").dropFirst().first == "60")
        }
        #expect(run.stdout.contains("Best of 1 runs each"))
    }

    @Test("the fixtures written for feedparser are the feeds a folder run measures")
    func fixturesAndFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let write = try Self.bench(["feed", "--write-fixtures", folder.path, "--items", "25"])
        #expect(write.status == 0, "\(write.stderr)")
        for (name, element) in [("bench-rss20.xml", "<item>"), ("bench-atom10.xml", "<entry>")] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.components(separatedBy: element).count - 1 == 25, "\(name)")
            #expect(write.stdout.contains(folder.appendingPathComponent(name).path))
        }
        try Data(#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[]}"#.utf8)
            .write(to: folder.appendingPathComponent("feed.json"))
        let measured = try Self.bench(["feed", "--feeds", folder.path, "--iterations", "1"])
        #expect(measured.status == 0, "\(measured.stderr)")
        #expect(measured.stdout.contains("2 XML feeds, 50 entries"), "\(measured.stdout)")
        #expect(measured.stdout.contains("left out: 1"))
        #expect(measured.stdout.contains("left out (JSON Feed, or refused): feed.json"))
    }

    @Test("classify measures the classifier in-process, then import and worker on a database of its own",
        .timeLimit(.minutes(5)))
    func classify() async throws {
        let settings = try await TestDatabase.fresh(label: "bench")
        let run = try Self.bench(
            ["classify", "--posts", "100", "--end-to-end-posts", "300", "--brands", "5", "--batch-size", "50"],
            environment: Self.environment(settings))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("in-process: 100 posts"), "\(run.stdout)")
        #expect(run.stdout.contains("5 brand queries"))
        #expect(run.stdout.contains("import: 300 posts"), "\(run.stdout)")
        #expect(run.stdout.contains("worker end to end: 300 posts"), "\(run.stdout)")
        // The benchmark's own database is gone; the one it was pointed at is untouched.
        #expect(try await Self.benchDatabasesLeft(settings, like: "vigie_bench_%_classify") == 0)
    }

    @Test("ingest stores the feeds end to end, loads the same rows with psql \\copy, and prints the ratio",
        .timeLimit(.minutes(5)))
    func ingest() async throws {
        let settings = try await TestDatabase.fresh(label: "bench")
        let run = try Self.bench(
            ["ingest", "--feeds", "3", "--entries", "4", "--batch-size", "5", "--rounds", "2"], environment: Self.environment(settings))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("3 feeds, 12 posts, ") == true, "\(run.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("measure (best of 2)") == true, "\(run.stdout)")
        // Each measure stored all 12 rows, at a positive rate.
        for measure in ["end to end (insert)", "psql \\copy (ceiling)"] {
            let row = lines.first { $0.hasPrefix(measure) }?.dropFirst(measure.count).split(separator: " ") ?? []
            #expect(row.count == 3 && row[0] == "12", "\(measure): \(run.stdout)")
            #expect(row.count == 3 && (Double(row[2]) ?? 0) > 0, "\(measure): \(run.stdout)")
        }
        let ratio = lines.first { $0.hasPrefix("end to end / copy: ") } ?? ""
        #expect(ratio.hasSuffix("% (goal: at least 50%)"), "\(run.stdout)")
        #expect(lines.last?.hasPrefix("end to end in batches of 5; its client work alone: parse and map ") == true, "\(run.stdout)")
        for pattern in ["vigie_bench_%_ingest", "vigie_bench_%_copy"] {
            #expect(try await Self.benchDatabasesLeft(settings, like: pattern) == 0, "\(pattern)")
        }

        let zero = try Self.bench(["ingest", "--entries", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--entries"), "\(zero.stderr)")
    }

    @Test("collect runs one vigie collect over a loopback site and prints its peak memory and rates",
        .timeLimit(.minutes(3)))
    func collect() async throws {
        let settings = try await TestDatabase.fresh(label: "benchcollect")
        let run = try Self.bench(
            ["collect", "--sources", "20", "--entries", "3", "--passes", "2", "--interval", "1", "--jobs", "4"],
            environment: Self.environment(settings))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "one vigie collect over 20 feed sources, 2 passes of 3 new posts (--jobs 4)", "\(run.stdout)")
        let peak = lines.first { $0.hasPrefix("peak RSS (VmHWM)") }?.split(separator: " ").dropFirst(3).first.flatMap { Double($0) }
        #expect(peak.map { $0 > 1 && $0 < 150 } == true, "\(run.stdout)")
        // Every feed fetched on both passes, and the 20 × 2 × 3 posts stored once.
        let posts = lines.first { $0.hasPrefix("posts stored") }?.split(separator: " ").dropFirst(2).first
        #expect(posts == "120:", "\(run.stdout)")
        #expect(try await Self.benchDatabasesLeft(settings, like: "vigie_bench_%_collect") == 0)
        try await TestDatabase.drop(settings)

        let zero = try Self.bench(["collect", "--sources", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--sources"), "\(zero.stderr)")
    }

    /// libpq's variables naming `settings`' server and database.
    static func environment(_ settings: ConnectionSettings) -> [String: String] {
        [
            "PGHOST": settings.host, "PGPORT": String(settings.port), "PGUSER": settings.user,
            "PGDATABASE": settings.database, "PGPASSWORD": settings.password ?? "",
        ]
    }

    /// The benchmarks' databases whose name is `like` the pattern still on the server of
    /// `settings` (each benchmark's own suffix: the tests run at the same time).
    static func benchDatabasesLeft(_ settings: ConnectionSettings, like pattern: String) async throws -> Int {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query(
                "SELECT count(*)::int FROM pg_database WHERE datname LIKE \(pattern)")
            var count = -1
            for try await n in rows.decode(Int.self) { count = n }
            return count
        }
    }
}
