import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

/// `vigie collect` processes against a loopback site of many feeds: several workers at
/// once, one killed mid-fetch, the database restarted under them, hostile sources.
@Suite("Collector workers survive faults", .serialized, .timeLimit(.minutes(4)))
struct CollectorFaultTests {
    typealias H = CollectorHarness

    @Test("4 workers over 500 sources: each fetched once per interval, none starved, none twice at once")
    func manyWorkers() async throws {
        // 50 fetches a second: what four debug-built workers keep up with on a shared 2-core machine.
        let (feeds, interval) = (500, 10)
        let site = try await H.site(feeds: feeds, delay: .milliseconds(50), itemsEvery: .seconds(interval))
        let settings = try await TestDatabase.fresh(label: "collect4")
        try await H.addFeeds(settings, (0..<feeds).map { ("feed \($0)", site.feedURL($0)) }, interval: interval)

        let workers = try (0..<4).map {
            try H.start(settings, name: "worker-\($0)", ["--jobs", "16", "--lease", "10", "--per-host-concurrency", "64"])
        }
        try await Task.sleep(for: .seconds(3 * interval + 3))
        let logs = workers.map(H.log)
        #expect(H.stop(workers) == [0, 0, 0, 0], "\(logs.map { $0.suffix(2000) })")

        // Per source: two fetches start at least the interval less its jitter (10%) apart,
        // never overlap, and the longest wait stays within the interval plus the workers' lag.
        var starved: [Int] = [], early: [String] = [], late: [String] = [], overlapping: [Int] = []
        var counts: [Int] = [], allGaps: [Double] = []
        for n in 0..<feeds {
            let hits = site.hits(of: "/feed/\(n).xml")
            counts.append(hits.count)
            if hits.count < 2 { starved.append(n) }
            if FixtureSite.overlap(hits) { overlapping.append(n) }
            let gaps = zip(hits.dropFirst(), hits).map { ($0.start - $1.start).seconds }
            allGaps += gaps
            if let gap = gaps.min(), gap < Double(interval) * 0.9 - 0.1 { early.append("\(n): \(gap) s") }
            if let gap = gaps.max(), gap > Double(interval) * 1.1 + 4 { late.append("\(n): \(gap) s") }
        }
        print("fetches per source over \(3 * interval + 3) s: min \(counts.min() ?? 0), max \(counts.max() ?? 0), "
              + "mean \(Double(counts.reduce(0, +)) / Double(feeds)); gap between fetches: "
              + "min \(allGaps.min() ?? 0) s, max \(allGaps.max() ?? 0) s, mean \(allGaps.reduce(0, +) / Double(max(allGaps.count, 1))) s")
        #expect(starved.isEmpty, "fetched fewer than twice: \(starved.prefix(20))")
        #expect(overlapping.isEmpty, "fetched twice at once: \(overlapping.prefix(20))")
        #expect(early.isEmpty, "fetched again before the interval: \(early.prefix(20))")
        #expect(late.isEmpty, "waited too long: \(late.prefix(20))")

        let stored = try await H.stored(settings)
        #expect(stored.posts == stored.distinctURLs && stored.posts == stored.distinctFingerprints)
        #expect(stored.urls == site.servedPosts, "stored \(stored.urls.count), served \(site.servedPosts.count)")
        #expect(stored.leased == 0, "leases left after a graceful stop")
        try await site.stop()
        try await TestDatabase.drop(settings)
    }

    @Test("kill -9 mid-fetch: another worker fetches its sources once the lease runs out; no post stored twice")
    func killedMidFetch() async throws {
        let (feeds, lease) = (24, 6)
        let site = try await H.site(feeds: feeds, delay: .seconds(3), itemsEvery: .seconds(3600))
        let settings = try await TestDatabase.fresh(label: "collectkill")
        try await H.addFeeds(settings, (0..<feeds).map { ("feed \($0)", site.feedURL($0)) }, interval: 3600)
        let arguments = ["--jobs", "4", "--lease", "\(lease)", "--per-host-concurrency", "8"]

        let first = try H.start(settings, name: "first", arguments)
        // Mid-fetch: some sources done and stored, others waiting on the site's answer.
        var inFlight: [String] = []
        try await StartupTests.waitFor(seconds: 60) {
            let hits = site.hits
            let done = hits.filter { $0.status == 200 }.count
            inFlight = hits.filter { $0.end == nil && ContinuousClock.now - $0.start > .milliseconds(300) }.map(\.path)
            return done >= 4 && !inFlight.isEmpty
        }
        try #require(!inFlight.isEmpty, "the first worker never had a fetch in flight")
        kill(first.pid, SIGKILL)
        let killed = ContinuousClock.now
        first.process.waitUntilExit()
        let storedAtKill = try await H.stored(settings)
        #expect(storedAtKill.posts > 0 && storedAtKill.posts < feeds)

        let second = try H.start(settings, name: "second", arguments)
        try await StartupTests.waitFor(seconds: 90) {
            try await H.sources(settings).allSatisfy { $0.state.lastFetchAt != nil }
        }
        #expect(H.stop([second]) == [0])

        for path in inFlight {
            let hits = site.hits(of: path)
            let again = try #require(hits.first { $0.start > killed && $0.status == 200 }, "\(path) never fetched again")
            // Renewed every lease/3: the lease runs out no sooner than 2/3 of it after the kill.
            #expect(again.start - killed >= .seconds(Double(lease) * 2 / 3 - 0.5), "\(path) taken before its lease ran out")
            #expect(!FixtureSite.overlap(hits), "\(path) fetched twice at once")
        }
        let stored = try await H.stored(settings)
        #expect(stored.posts == feeds && stored.distinctURLs == feeds && stored.distinctFingerprints == feeds)
        #expect(stored.leased == 0)
        try await site.stop()
        try await TestDatabase.drop(settings)
    }

