import Foundation
import Testing
import VigieClassify
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

@Suite("Classification and trends")
struct PipelineTests {
    static func classify(_ database: Database, concurrency: Int = 1, batchSize: Int = 2) async throws {
        let brands = try await BrandStore(database).all()
        let classifier = try Classifier(stored: brands)
        var configuration = ClassifyWorker.Configuration()
        configuration.drain = true
        configuration.batchSize = batchSize
        configuration.concurrency = concurrency
        try await ClassifyWorker(
            database: database, classifier: classifier, configuration: configuration,
            logger: TestDatabase.logger
        ).run()
    }

    static func load(_ database: Database) async throws -> (acme: StoredBrand, globex: StoredBrand) {
        let stored = try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])
        _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: "file")
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
                brandID: acme.id, version: version, interval: .day,
                from: Fixtures.date("2014-03-03"), to: Fixtures.date("2014-03-11"))
            #expect(days.count == 8)
            #expect(days.map(\.posts) == [3, 0, 1, 0, 0, 0, 0, 1])
            #expect(days[0].positive == 2)
            #expect(days[0].negative == 1)
            #expect(days[2].negative == 1)
            #expect(days[7].neutral == 1)
            #expect(days[0].start == Fixtures.date("2014-03-03"))
            let weeks = try await trends.trend(
                brandID: acme.id, version: version, interval: .week,
                from: Fixtures.date("2014-03-03"), to: Fixtures.date("2014-03-17"))
            #expect(weeks.map(\.posts) == [4, 1])
            let month = try await trends.trend(
                brandID: globex.id, version: version, interval: .month,
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
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: "file")
            try await Self.classify(database)
            let total = try await Self.rollupTotal(database, brand: acme.id)
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
            _ = try await Importer(posts: PostStore(database), batchSize: 100).importRecords(records, sourceKind: "file")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.classify(database, concurrency: 2, batchSize: 7) } }
                try await group.waitForAll()
            }
            #expect(try await Self.rollupTotal(database, brand: acme.id) == 400)
            let rows = try await database.client.query("SELECT count(*)::int8, count(DISTINCT post_id)::int8 FROM classifications")
            for try await (all, distinct) in rows.decode((Int64, Int64).self) {
                #expect(all == 400)
                #expect(distinct == 400)
            }
        }
    }

    @Test("a batch that fails leaves its posts queued and counts nothing")
    func failedBatchRollsBack() async throws {
        struct Boom: Error {}
        try await TestDatabase.with { database in
            let (acme, _) = try await Self.load(database)
            try await ClassifierVersions(database).register(version: "test-1")
            await #expect(throws: (any Error).self) {
                try await ClassifyQueue(database).classifyBatch(limit: 100, version: "test-1") { _ in throw Boom() }
            }
            #expect(try await PostStore(database).counts().queued == Fixtures.trendRecords.count)
            #expect(try await Self.rollupTotal(database, brand: acme.id) == 0)
        }
    }

    static func rollupTotal(_ database: Database, brand: Int64) async throws -> Int64 {
        let rows = try await database.client.query(
            "SELECT COALESCE(sum(posts), 0)::int8 FROM brand_hourly WHERE brand_id = \(brand)")
        for try await total in rows.decode(Int64.self) { return total }
        return -1
    }
}

@Suite("Connection")
struct ConnectionTests {
    @Test("an unreachable server gives one line naming the address")
    func unreachable() async throws {
        let settings = ConnectionSettings(host: "127.0.0.1", port: 1, user: "nobody", password: "x", database: "none", sslMode: .disable)
        do {
            try await Database.withDatabase(settings, logger: TestDatabase.logger) { _ in }
            Issue.record("expected an error")
        } catch let error as StorageError {
            #expect(error.code == .unreachable)
            #expect(error.description.contains("127.0.0.1:1"))
            // Told from the socket error's code, not from its text.
            #expect(error.description.contains("connection refused"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("settings follow libpq: URL, then PG variables")
    func settingsFromEnvironment() throws {
        let url = try #require(try ConnectionSettings.fromEnvironment([
            "DATABASE_URL": "postgres://ann:s%40cret@db.example:6543/vigie?sslmode=require",
            "PGDATABASE": "other",
        ]))
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.user == "ann")
        #expect(url.password == "s@cret")
        #expect(url.database == "other")
        #expect(url.sslMode == .require)
        #expect(!url.description.contains("s@cret"))
        let pg = try #require(try ConnectionSettings.fromEnvironment(["PGHOST": "h", "PGPORT": "5433", "PGUSER": "u"]))
        #expect(pg.host == "h" && pg.port == 5433 && pg.user == "u" && pg.database == "u")
        #expect(try ConnectionSettings.fromEnvironment(["PGUSER": "u"]) == nil)
        #expect(throws: StorageError.self) { try ConnectionSettings.fromEnvironment(["PGHOST": "h", "PGPORT": "http"]) }
        #expect(throws: StorageError.self) { try ConnectionSettings(url: "mysql://x@y/z") }
    }
}

@Suite("Classifier versions")
struct ClassifierVersionTests {
    /// Labels every post negative: a stand-in for "a different classifier".
    static func allNegative(_ posts: [LeasedPost], brand: Int64) -> [ClassificationRecord] {
        posts.map { ClassificationRecord(postID: $0.id, lang: "fr", sentiment: .negative, score: -0.5, brandIDs: $0.body.contains("Acme") ? [brand] : [], categories: ["complaint"]) }
    }

    /// Stores records as an import would, with their content fingerprints.
    static func store(_ records: [ImportRecord], _ database: Database) async throws -> PostStore.InsertResult {
        try await PostStore(database).insert(records.map { NewPost(record: $0, fingerprint: $0.fingerprint) })
    }

    @Test("a new version backfills while the old one serves, then switches at once")
    func reclassify() async throws {
        try await TestDatabase.with { database in
            let (acme, _) = try await PipelineTests.load(database)
            try await PipelineTests.classify(database)
            let versions = ClassifierVersions(database)
            let queue = ClassifyQueue(database)
            let old = Classifier.version

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

            // A post imported during the backfill is queued for both versions.
            let late = ImportRecord(url: "https://blog.example/late", publishedAt: Fixtures.date("2014-03-10T15:00:00Z"),
                                    body: "Acme, encore un colis perdu.")
            _ = try await Importer(posts: PostStore(database)).importRecords([late], sourceKind: "file")
            #expect(try await queue.queued(version: old) == 1)
            #expect(try await queue.queued(version: "next") == Fixtures.trendRecords.count + 1)

            // Half the backfill: still serving the old version.
            let acmeID = acme.id
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

            let days = try await TrendStore(database).trend(
                brandID: acme.id, version: "next", interval: .month,
                from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(days.map(\.posts) == [6])
            #expect(days.map(\.negative) == [6])
            let categories = try await TrendStore(database).categories(
                brandID: 0, version: "next", interval: .month, from: Fixtures.date("2014-03-01"), to: Fixtures.date("2014-04-01"))
            #expect(categories[Fixtures.date("2014-03-01")]?["complaint"] == Fixtures.trendRecords.count + 1)
        }
    }
}
