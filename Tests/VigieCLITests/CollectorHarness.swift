import Foundation
import PostgresNIO
import VigieModel
import VigieStorage
import VigieTestSupport

/// `vigie collect` processes against a ``FixtureSite``, and what they stored.
enum CollectorHarness {
    /// A worker process; stderr (its logs) goes to a file read back with ``log(_:)``.
    struct Worker {
        var process: Process
        var log: URL
        var pid: Int32 { process.processIdentifier }
    }

    static func start(_ settings: ConnectionSettings, name: String, _ arguments: [String]) throws -> Worker {
        let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("collect-\(name)-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["collect", "--allow-private-networks", "--name", name] + arguments
        var environment = StartupTests.environment(settings)
        environment["PGAPPNAME"] = name
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return Worker(process: process, log: log)
    }

    /// Asks `workers` to stop (SIGTERM) and waits for them; returns their exit statuses.
    static func stop(_ workers: [Worker]) -> [Int32] {
        for worker in workers where worker.process.isRunning { kill(worker.pid, SIGTERM) }
        return workers.map { worker in
            worker.process.waitUntilExit()
            try? FileManager.default.removeItem(at: worker.log)
            return worker.process.terminationStatus
        }
    }

    static func log(_ worker: Worker) -> String {
        (try? String(contentsOf: worker.log, encoding: .utf8)) ?? ""
    }

    /// A site of `feeds` feeds answering after `delay`, a new item every `itemsEvery`.
    static func site(feeds: Int, delay: Duration, itemsEvery: Duration, window: Int = 3) async throws -> FixtureSite {
        var configuration = FixtureSite.Configuration(feeds: feeds)
        configuration.delay = delay
        configuration.itemsEvery = itemsEvery
        configuration.window = window
        return try await FixtureSite(configuration)
    }

    /// Adds one feed source per `(name, url)`, every `interval` seconds, due now.
    static func addFeeds(_ settings: ConnectionSettings, _ feeds: [(String, String)], interval: Int) async throws {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let store = SourceStore(database)
            for (name, url) in feeds {
                _ = try await store.add(name: name, kind: .feed, url: url, intervalSeconds: interval)
            }
        }
    }

    static func sources(_ settings: ConnectionSettings) async throws -> [Source] {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            try await SourceStore(database).list()
        }
    }

    /// What the posts table holds: its rows, its distinct URLs, the URLs, and the sources
    /// still leased.
    struct Stored: Sendable {
        var posts = 0, distinctURLs = 0, distinctFingerprints = 0, leased = 0
        var urls: Set<String> = []
    }

    static func stored(_ settings: ConnectionSettings) async throws -> Stored {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            var stored = Stored()
            let counts = try await database.client.query(
                """
                SELECT (SELECT count(*) FROM posts)::int8, (SELECT count(DISTINCT url) FROM posts)::int8,
                       (SELECT count(DISTINCT fingerprint) FROM posts)::int8,
                       (SELECT count(*) FROM sources WHERE lease_owner IS NOT NULL)::int8
                """, logger: TestDatabase.logger)
            for try await (posts, urls, fingerprints, leased) in counts.decode((Int64, Int64, Int64, Int64).self) {
                stored = Stored(posts: Int(posts), distinctURLs: Int(urls), distinctFingerprints: Int(fingerprints), leased: Int(leased))
            }
            let rows = try await database.client.query("SELECT url FROM posts WHERE url IS NOT NULL", logger: TestDatabase.logger)
            for try await url in rows.decode(String.self) { stored.urls.insert(url) }
            return stored
        }
    }

    /// The wall-clock time of a monotonic instant, to compare the site's log with dates the
    /// workers stored.
    struct Clocks {
        let instant = ContinuousClock.now
        let date = Date()

        func date(of instant: ContinuousClock.Instant) -> Date {
            let offset = instant - self.instant
            return date.addingTimeInterval(Double(offset.components.seconds) + Double(offset.components.attoseconds) / 1e18)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
