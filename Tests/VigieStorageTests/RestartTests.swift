import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// A database that goes away in the middle of classification: nothing is lost,
/// nothing is counted twice.
@Suite("Database restarts")
struct RestartTests {
    @Test("the worker survives a crash and restart of PostgreSQL and counts each post once")
    func crashMidWrite() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = LocalCluster(directory: directory, durable: true)
        defer {
            _ = try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: directory)
        }
        let settings = try cluster.start()
        let total = 3_000
        let brand = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await Migrator(database: database).migrate()
            let brand = try await BrandStore(database).upsert([BrandDefinition(name: "Acme")])[0]
            let records = (0..<total).map { i in
                ImportRecord(
                    url: "https://restart.example/\(i)", publishedAt: Date(timeIntervalSince1970: 1_400_000_000 + Double(i) * 600),
                    body: "Avis \(i) sur Acme : \(i % 3 == 0 ? "service excellent" : "livraison en retard, très déçu").")
            }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: "file")
            return brand
        }
        let classifier = try Classifier(brands: [BrandRule(id: brand.id, name: brand.name, query: brand.query)])

        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            var configuration = ClassifyWorker.Configuration()
            configuration.batchSize = 25
            configuration.concurrency = 2
            configuration.pollInterval = .milliseconds(50)
            configuration.maximumBackoff = .milliseconds(500)
            // A call caught on a dying connection is given up quickly here.
            configuration.attemptTimeout = .seconds(5)
            let worker = ClassifyWorker(
                database: database, classifier: classifier, configuration: configuration,
                logger: TestDatabase.logger)
            let running = Task { try await worker.run() }
            defer { running.cancel() }

            // Let it get going, then crash the server and bring it back.
            try await Self.waitUntil { try await Self.classified(settings) >= 200 }
            let before = try await Self.classified(settings)
            try cluster.stop(immediate: true)
            // The crash came with work left, and the server is really down.
            #expect(before < total)
            #expect(try await Self.classified(settings) == -1)
            try await Task.sleep(for: .milliseconds(300))
            _ = try cluster.start()

            try await Self.waitUntil(timeout: .seconds(120)) { try await Self.classified(settings) == total }
            running.cancel()
            _ = try? await running.value
        }

        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            let rows = try await database.client.query(
                """
                SELECT (SELECT count(*) FROM classifications)::int8,
                       (SELECT count(DISTINCT post_id) FROM classifications)::int8,
                       (SELECT COALESCE(sum(posts), 0) FROM brand_hourly)::int8,
                       (SELECT count(*) FROM classify_queue)::int8
                """)
            for try await (all, distinct, counted, queued) in rows.decode((Int64, Int64, Int64, Int64).self) {
                #expect(all == Int64(total))
                #expect(distinct == Int64(total))
                #expect(counted == Int64(total))
                #expect(queued == 0)
            }
        }
    }

    static func classified(_ settings: ConnectionSettings) async throws -> Int {
        do {
            return try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
                let rows = try await database.client.query("SELECT count(*)::int8 FROM classifications")
                for try await n in rows.decode(Int64.self) { return Int(n) }
                return 0
            }
        } catch {
            return -1  // the server is down for now
        }
    }

    static func waitUntil(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within \(timeout)")
        throw CancellationError()
    }
}
