import Foundation
import PostgresNIO
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// Brands added, changed or removed after posts were classified: their history follows,
/// counted once, without classifying anything again.
@Suite("Brand backfill", .timeLimit(.minutes(2)))
struct BrandBackfillTests {
    /// Every rollup row of the brands, by brand name (ids differ between databases), plus the
    /// brand mentions: what a from-scratch classification must give as well.
    static func rollups(_ database: Database) async throws -> [String] {
        var lines: [String] = []
        for try await (name, bucket, kind, lang, posts, negative, neutral, positive, score) in try await database.client.query(
            """
            SELECT b.name, h.bucket, h.kind, h.lang, h.posts, h.negative, h.neutral, h.positive, h.score_sum
            FROM brand_hourly h JOIN brands b ON b.id = h.brand_id
            """
        ).decode((String, Date, String, String, Int32, Int32, Int32, Int32, Double).self) {
            lines.append("brand \(name) \(bucket) \(kind) \(lang) \(posts) \(negative) \(neutral) \(positive) \(String(format: "%.4f", score))")
        }
        for try await (category, name, bucket, lang, posts, negative, neutral, positive) in try await database.client.query(
            """
            SELECT h.category, COALESCE(b.name, 'all posts'), h.bucket, h.lang, h.posts, h.negative, h.neutral, h.positive
            FROM category_hourly h LEFT JOIN brands b ON b.id = h.brand_id
            """
        ).decode((String, String, Date, String, Int32, Int32, Int32, Int32).self) {
            lines.append("category \(category) \(name) \(bucket) \(lang) \(posts) \(negative) \(neutral) \(positive)")
        }
        for try await (url, name) in try await database.client.query(
            "SELECT p.url, b.name FROM post_brands pb JOIN posts p ON p.id = pb.post_id JOIN brands b ON b.id = pb.brand_id"
        ).decode((String?, String).self) {
            lines.append("mention \(url ?? "-") \(name)")
        }
        return lines.sorted()
    }

    /// What a classification of the fixtures with `brands` defined from the start gives.
    static func fromScratch(_ brands: [Brand]) async throws -> [String] {
        try await TestDatabase.with(label: "scratch") { database in
            try await BrandStore(database).upsert(brands)
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await PipelineTests.classify(database)
            return try await rollups(database)
        }
    }

    static func count(_ database: Database, _ sql: String) async throws -> Int64 {
        for try await n in try await database.client.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { return n }
        return -1
    }

    /// The classifications' own rows, to show a backfill rewrites none of them.
    static func classificationStamps(_ database: Database) async throws -> [String] {
        var stamps: [String] = []
        for try await (post, at, xmin) in try await database.client.query(
            "SELECT post_id, classified_at, xmin::text FROM classifications ORDER BY post_id"
        ).decode((Int64, Date, String).self) {
            stamps.append("\(post) \(at.timeIntervalSince1970) \(xmin)")
        }
        return stamps
    }

