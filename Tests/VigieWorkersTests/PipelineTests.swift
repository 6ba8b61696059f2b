import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

@Suite("Classification and trends")
struct PipelineTests {
    static func classify(_ database: Database, concurrency: Int = 1, batchSize: Int = 2) async throws {
        let brands = try await BrandStore(database).all()
        let classifier = try Classifier(brands: brands)
        var configuration = ClassifyWorker.Configuration()
        configuration.drain = true
        configuration.batchSize = batchSize
        configuration.concurrency = concurrency
        try await ClassifyWorker(
            database: database, classifier: classifier, configuration: configuration,
            logger: TestDatabase.logger
        ).run()
    }

    static func load(_ database: Database) async throws -> (acme: Brand, globex: Brand) {
        let stored = try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])
        _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
        return (stored[0], stored[1])
    }

    @Test("a trend over a known dataset has exact counts per day")
    func dailyTrend() async throws {
        try await TestDatabase.with { database in
            let (acme, globex) = try await Self.load(database)
            try await Self.classify(database)
            let version = try #require(try await ClassifierVersions(database).active())
            #expect(version == Classifier.version)
            let trends = TrendStore(database)
            let days = try await trends.trend(
                brandID: acme.id!, version: version, interval: .day,
                from: Fixtures.date("2014-03-03"), to: Fixtures.date("2014-03-11"))
            #expect(days.count == 8)
            #expect(days.map(\.posts) == [3, 0, 1, 0, 0, 0, 0, 1])
            #expect(days[0].positive == 2)
            #expect(days[0].negative == 1)
            #expect(days[2].negative == 1)
            #expect(days[7].neutral == 1)
            #expect(days[0].start == Fixtures.date("2014-03-03"))
            let weeks = try await trends.trend(
                brandID: acme.id!, version: version, interval: .week,
                from: Fixtures.date("2014-03-03"), to: Fixtures.date("2014-03-17"))
            #expect(weeks.map(\.posts) == [4, 1])
            let month = try await trends.trend(
                brandID: globex.id!, version: version, interval: .month,
                from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(month.map(\.posts) == [1])
            #expect(month[0].positive == 1)
        }
    }

    @Test("re-running classification never double-counts")
    func rerunIsNoop() async throws {
        try await TestDatabase.with { database in
            let (acme, _) = try await Self.load(database)
            try await Self.classify(database)
            try await Self.classify(database)
            // Importing again queues nothing, so nothing is counted again.
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await Self.classify(database)
            let total = try await Self.rollupTotal(database, brand: acme.id!)
            #expect(total == 5)
            #expect(try await PostStore(database).counts().queued == 0)
        }
    }

    @Test("parallel workers classify each post exactly once")
    func parallelWorkers() async throws {
        try await TestDatabase.with { database in
            let acme = try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])[0]
            var records: [ImportRecord] = []
            for i in 0..<400 {
                records.append(ImportRecord(
                    url: "https://load.example/\(i)", publishedAt: Fixtures.date("2014-01-01").addingTimeInterval(Double(i) * 3600),
                    lang: "fr", body: "Message \(i) au sujet de Acme : \(i % 2 == 0 ? "excellent service" : "service horrible")."))
            }
            _ = try await Importer(posts: PostStore(database), batchSize: 100).importRecords(records, sourceKind: .file)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.classify(database, concurrency: 2, batchSize: 7) } }
                try await group.waitForAll()
            }
            #expect(try await Self.rollupTotal(database, brand: acme.id!) == 400)
            let rows = try await database.client.query("SELECT count(*)::int8, count(DISTINCT post_id)::int8 FROM classifications")
            for try await (all, distinct) in rows.decode((Int64, Int64).self) {
                #expect(all == 400)
                #expect(distinct == 400)
            }
        }
    }

    static func rollupTotal(_ database: Database, brand: Int64) async throws -> Int64 {
        let rows = try await database.client.query(
            "SELECT COALESCE(sum(posts), 0)::int8 FROM brand_hourly WHERE brand_id = \(brand)")
        for try await total in rows.decode(Int64.self) { return total }
        return -1
    }
}
