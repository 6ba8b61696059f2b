import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing
import VigieDemoSite
import VigieStorage
import VigieTestSupport

/// `vigie collect` as ops run it: a long-lived process with its metrics on an address of
/// its own, stopped with SIGTERM.
@Suite("vigie collect: metrics and a graceful stop", .timeLimit(.minutes(3)))
struct CollectCommandTests {
    @Test("serves Prometheus metrics while it collects, and stops cleanly on SIGTERM")
    func metricsAndSigterm() async throws {
        let settings = try await TestDatabase.fresh(label: "collect_metrics")
        let site = try DemoSite(start: Date(), releaseEvery: .seconds(3600))
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            group.addTask {
                try await site.application(port: 0) { port in continuation.yield(port) }.runService()
            }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let sitePort = try #require(await iterator.next())

            let added = try CommandLineTests.vigie(
                ["source", "add", "--kind", "feed", "--name", "demo blog", "http://127.0.0.1:\(sitePort)/feed/"],
                environment: StartupTests.environment(settings))
            #expect(added.status == 0, "\(added.stderr)")

            let log = FileManager.default.temporaryDirectory.appendingPathComponent("collect-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let worker = Process()
            worker.executableURL = CommandLineTests.binary
            worker.arguments = [
                "collect", "--allow-private-networks", "--metrics-address", "127.0.0.1:0", "--log-level", "info",
                "--name", "metrics-test",
            ]
            worker.environment = StartupTests.environment(settings)
            worker.standardOutput = FileHandle.nullDevice
            worker.standardError = try FileHandle(forWritingTo: log)
            try worker.run()
            defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }

            // The worker says where its metrics are once it listens.
            var metricsURL: String?
            try await StartupTests.waitFor(seconds: 60) {
                metricsURL = Self.metricsURL(in: StartupTests.text(log))
                return metricsURL != nil
            }
            let url = try #require(metricsURL, "no metrics address in the log:\n\(StartupTests.text(log))")
            try await StartupTests.waitFor(seconds: 60) { try await Self.posts(settings) > 0 }
            let stored = try await Self.posts(settings)
            #expect(stored > 0)

            let metrics = try await Self.get(url)
            #expect(metrics.contains(#"vigie_collector_fetches_total{kind="feed",outcome="fetched"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"vigie_collector_posts_total{result="inserted"} \#(stored)"#), "\(metrics)")
            #expect(metrics.contains("vigie_collector_fetch_duration_seconds_bucket"))
            #expect(metrics.contains("vigie_collector_lease_lag_seconds_count 1"))
            #expect(metrics.contains(#"vigie_collector_http_responses_total{status="2xx"} 1"#))
            let bytes = Self.value(of: "vigie_collector_bytes_total", in: metrics) ?? 0
            #expect(bytes > 1000)

            // SIGTERM: no new claims, nothing in flight, exit 0 within a few seconds.
            let stopping = ContinuousClock.now
            kill(worker.processIdentifier, SIGTERM)
            try await StartupTests.waitFor(seconds: 30) { !worker.isRunning }
            #expect(!worker.isRunning)
            #expect(ContinuousClock.now - stopping < .seconds(15))
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0, "\(StartupTests.text(log))")
            #expect(StartupTests.text(log).contains("collector stopped"))
            // The source's state is on its row, and its lease was released.
            let state = try await Self.sourceState(settings)
            #expect(state.status == 200 && state.errors == 0 && !state.leased)
        }
        try await TestDatabase.drop(settings)
    }

    static func metricsURL(in log: String) -> String? {
        guard let range = log.range(of: #"http://127\.0\.0\.1:[0-9]+/metrics"#, options: .regularExpression) else { return nil }
        return String(log[range])
    }

    static func value(of metric: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(metric + " ") {
            return Double(line.split(separator: " ").last ?? "")
        }
        return nil
    }

    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
        let body = try await response.body.collect(upTo: 1 << 20)
        return String(buffer: body)
    }

    static func posts(_ settings: ConnectionSettings) async throws -> Int {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            var n = 0
            for try await count in try await database.client.query("SELECT count(*)::int8 FROM posts").decode(Int64.self) {
                n = Int(count)
            }
            return n
        }
    }

    static func sourceState(_ settings: ConnectionSettings) async throws -> (status: Int?, errors: Int, leased: Bool) {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query(
                "SELECT last_status, consecutive_errors, lease_owner IS NOT NULL FROM sources WHERE name = 'demo blog'")
            for try await (status, errors, leased) in rows.decode((Int32?, Int32, Bool).self) {
                return (status.map(Int.init), Int(errors), leased)
            }
            return (nil, -1, true)
        }
    }
}