    @Test("PostgreSQL restarted mid-ingest: workers retry, reconnect and go on; every post stored once")
    func databaseRestart() async throws {
        let (feeds, interval) = (100, 5)
        let site = try await H.site(feeds: feeds, delay: .milliseconds(50), itemsEvery: .seconds(interval), window: 10)
        try await TemporaryCluster.with { cluster, settings in
            try await H.addFeeds(settings, (0..<feeds).map { ("feed \($0)", site.feedURL($0)) }, interval: interval)
            let workers = try (0..<2).map {
                try H.start(settings, name: "worker-\($0)", ["--jobs", "8", "--lease", "10", "--per-host-concurrency", "16"])
            }
            try await StartupTests.waitFor(seconds: 60) { try await H.stored(settings).posts > 0 }
            _ = try cluster.stop()
            let stopped = ContinuousClock.now
            try await Task.sleep(for: .seconds(4))
            _ = try cluster.start()
            // Every source collected again once the server is back.
            let back = Date()
            try await StartupTests.waitFor(seconds: 90) {
                (try? await H.sources(settings).allSatisfy { ($0.state.lastFetchAt ?? .distantPast) > back.addingTimeInterval(1) })
                    ?? false
            }
            let running = workers.allSatisfy { $0.process.isRunning }
            #expect(running, "a worker exited while the server was away")
            let logs = workers.map(H.log)
            #expect(logs.contains { $0.contains("database call failed; retrying") }, "\(logs.map { $0.suffix(2000) })")
            #expect(site.hits.contains { $0.start > stopped + .seconds(1) }, "no fetch while the server was away")
            #expect(H.stop(workers) == [0, 0])

            let stored = try await H.stored(settings)
            #expect(stored.posts == stored.distinctURLs && stored.posts == stored.distinctFingerprints)
            #expect(stored.urls == site.servedPosts, "stored \(stored.urls.count), served \(site.servedPosts.count)")
            #expect(stored.leased == 0)
        }
        try await site.stop()
    }

    @Test("hostile sources end with their error recorded, within the timeout, and slow no healthy source")
    func hostileSources() async throws {
        let site = try await FixtureSite(FixtureSite.Configuration(feeds: 1))
        let settings = try await TestDatabase.fresh(label: "collecthostile")
        let hostile = FixtureSite.HostilePath.allCases
        try await H.addFeeds(settings, [("healthy", site.feedURL(0))] + hostile.map { ($0.rawValue, site.url($0.path)) }, interval: 3600)
        let (timeout, clocks) = (4.0, H.Clocks())
        let worker = try H.start(
            settings, name: "hostile",
            ["--jobs", "16", "--per-host-concurrency", "16", "--fetch-timeout", "4", "--read-timeout", "2", "--connect-timeout", "2"])
        try await StartupTests.waitFor(seconds: 60) {
            try await H.sources(settings).allSatisfy { $0.state.lastFetchAt != nil }
        }
        let log = H.log(worker)
        #expect(H.stop([worker]) == [0], "\(log.suffix(2000))")

        let sources = Dictionary(uniqueKeysWithValues: try await H.sources(settings).map { ($0.name, $0) })
        let expected: [FixtureSite.HostilePath: [String]] = [
            .hang: ["timeout"], .trickle: ["timeout"], .error: ["HTTP 500"], .garbage: ["not a feed"],
            .loop: ["redirect"], .endless: ["larger than"], .bomb: ["expands"],
        ]
        for path in hostile {
            let source = try #require(sources[path.rawValue])
            let error = source.state.lastError ?? ""
            print("\(path.rawValue): \(error)")
            #expect(expected[path, default: []].allSatisfy { error.contains($0) }, "\(path.rawValue): '\(error)'")
            #expect(source.state.consecutiveErrors == 1)
            let start = try #require(site.hits.first { $0.path.hasPrefix(path.path) }?.start)
            let took = try #require(source.state.lastFetchAt).timeIntervalSince(clocks.date(of: start))
            #expect(took < timeout + 1.5, "\(path.rawValue) took \(took) s")
        }
        let retried = try #require(sources["error"]?.state)
        #expect(try #require(retried.nextFetchAt).timeIntervalSince(try #require(retried.lastFetchAt)) >= 119, "Retry-After ignored")

        let healthy = try #require(sources["healthy"]?.state)
        #expect(healthy.lastError == nil && healthy.lastStatus == 200)
        let hit = try #require(site.hits(of: "/feed/0.xml").first)
        let took = try #require(healthy.lastFetchAt).timeIntervalSince(clocks.date(of: hit.start))
        #expect(took < 1.5, "the healthy source took \(took) s")
        #expect(try await H.stored(settings).urls == site.servedPosts)
        try await site.stop()
        try await TestDatabase.drop(settings)
    }
}
