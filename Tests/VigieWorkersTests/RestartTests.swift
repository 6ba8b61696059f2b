import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// A database that goes away in the middle of classification: nothing is lost,
/// nothing is counted twice.
@Suite("Database restarts", .timeLimit(.minutes(5)))
struct RestartTests {
    @Test("the worker survives a crash and restart of PostgreSQL and counts each post once")
    func crashMidWrite() async throws {
        try await TemporaryCluster.with(durable: true) { cluster, settings in
            let total = 3_000
            let brand = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                let brand = try await BrandStore(database).upsert([Brand(name: "Acme")])[0]
                let records = (0..<total).map { i in
                    ImportRecord(
                        url: "https://restart.example/\(i)", publishedAt: Date(timeIntervalSince1970: 1_400_000_000 + Double(i) * 600),
                        body: "Avis \(i) sur Acme : \(i % 3 == 0 ? "service excellent" : "livraison en retard, très déçu").")
                }
                _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
                return brand
            }
            let classifier = try Classifier(brands: [brand])

            try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                var configuration = ClassifyWorker.Configuration()
                configuration.batchSize = 25
                configuration.concurrency = 2
                configuration.drain = true
                configuration.maximumBackoff = .milliseconds(500)
                // A call caught on a dying connection is given up quickly here.
                configuration.attemptTimeout = .seconds(5)
                let (events, sink) = AsyncStream.makeStream(of: ClassifyWorker.Event.self)
                let worker = ClassifyWorker(
                    database: database, classifier: classifier, configuration: configuration, logger: TestDatabase.logger
                ) { sink.yield($0) }
                let running = Task {
                    defer { sink.finish() }
                    try await worker.run()
                }
                defer { running.cancel() }
                var progress = events.makeAsyncIterator()

                // Let it get going, then crash the server.
                var committed = 0
                while committed < 200, let event = await progress.next() {
                    if case .committed(let n) = event { committed += n }
                }
                try cluster.stop(immediate: true)
                // The crash came with work left, and the server is really down.
                #expect(committed < total)
                #expect(try await Self.classified(settings) == nil)

                // The worker sees the outage for what it is and backs off; then the server comes back.
                var failure: DatabaseFailure?
                while failure == nil, let event = await progress.next() {
                    if case .retrying(let seen, _) = event { failure = seen }
                }
                #expect(failure == .unavailable)
                _ = try cluster.start()
                // Draining, the worker returns once the queue is empty.
                try await running.value
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
    }

    /// Posts classified so far, or nil while the server is down.
    static func classified(_ settings: ConnectionSettings) async throws -> Int? {
        do {
            return try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
                let rows = try await database.client.query("SELECT count(*)::int8 FROM classifications")
                for try await n in rows.decode(Int64.self) { return Int(n) }
                return 0
            }
        } catch let error where DatabaseFailure.classify(error) == .unavailable {
            return nil
        }
    }
}