    @Test("a brand added after its posts were classified gets its whole history, and nothing is reclassified")
    func addedLater() async throws {
        let expected = try await Self.fromScratch([Fixtures.acme, Fixtures.globex])
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            try await store.upsert([Fixtures.acme])
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await PipelineTests.classify(database)
            let stamps = try await Self.classificationStamps(database)

            let saved = try await store.save([Fixtures.globex])
            // Every stored post is queued for the new brand's matching.
            #expect(saved.map(\.queuedPosts) == [Fixtures.trendRecords.count])
            #expect(try await BrandBackfill(database).queued(version: Classifier.version) == Fixtures.trendRecords.count)
            try await PipelineTests.classify(database)

            #expect(try await Self.rollups(database) == expected)
            #expect(try await Self.classificationStamps(database) == stamps)
            #expect(try await BrandBackfill(database).queued(version: Classifier.version) == 0)
            // Saving the same brand again queues nothing; a new alias alone neither.
            #expect(try await store.save([Fixtures.globex]).map(\.queuedPosts) == [0])
            var aliased = Fixtures.globex
            aliased.aliases = ["GBX"]
            #expect(try await store.save([aliased]).map(\.queuedPosts) == [0])

            // Its trend starts in the past, as the API and the CLI read it.
            let globex = try #require(try await store.find("Globex"))
            let extent = try #require(try await TrendStore(database).extent(brandID: globex.id!, version: Classifier.version))
            #expect(extent.first == Fixtures.date("2014-03-05T10:00:00Z"))
        }
    }

    @Test("changing a brand's query moves its counts to the posts the new query finds")
    func queryChanged() async throws {
        // "service" is in four Acme posts and the Globex one, not in the others.
        let changed = Brand(name: "Acme", query: "service AND NOT horrible")
        let expected = try await Self.fromScratch([changed, Fixtures.globex])
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            try await store.upsert([Fixtures.acme, Fixtures.globex])
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await PipelineTests.classify(database)
            let before = try await Self.rollups(database)
            #expect(before != expected)

            let saved = try await store.save([changed])
            #expect(saved.map(\.queuedPosts) == [Fixtures.trendRecords.count])
            try await PipelineTests.classify(database)
            #expect(try await Self.rollups(database) == expected)

            // And back: the original counts return exactly.
            try await store.save([Fixtures.acme])
            try await PipelineTests.classify(database)
            #expect(try await Self.rollups(database) == before)
        }
    }

    @Test("removing a brand removes its mentions and rollups, and only those")
    func removed() async throws {
        let expected = try await Self.fromScratch([Fixtures.globex])
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            let acme = try await store.upsert([Fixtures.acme, Fixtures.globex])[0]
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await PipelineTests.classify(database)
            #expect(try await PipelineTests.rollupTotal(database, brand: acme.id!) == 5)

            #expect(try await store.remove("ACME")?.id == acme.id)
            #expect(try await store.remove("Acme") == nil)
            #expect(try await Self.rollups(database) == expected)
            for table in ["brand_hourly", "category_hourly", "post_brands"] {
                #expect(try await Self.count(database, "SELECT count(*)::int8 FROM \(table) WHERE brand_id = \(acme.id!)") == 0)
            }
        }
    }

    @Test("two workers backfilling at once count each mention exactly once")
    func parallelBackfill() async throws {
        try await TestDatabase.with { database in
            let total = 400
            let records = (0..<total).map { i in
                ImportRecord(
                    url: "https://load.example/\(i)", publishedAt: Fixtures.date("2014-01-01").addingTimeInterval(Double(i) * 3600),
                    lang: "fr", body: "Message \(i) au sujet de Acme : \(i % 2 == 0 ? "excellent service" : "service horrible").")
            }
            _ = try await Importer(posts: PostStore(database), batchSize: 100).importRecords(records, sourceKind: .file)
            // Classified with no brand at all: the brand's history comes only from the backfill.
            try await PipelineTests.classify(database, batchSize: 50)
            let acme = try #require(try await BrandStore(database).save([Fixtures.acme]).first)
            #expect(acme.queuedPosts == total)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 { group.addTask { try await PipelineTests.classify(database, concurrency: 2, batchSize: 7) } }
                try await group.waitForAll()
            }
            let id = acme.brand.id!
            #expect(try await PipelineTests.rollupTotal(database, brand: id) == Int64(total))
            #expect(try await Self.count(database, "SELECT count(*)::int8 FROM post_brands WHERE brand_id = \(id)") == Int64(total))
            #expect(try await Self.count(
                database, "SELECT COALESCE(sum(negative), 0)::int8 FROM brand_hourly WHERE brand_id = \(id)") == Int64(total / 2))
            #expect(try await Self.count(database, "SELECT count(*)::int8 FROM brand_backfill_queue") == 0)
        }
    }

    @Test("a batch classified with a stale brand set queues its posts for the brands it missed")
    func staleWorker() async throws {
        let expected = try await Self.fromScratch([Fixtures.acme, Fixtures.globex])
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            try await store.upsert([Fixtures.acme])
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            try await ClassifierVersions(database).register(version: Classifier.version)
            // A worker loaded the brands (Acme alone) ...
            let stale = try await store.current()
            let classifier = try Classifier(brands: stale.brands)
            // ... then Globex was added, before the worker wrote anything: no post was classified
            // yet, so the change queued none.
            #expect(try await store.save([Fixtures.globex]).map(\.queuedPosts) == [0])
            let done = try await ClassifyQueue(database).classifyBatch(
                limit: 100, version: Classifier.version, brands: stale.revisions
            ) { posts in posts.map { ClassifyWorker.record(for: $0, classifier: classifier) } }
            #expect(done == Fixtures.trendRecords.count)
            // The batch saw Globex's revision, which its classifier lacked, and queued its posts.
            #expect(try await BrandBackfill(database).queued(version: Classifier.version) == Fixtures.trendRecords.count)
            try await PipelineTests.classify(database)
            #expect(try await Self.rollups(database) == expected)
        }
    }

    @Test("a running watch worker picks up a brand added while it runs")
    func watchingWorker() async throws {
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            try await store.upsert([Fixtures.acme])
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
            var configuration = ClassifyWorker.Configuration()
            configuration.pollInterval = .milliseconds(50)
            let (events, sink) = AsyncStream.makeStream(of: ClassifyWorker.Event.self)
            let worker = ClassifyWorker(
                database: database, classifier: try Classifier(brands: []), configuration: configuration,
                logger: TestDatabase.logger
            ) { sink.yield($0) }
            let running = Task { try await worker.run() }
            defer { running.cancel() }
            var progress = events.makeAsyncIterator()
            var classified = 0
            while classified < Fixtures.trendRecords.count, let event = await progress.next() {
                if case .committed(let n) = event { classified += n }
            }
            let globex = try #require(try await store.save([Fixtures.globex]).first)
            #expect(globex.queuedPosts == Fixtures.trendRecords.count)
            var backfilled = 0
            while backfilled < Fixtures.trendRecords.count, let event = await progress.next() {
                if case .backfilled(let n) = event { backfilled += n }
            }
            #expect(try await PipelineTests.rollupTotal(database, brand: globex.brand.id!) == 1)
            #expect(try await PipelineTests.rollupTotal(database, brand: try #require(try await store.find("Acme")?.id)) == 5)
            running.cancel()
            sink.finish()
        }
    }
}
