import Foundation
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport

/// The queue, results and rollups without a worker: batches are classified by a fixed
/// labeller, so the counts are known in advance.
@Suite("Classifier versions and the queue")
struct ClassifierVersionTests {
    /// Labels every post negative, a complaint, mentioning `brand` when it names Acme:
    /// a stand-in for "a classifier".
    static func allNegative(_ posts: [LeasedPost], brand: Int64) -> [ClassificationRecord] {
        posts.map {
            ClassificationRecord(
                postID: $0.id, lang: "fr", sentiment: .negative, score: -0.5,
                brandIDs: $0.body.contains("Acme") ? [brand] : [], categories: ["complaint"])
        }
    }

    /// Stores records as an import would, with their content fingerprints.
    static func store(_ records: [ImportRecord], _ database: Database) async throws -> PostStore.InsertResult {
        try await PostStore(database).insert(records.map { NewPost(record: $0, fingerprint: $0.fingerprint, canonicalURL: $0.canonicalURL) })
    }

    /// Stores Acme and the trend records, and registers `version`: returns Acme's id.
    static func seed(_ database: Database, version: String) async throws -> Int64 {
        let acme = try await BrandStore(database).upsert([Fixtures.acme])[0]
        _ = try await store(Fixtures.trendRecords, database)
        try await ClassifierVersions(database).register(version: version)
        return try #require(acme.id)
    }

    @Test("posts stored before and after a version registers are queued for it once")
    func oneEnqueuePath() async throws {
        try await TestDatabase.with { database in
            let (early, late) = (Array(Fixtures.trendRecords.prefix(4)), Array(Fixtures.trendRecords.dropFirst(4)))
            let stored = try await Self.store(early, database)
            #expect(stored.inserted == early.count)
            let queue = ClassifyQueue(database)
            // No version yet: nothing to queue for.
            #expect(try await PostStore(database).counts().queued == 0)
            #expect(try await ClassifierVersions(database).register(version: "v1") == .active)
            #expect(try await queue.queued(version: "v1") == early.count)
            #expect(try await Self.store(late, database).inserted == late.count)
            #expect(try await queue.queued(version: "v1") == Fixtures.trendRecords.count)
            // Registering again, or storing the same posts again, queues nothing more.
            #expect(try await ClassifierVersions(database).register(version: "v1") == .active)
            #expect(try await Self.store(Fixtures.trendRecords, database).duplicates == Fixtures.trendRecords.count)
            #expect(try await queue.queued(version: "v1") == Fixtures.trendRecords.count)
        }
    }

    @Test("a batch that fails leaves its posts queued and counts nothing")
    func failedBatchRollsBack() async throws {
        struct Boom: Error {}
        try await TestDatabase.with { database in
            _ = try await Self.store(Fixtures.trendRecords, database)
            try await ClassifierVersions(database).register(version: "test-1")
            // Named with the posts it had leased, so that a worker can split the batch.
            let failed = await #expect(throws: FailedBatch.self) {
                try await ClassifyQueue(database).classifyBatch(limit: 100, version: "test-1") { _ in throw Boom() }
            }
            #expect(failed?.postIDs.count == Fixtures.trendRecords.count)
            #expect(failed?.underlying is Boom)
            #expect(try await ClassifyQueue(database).queued(version: "test-1") == Fixtures.trendRecords.count)
            let rows = try await database.client.query(
                "SELECT (SELECT count(*) FROM classifications)::int8, (SELECT count(*) FROM brand_hourly)::int8")
            for try await (classified, rollups) in rows.decode((Int64, Int64).self) {
                #expect(classified == 0)
                #expect(rollups == 0)
            }
        }
    }

    @Test("a batch lands in both rollups in the same hour")
    func rollupsAgree() async throws {
        try await TestDatabase.with { database in
            let acmeID = try await Self.seed(database, version: "v1")
            let done = try await ClassifyQueue(database).classifyBatch(limit: 100, version: "v1") {
                Self.allNegative($0, brand: acmeID)
            }
            #expect(done == Fixtures.trendRecords.count)
            // Every Acme post is a complaint: per hour, the brand's count equals its complaints.
            let rows = try await database.client.query(
                """
                SELECT b.bucket, b.posts::int8, COALESCE(c.posts, 0)::int8
                FROM brand_hourly b
                LEFT JOIN category_hourly c ON c.brand_id = b.brand_id AND c.bucket = b.bucket
                     AND c.classifier_version = b.classifier_version AND c.lang = b.lang AND c.category = 'complaint'
                WHERE b.brand_id = \(acmeID)
                """)
            var hours = 0
            for try await (_, brandPosts, complaints) in rows.decode((Date, Int64, Int64).self) {
                #expect(brandPosts == complaints)
                hours += 1
            }
            #expect(hours == 5)
            let all = try await TrendStore(database).categories(
                brandID: 0, version: "v1", interval: .month, from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(all[Fixtures.date("2014-03-01")]?["complaint"] == Fixtures.trendRecords.count)
        }
    }

    @Test("a new version backfills while the old one serves, then switches at once")
    func reclassify() async throws {
        try await TestDatabase.with { database in
            let old = "old-1"
            let acmeID = try await Self.seed(database, version: old)
            let versions = ClassifierVersions(database)
            let queue = ClassifyQueue(database)
            _ = try await queue.classifyBatch(limit: 100, version: old) { Self.allNegative($0, brand: acmeID) }

            // A different version is refused unless asked to reclassify.
            do {
                try await versions.register(version: "next")
                Issue.record("expected a refusal")
            } catch let error as StorageError {
                #expect(error.code == .versionMismatch)
                #expect(error.description.contains("--reclassify"))
            }
            #expect(try await versions.register(version: "next", reclassify: true) == .backfilling(active: old))
            #expect(try await queue.queued(version: "next") == Fixtures.trendRecords.count)

            // A post stored during the backfill is queued for both versions.
            let late = ImportRecord(
                url: "https://blog.example/late", publishedAt: Fixtures.date("2014-03-10T15:00:00Z"),
                body: "Acme, encore un colis perdu.")
            _ = try await Self.store([late], database)
            #expect(try await queue.queued(version: old) == 1)
            #expect(try await queue.queued(version: "next") == Fixtures.trendRecords.count + 1)

            // Half the backfill: still serving the old version.
            _ = try await queue.classifyBatch(limit: 4, version: "next") { Self.allNegative($0, brand: acmeID) }
            #expect(try await versions.activateIfBackfilled(version: "next") == false)
            #expect(try await versions.active() == old)

            _ = try await queue.classifyBatch(limit: 100, version: "next") { Self.allNegative($0, brand: acmeID) }
            #expect(try await versions.activateIfBackfilled(version: "next") == true)
            #expect(try await versions.active() == "next")
            // The old version's leftover work is dropped; it is retired.
            #expect(try await queue.queued(version: old) == 0)
            do {
                try await versions.register(version: old)
                Issue.record("expected a refusal")
            } catch let error as StorageError {
                #expect(error.code == .versionRetired)
            }

            let months = try await TrendStore(database).trend(
                brandID: acmeID, version: "next", interval: .month,
                from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(months.map(\.posts) == [6])
            #expect(months.map(\.negative) == [6])
            let categories = try await TrendStore(database).categories(
                brandID: 0, version: "next", interval: .month, from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(categories[Fixtures.date("2014-03-01")]?["complaint"] == Fixtures.trendRecords.count + 1)
        }
    }
}
