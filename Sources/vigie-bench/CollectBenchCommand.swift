import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import VigieCommandLine
import VigieModel
import VigieStorage

/// `vigie-bench collect`: one `vigie collect` process over many feeds on a loopback site:
/// its peak resident memory, and sources and posts per second.
struct CollectBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Memory and speed of one vigie collect process holding many feed sources.",
        discussion: """
            Serves --sources RSS 2.0 feeds on 127.0.0.1 (each fetch of a feed brings --entries new \
            posts, for --passes passes, then 304s), adds one source per feed, every --interval \
            seconds, to a fresh migrated database, and runs ONE `vigie collect` (the binary beside \
            vigie-bench: build both with -c release) until every feed was fetched --passes times. \
            Its VmRSS is sampled from /proc/PID/status every 50 ms; VmHWM (the kernel's peak) is read \
            before it is stopped. Prints the peak, sources fetched per second and posts stored per second.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Feed sources.") var sources = 1_000
    @Option(help: "New posts in each feed per pass.") var entries = 10
    @Option(help: "Passes over every source.") var passes = 3
    @Option(help: "Each source's interval in seconds.") var interval = 5
    @Option(help: "The collector's --jobs.") var jobs = 8
    @Option(help: "Give up after this many seconds.") var timeout = 600

    func validate() throws {
        for (flag, value) in [("--sources", sources), ("--entries", entries), ("--passes", passes), ("--interval", interval),
                              ("--jobs", jobs), ("--timeout", timeout)] where value <= 0 {
            throw ValidationError("\(flag) must be positive")
        }
    }

    func run() async throws {
        let logger = try db.makeLogger()
        let renderings = try IngestBenchmark.feeds(count: sources * passes, entries: entries).map(\.bytes)
        let site = BenchFeedSite(sources: sources, renderings: renderings)
        let vigie = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("vigie")
        guard FileManager.default.isExecutableFile(atPath: vigie.path) else {
            throw CLIError(.badInput, "no vigie binary beside vigie-bench at \(vigie.path): build both")
        }
        let (sources, interval, jobs, timeout) = (self.sources, self.interval, self.jobs, self.timeout)
        let run = try await BenchServer.with(db, logger: logger) { server in
            try await server.withDatabase(suffix: "_collect") { settings in
                try await Database.withDatabase(settings, logger: logger, maximumConnections: 2) { database in
                    try await Migrator(database: database).migrate()
                }
                return try await withThrowingTaskGroup(of: Void.self) { group in
                    let (ports, port) = AsyncStream.makeStream(of: Int.self)
                    group.addTask { try await site.application { port.yield($0) }.runService() }
                    var iterator = ports.makeAsyncIterator()
                    guard let sitePort = await iterator.next() else { throw CLIError(.software, "the feed site did not start") }
                    try await Database.withDatabase(settings, logger: logger, maximumConnections: 1) { database in
                        let store = SourceStore(database)
                        for n in 0..<sources {
                            _ = try await store.add(
                                name: "bench feed \(n)", kind: .feed, url: "http://127.0.0.1:\(sitePort)/feed/\(n)",
                                intervalSeconds: interval)
                        }
                    }
                    let run = try await Self.measure(
                        vigie, settings: settings, jobs: jobs, site: site, timeout: .seconds(timeout))
                    group.cancelAll()
                    let posts = try await Database.withDatabase(settings, logger: logger, maximumConnections: 1) { database in
                        try await PostStore(database).counts().total
                    }
                    return (run, posts)
                }
            }
        }
        let (measured, posts) = run
        let seconds = measured.seconds
        print("one vigie collect over \(sources) feed sources, \(passes) passes of \(entries) new posts (--jobs \(jobs))")
        print(String(format: "peak RSS (VmHWM)      %8.1f MiB (goal: under 150 MiB)", Double(measured.peakKiB) / 1024))
        print(String(format: "max sampled VmRSS     %8.1f MiB", Double(measured.maxSampledKiB) / 1024))
        print(String(format: "fetches               %8d in %.1f s: %.0f sources/s", measured.fetches, seconds, Double(measured.fetches) / seconds))
        print(String(format: "posts stored          %8d: %.0f posts/s", posts, Double(posts) / seconds))
        if site.finished < sources { throw CLIError(.partial, "only \(site.finished) of \(sources) feeds were fetched \(passes) times") }
    }

    struct Measure {
        var peakKiB = 0, maxSampledKiB = 0, fetches = 0
        var seconds = 0.0
    }

    /// Runs the collector until every feed was fetched on every pass, sampling its memory.
    static func measure(
        _ vigie: URL, settings: ConnectionSettings, jobs: Int, site: BenchFeedSite, timeout: Duration
    ) async throws -> Measure {
        let process = Process()
        process.executableURL = vigie
        process.arguments = ["collect", "--allow-private-networks", "--jobs", "\(jobs)", "--per-host-concurrency", "\(jobs)"]
        var environment = PSQL.environment(settings)
        environment["VIGIE_LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        var measure = Measure()
        while site.finished < site.sources, process.isRunning, ContinuousClock.now - started < timeout {
            try await Task.sleep(for: .milliseconds(50))
            let status = Self.status(process.processIdentifier)
            measure.maxSampledKiB = max(measure.maxSampledKiB, status["VmRSS"] ?? 0)
            measure.peakKiB = max(measure.peakKiB, status["VmHWM"] ?? 0)
        }
        measure.seconds = (ContinuousClock.now - started).seconds
        measure.fetches = site.requests
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return measure
    }

    /// The `kB` fields of `/proc/PID/status` (VmRSS, VmHWM, …).
    static func status(_ pid: Int32) -> [String: Int] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [:] }
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count == 3, parts[2] == "kB", let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        return fields
    }
}
