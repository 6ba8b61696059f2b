import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// A post praising one brand and attacking another, classified by the real classifier and
/// read back over real HTTP: each brand's trend counts its own sentiment.
@Suite("Brand sentiment in trends")
struct BrandSentimentAPITests {
    static let records = [
        ImportRecord(url: "https://blog.example/both", publishedAt: Timestamp.parse("2014-03-03T09:00:00Z"), lang: "fr",
                     body: "J'adore Acme, service excellent et très rapide. Globex est nul, service horrible, je suis très déçu. Une honte."),
        ImportRecord(url: "https://blog.example/passing", publishedAt: Timestamp.parse("2014-03-04T09:00:00Z"), lang: "fr",
                     body: "Je regardais une série sur Globex hier soir. Acme a encore coupé ma connexion, c'est nul et honteux."),
    ]

    /// Day buckets of `brand`'s trend: (posts, negative, neutral, positive).
    static func days(_ client: any TestClientProtocol, brand: String, token: String) async throws -> [[Int]] {
        let response = try await client.execute(
            uri: "/v1/trends?brand=\(brand)&from=2014-03-03&to=2014-03-05&interval=day", method: .get,
            headers: [.authorization: "Bearer \(token)"])
        #expect(response.status == .ok)
        let buckets = try #require(try APIHarness.json(response)["buckets"] as? [[String: Any]])
        return buckets.map { b in ["posts", "negative", "neutral", "positive"].map { b[$0] as? Int ?? -1 } }
    }

    static func classify(_ database: Database) async throws {
        var configuration = ClassifyWorker.Configuration()
        configuration.drain = true
        try await ClassifyWorker(
            database: database, classifier: try Classifier(brands: try await BrandStore(database).all()),
            configuration: configuration, logger: TestDatabase.logger
        ).run()
    }

    @Test("praise for one brand and an attack on another count positive and negative in /v1/trends")
    func perBrandTrends() async throws {
        try await TestDatabase.with { database in
            try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])
            _ = try await Importer(posts: PostStore(database)).importRecords(Self.records, sourceKind: .file)
            try await Self.classify(database)
            // The post itself reads negative: the brands' trends do not take that.
            var labels: [String] = []
            for try await label in try await database.client.query(
                "SELECT c.sentiment FROM classifications c JOIN posts p ON p.id = c.post_id ORDER BY p.url"
            ).decode(String.self) {
                labels.append(label)
            }
            #expect(labels == ["negative", "negative"])

            let token = try await TokenStore(database).create(name: "test", role: .reader)
            let app = Application(router: APIServer.router(database: database))
            try await app.test(.live) { client in
                // 03-03: Acme praised, Globex attacked. 03-04: Acme blamed, Globex named in passing.
                let acme = try await Self.days(client, brand: "acme", token: token)
                let globex = try await Self.days(client, brand: "globex", token: token)
                #expect(acme == [[1, 0, 0, 1], [1, 1, 0, 0]])
                #expect(globex == [[1, 1, 0, 0], [1, 0, 1, 0]])
            }
        }
    }

    @Test("a brand added after its posts were classified gets the same sentiment as from the start")
    func backfillAgrees() async throws {
        let expected = try await TestDatabase.with(label: "scratch") { database in
            try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])
            _ = try await Importer(posts: PostStore(database)).importRecords(Self.records, sourceKind: .file)
            try await Self.classify(database)
            return try await Self.rollups(database)
        }
        #expect(expected.contains { $0.hasPrefix("brand Globex 1 1 0 0 ") })
        #expect(expected.contains("mention https://blog.example/both Globex negative"))
        try await TestDatabase.with { database in
            let store = BrandStore(database)
            try await store.upsert([Fixtures.acme])
            _ = try await Importer(posts: PostStore(database)).importRecords(Self.records, sourceKind: .file)
            try await Self.classify(database)
            _ = try await store.save([Fixtures.globex])
            try await Self.classify(database)
            #expect(try await Self.rollups(database) == expected)
            // Removing it takes exactly its own counts out.
            _ = try await store.remove("Globex")
            #expect(try await Self.rollups(database) == expected.filter { !$0.contains("Globex") })
        }
    }

    /// Brand and per-brand category rows, and mentions with their sentiment, by name.
    static func rollups(_ database: Database) async throws -> [String] {
        var lines: [String] = []
        for try await (name, bucket, posts, negative, neutral, positive) in try await database.client.query(
            """
            SELECT b.name, h.bucket, h.posts, h.negative, h.neutral, h.positive
            FROM brand_hourly h JOIN brands b ON b.id = h.brand_id
            """
        ).decode((String, Date, Int32, Int32, Int32, Int32).self) {
            lines.append("brand \(name) \(posts) \(negative) \(neutral) \(positive) \(bucket)")
        }
        for try await (category, name, negative, neutral, positive) in try await database.client.query(
            """
            SELECT h.category, COALESCE(b.name, 'all'), h.negative, h.neutral, h.positive
            FROM category_hourly h LEFT JOIN brands b ON b.id = h.brand_id
            """
        ).decode((String, String, Int32, Int32, Int32).self) {
            lines.append("category \(category) \(name) \(negative) \(neutral) \(positive)")
        }
        for try await (url, name, label) in try await database.client.query(
            """
            SELECT p.url, b.name, pb.sentiment FROM post_brands pb
            JOIN posts p ON p.id = pb.post_id JOIN brands b ON b.id = pb.brand_id
            """
        ).decode((String?, String, String?).self) {
            lines.append("mention \(url ?? "-") \(name) \(label ?? "NULL")")
        }
        return lines.sorted()
    }
}
