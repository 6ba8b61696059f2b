import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

/// Each mention's own sentiment in `post_brands` and the rollups, with fixed records so
/// that the counts are known in advance.
@Suite("Brand sentiment in storage")
struct BrandSentimentStorageTests {
    static let records = [
        ImportRecord(url: "https://blog.example/both", publishedAt: Fixtures.date("2014-03-03T09:15:00Z"), lang: "fr",
                     body: "J'adore Acme, service excellent. Globex est nul, service horrible."),
        ImportRecord(url: "https://blog.example/old", publishedAt: Fixtures.date("2014-03-03T09:45:00Z"), lang: "fr",
                     body: "Acme et Globex, encore une panne."),
    ]

    /// Brand rollup rows of the hour: name, posts, negative, neutral, positive, score sum.
    static func brandHour(_ database: Database) async throws -> [String] {
        var lines: [String] = []
        for try await (name, posts, negative, neutral, positive, score) in try await database.client.query(
            """
            SELECT b.name, h.posts, h.negative, h.neutral, h.positive, h.score_sum
            FROM brand_hourly h JOIN brands b ON b.id = h.brand_id ORDER BY b.name
            """
        ).decode((String, Int32, Int32, Int32, Int32, Double).self) {
            lines.append("\(name) \(posts) \(negative)/\(neutral)/\(positive) \(String(format: "%.2f", score))")
        }
        return lines
    }

    /// Category rollup rows: category, brand (or all posts), negative, neutral, positive.
    static func categoryHour(_ database: Database) async throws -> [String] {
        var lines: [String] = []
        for try await (category, name, negative, neutral, positive) in try await database.client.query(
            """
            SELECT h.category, COALESCE(b.name, 'all'), h.negative, h.neutral, h.positive
            FROM category_hourly h LEFT JOIN brands b ON b.id = h.brand_id ORDER BY 1, 2
            """
        ).decode((String, String, Int32, Int32, Int32).self) {
            lines.append("\(category) \(name) \(negative)/\(neutral)/\(positive)")
        }
        return lines
    }

    @Test("each mention counts with its own sentiment; a mention stored without one, with its post's")
    func ownSentiment() async throws {
        try await TestDatabase.with { database in
            let brands = try await BrandStore(database).upsert([Fixtures.acme, Fixtures.globex])
            let (acme, globex) = (try #require(brands[0].id), try #require(brands[1].id))
            _ = try await ClassifierVersionTests.store(Self.records, database)
            try await ClassifierVersions(database).register(version: "v1")
            let done = try await ClassifyQueue(database).classifyBatch(limit: 10, version: "v1") { posts in
                posts.map { post in
                    post.body.hasPrefix("J'adore")
                        // The post reads negative overall; Acme is praised and Globex attacked.
                        ? ClassificationRecord(
                            postID: post.id, lang: "fr", sentiment: .negative, score: -0.2, brandIDs: [acme, globex],
                            brandSentiments: [
                                acme: MentionSentiment(label: .positive, score: 0.8),
                                globex: MentionSentiment(label: .negative, score: -0.9),
                            ],
                            categories: ["complaint"])
                        // As an older classifier version stored it: no sentiment per brand.
                        : ClassificationRecord(
                            postID: post.id, lang: "fr", sentiment: .negative, score: -0.5, brandIDs: [acme, globex],
                            categories: ["complaint"])
                }
            }
            #expect(done == 2)
            // Acme: positive (its own, 0.8) + negative (the old post's, -0.5); Globex: two negatives.
            #expect(try await Self.brandHour(database) == ["Acme 2 1/0/1 0.30", "Globex 2 2/0/0 -1.40"])
            #expect(
                try await Self.categoryHour(database) == [
                    "complaint Acme 1/0/1", "complaint Globex 2/0/0", "complaint all 2/0/0",
                ])
            var stored: [String] = []
            for try await (url, name, label, score) in try await database.client.query(
                """
                SELECT p.url, b.name, pb.sentiment, pb.score FROM post_brands pb
                JOIN posts p ON p.id = pb.post_id JOIN brands b ON b.id = pb.brand_id ORDER BY 1, 2
                """
            ).decode((String?, String, String?, Double?).self) {
                stored.append("\(url ?? "-") \(name) \(label ?? "NULL") \(score.map { String($0) } ?? "NULL")")
            }
            #expect(
                stored == [
                    "https://blog.example/both Acme positive 0.8", "https://blog.example/both Globex negative -0.9",
                    "https://blog.example/old Acme NULL NULL", "https://blog.example/old Globex NULL NULL",
                ])

            // Classified again (an edit): the old counts go out exactly, the new come in.
            let records = Self.records
            try await database.client.query(
                "UPDATE posts SET body = body || ' Vraiment.' WHERE url = \(records[0].url)")
            try await database.client.query(
                "INSERT INTO classify_queue (classifier_version, post_id) SELECT 'v1', id FROM posts WHERE url = \(records[0].url)")
            _ = try await ClassifyQueue(database).classifyBatch(limit: 10, version: "v1") { posts in
                posts.map {
                    ClassificationRecord(
                        postID: $0.id, lang: "fr", sentiment: .positive, score: 0.4, brandIDs: [acme, globex],
                        brandSentiments: [globex: MentionSentiment(label: .neutral, score: 0)], categories: [])
                }
            }
            // Acme now takes the post's positive 0.4; Globex is neutral.
            #expect(try await Self.brandHour(database) == ["Acme 2 1/0/1 -0.10", "Globex 2 1/1/0 -0.50"])
            #expect(try await Self.categoryHour(database) == ["complaint Acme 1/0/0", "complaint Globex 1/0/0", "complaint all 1/0/0"])
        }
    }

    @Test("a brand sentiment the migration's checks refuse never reaches the table")
    func checks() async throws {
        try await TestDatabase.with { database in
            let brands = try await BrandStore(database).upsert([Fixtures.acme])
            _ = try await ClassifierVersionTests.store(Self.records, database)
            try await ClassifierVersions(database).register(version: "v1")
            let post = try #require(
                try await database.client.query("SELECT min(id) FROM posts").decode(Int64.self).first { _ in true })
            try await database.client.query(
                "INSERT INTO classifications (post_id, classifier_version, lang, sentiment, score, categories) VALUES (\(post), 'v1', 'fr', 'neutral', 0, '{}')")
            for (label, score) in [("glad", 0.5), ("positive", 1.5)] as [(String, Double)] {
                await #expect(throws: (any Error).self) {
                    try await database.client.query(
                        "INSERT INTO post_brands (post_id, brand_id, classifier_version, sentiment, score) VALUES (\(post), \(brands[0].id!), 'v1', \(label), \(score))")
                }
            }
            await #expect(throws: (any Error).self) {
                try await database.client.query(
                    "INSERT INTO post_brands (post_id, brand_id, classifier_version, sentiment) VALUES (\(post), \(brands[0].id!), 'v1', 'positive')")
            }
        }
    }
}
