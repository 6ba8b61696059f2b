import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import VigieCommandLine
import VigieModel
import VigieStorage
import VigieWorkers

/// `vigie-bench ingest`: feeds end to end into PostgreSQL, next to `psql \copy` of the same
/// rows, in one run on one server.
struct IngestBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest speed: feeds parsed, fingerprinted and stored, next to psql \\copy of the same rows.",
        discussion: """
            Renders --feeds RSS 2.0 feeds of --entries posts from the synthetic corpus. End to end: \
            each feed's bytes parsed, its entries mapped to records, fingerprinted and stored by the \
            importer's batches through PostStore.insert (dedupe, edits, classification queue), into a \
            fresh migrated database: posts per wall-clock second. Ceiling: the same rows, same columns, \
            loaded by `psql \\copy posts (...) FROM file` into another fresh migrated database (same \
            indexes) on the same server: rows per second, psql's start included. Both run on a \
            throwaway cluster (or the configured server) in the same run, alternated --rounds times, \
            the best of each shown; the ratio is what counts.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Feeds to render.") var feeds = 200
    @Option(help: "Posts per feed.") var entries = 50
    @Option(help: "Posts per insert transaction (the importer's batch).") var batchSize = 1_000
    @Option(help: "Rounds of both measures, alternated; the best of each is shown.") var rounds = 3

    func validate() throws {
        for (flag, value) in [("--feeds", feeds), ("--entries", entries), ("--batch-size", batchSize), ("--rounds", rounds)] where value <= 0 {
            throw ValidationError("\(flag) must be positive")
        }
    }

    func run() async throws {
        let logger = try db.makeLogger()
        let feeds = try IngestBenchmark.feeds(count: feeds, entries: entries)
        let bytes = feeds.reduce(0) { $0 + $1.bytes.count }
        // The ceiling's rows, made outside its timing: the same records the end-to-end run
        // stores. The client's work alone is timed here.
        let parseStart = ContinuousClock.now
        let records = try feeds.flatMap(IngestBenchmark.records(of:))
        let parseSeconds = (ContinuousClock.now - parseStart).seconds
        let posts = records.map { NewPost($0) }
        let fingerprintSeconds = (ContinuousClock.now - parseStart).seconds - parseSeconds
        let (batchSize, rounds, expected) = (batchSize, rounds, posts.count)
        // The best of each measure over the rounds, which alternate the two: on a shared
        // machine, a single short run of either says more about the neighbours than about it.
        let (endToEnd, copy) = try await BenchServer.with(db, logger: logger) { server in
            var best: (endToEnd: (posts: Int, seconds: Double), copy: (rows: Int, seconds: Double))?
            for _ in 0..<rounds {
                let endToEnd = try await server.withDatabase(suffix: "_ingest") { settings in
                    try await Self.endToEnd(feeds, expected: expected, batchSize: batchSize, settings: settings, logger: logger)
                }
                let copy = try await server.withDatabase(suffix: "_copy") { settings in
                    try await Self.copy(posts, settings: settings, binDirectory: server.binDirectory, logger: logger)
                }
                best = (
                    best.map { $0.endToEnd.seconds <= endToEnd.seconds ? $0.endToEnd : endToEnd } ?? endToEnd,
                    best.map { $0.copy.seconds <= copy.seconds ? $0.copy : copy } ?? copy
                )
            }
            return best!
        }
        let e2eRate = Double(endToEnd.posts) / endToEnd.seconds
        let copyRate = Double(copy.rows) / copy.seconds
        print(String(format: "%d feeds, %d posts, %.1f MiB of RSS 2.0", feeds.count, posts.count, Double(bytes) / 1_048_576))
        print("measure (best of \(rounds))         rows     seconds      rows/s")
        print(String(format: "%-22@ %9d %11.3f %11.0f", "end to end (insert)" as NSString, endToEnd.posts, endToEnd.seconds, e2eRate))
        print(String(format: "%-22@ %9d %11.3f %11.0f", "psql \\copy (ceiling)" as NSString, copy.rows, copy.seconds, copyRate))
        print(String(format: "end to end / copy: %.0f%% (goal: at least 50%%)", e2eRate / copyRate * 100))
        print(String(
            format: "end to end in batches of %d; its client work alone: parse and map %.3f s, fingerprint %.3f s",
            batchSize, parseSeconds, fingerprintSeconds))
    }

    /// Parses, maps, fingerprints and stores every feed through the importer's batches.
    static func endToEnd(
        _ feeds: [IngestBenchmark.Feed], expected: Int, batchSize: Int, settings: ConnectionSettings, logger: Logger
    ) async throws -> (posts: Int, seconds: Double) {
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 3) { database in
                try await Migrator(database: database).migrate()
                let start = ContinuousClock.now
                // Each feed parsed when the importer reads its entries: parsing overlaps storing.
                // A feed that does not parse gives no records, and the count below tells.
                let records = feeds.lazy.flatMap { feed in (try? IngestBenchmark.records(of: feed)) ?? [] }
                let report = try await Importer(posts: PostStore(database), batchSize: batchSize)
                    .importRecords(records, sourceKind: .feed)
                let seconds = (ContinuousClock.now - start).seconds
                guard report.inserted == expected else {
                    throw CLIError(.software, "end to end stored \(report.inserted) of \(expected) posts")
                }
                return (report.inserted, seconds)
            }
        }
    }

    /// Loads the rows with `psql \copy` from a file, after creating their sources.
    static func copy(
        _ posts: [NewPost], settings: ConnectionSettings, binDirectory: String?, logger: Logger
    ) async throws -> (rows: Int, seconds: Double) {
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 1) { database in
                try await Migrator(database: database).migrate()
                let names = Array(Set(posts.map { $0.record.source ?? "" })).sorted()
                var sourceIDs: [String: Int64] = [:]
                let rows = try await database.client.query(
                    """
                    INSERT INTO sources (name, kind)
                    SELECT name, \(SourceKind.feed.rawValue) FROM unnest(\(names)::text[]) AS name
                    RETURNING id, name
                    """, logger: logger)
                for try await (id, name) in rows.decode((Int64, String).self) { sourceIDs[name] = id }
                let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-bench-\(getpid()).copy")
                try Data(IngestBenchmark.copyText(posts, sourceIDs: sourceIDs)).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let start = ContinuousClock.now
                try PSQL.run(
                    "\\copy posts (\(IngestBenchmark.copyColumns)) FROM '\(file.path)'", settings: settings,
                    binDirectory: binDirectory)
                let seconds = (ContinuousClock.now - start).seconds
                var stored = 0
                for try await n in try await database.client.query("SELECT count(*)::int8 FROM posts", logger: logger)
                    .decode(Int64.self)
                {
                    stored = Int(n)
                }
                guard stored == posts.count else { throw CLIError(.software, "psql \\copy stored \(stored) of \(posts.count) rows") }
                return (stored, seconds)
            }
        }
    }
}

/// The `psql` client, run with the connection given in libpq's variables.
enum PSQL {
    /// This process's environment, with libpq's variables naming `settings` (for psql, and
    /// for the `vigie` processes a benchmark runs).
    static func environment(_ settings: ConnectionSettings) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["PGHOST"] = settings.host
        environment["PGPORT"] = String(settings.port)
        environment["PGUSER"] = settings.user
        environment["PGDATABASE"] = settings.database
        environment["PGSSLMODE"] = settings.sslMode.rawValue
        if let password = settings.password { environment["PGPASSWORD"] = password }
        return environment
    }

    /// Runs one psql meta-command or statement; throws with psql's error output on failure.
    static func run(_ command: String, settings: ConnectionSettings, binDirectory: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable(binDirectory: binDirectory), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        process.environment = environment(settings)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError(.unavailable, "psql failed (status \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// psql beside the configured server programs, else in the newest Debian server
    /// directory, else on the PATH.
    static func executable(binDirectory: String?) -> String {
        var candidates: [String] = []
        if let binDirectory, !binDirectory.isEmpty { candidates.append(binDirectory) }
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(debian)/\($0)/bin" }
        for directory in candidates {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("psql").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return "psql"
    }
}
