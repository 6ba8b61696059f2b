import Foundation
import Logging
import PostgresNIO
import VigieModel

/// A queued post handed to a classifier.
public struct LeasedPost: Sendable {
    public var id: Int64
    public var kind: PostKind
    public var title: String?
    public var author: String?
    public var lang: String?
    public var body: String
}

/// What a classifier decided about one post.
public struct ClassificationRecord: Sendable, Equatable {
    public var postID: Int64
    public var lang: String
    public var sentiment: SentimentLabel
    public var score: Double
    public var brandIDs: [Int64]
    public var categories: [String]

    public init(postID: Int64, lang: String, sentiment: SentimentLabel, score: Double, brandIDs: [Int64], categories: [String]) {
        self.postID = postID
        self.lang = lang
        self.sentiment = sentiment
        self.score = score
        self.brandIDs = brandIDs
        self.categories = categories
    }
}

/// The classification queue, results and rollups.
///
/// ``classifyBatch(limit:version:_:)`` is the unit of work: in one transaction it
/// leases queued posts (FOR UPDATE SKIP LOCKED, so parallel workers never share
/// a post), removes them from the queue, stores the classifier's results and
/// adds them to the hourly rollup. Commit makes all of it visible at once; a
/// crash or error rolls all of it back and the posts stay queued.
public struct ClassificationStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Records a classifier version; makes it the active one if none is.
    /// Returns the active version.
    @discardableResult
    public func register(version: String) async throws -> String {
        try await database.client.query(
            """
            INSERT INTO classifier_versions (version, activated_at)
            VALUES (\(version), CASE WHEN EXISTS (SELECT 1 FROM classifier_versions WHERE activated_at IS NOT NULL)
                                     THEN NULL ELSE now() END)
            ON CONFLICT (version) DO NOTHING
            """, logger: database.logger)
        return try await activeVersion() ?? version
    }

    /// The version whose rollups the trend API reads.
    public func activeVersion() async throws -> String? {
        let rows = try await database.client.query(
            """
            SELECT version FROM classifier_versions WHERE activated_at IS NOT NULL
            ORDER BY activated_at DESC LIMIT 1
            """, logger: database.logger)
        for try await version in rows.decode(String.self) { return version }
        return nil
    }

    /// Leases up to `limit` queued posts, classifies them with `classify`, and
    /// stores results and rollups, all in one transaction. Returns the number of
    /// posts classified (0 when the queue is empty or fully leased by others).
    public func classifyBatch(
        limit: Int, version: String, _ classify: @Sendable ([LeasedPost]) throws -> [ClassificationRecord]
    ) async throws -> Int {
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { tx in
            let rows = try await tx.query(
                """
                WITH leased AS (
                    DELETE FROM classify_queue
                    WHERE post_id IN (
                        SELECT post_id FROM classify_queue ORDER BY post_id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                    RETURNING post_id
                )
                SELECT p.id, p.kind, p.title, p.author, p.lang, p.body
                FROM posts p JOIN leased l ON l.post_id = p.id
                ORDER BY p.id
                """, logger: logger)
            var posts: [LeasedPost] = []
            for try await (id, kind, title, author, lang, body) in rows.decode(
                (Int64, String, String?, String?, String?, String).self)
            {
                posts.append(
                    LeasedPost(id: id, kind: PostKind(rawValue: kind) ?? .post, title: title, author: author, lang: lang, body: body))
            }
            guard !posts.isEmpty else { return 0 }
            let records = try classify(posts)
            try await Self.store(records, version: version, tx, logger: logger)
            return posts.count
        }
    }

    static func store(
        _ records: [ClassificationRecord], version: String, _ tx: PostgresConnection, logger: Logger
    ) async throws {
        guard !records.isEmpty else { return }
        let ids = records.map(\.postID)
        let langs = records.map(\.lang)
        let labels = records.map(\.sentiment.rawValue)
        let scores = records.map { min(1, max(-1, $0.score)) }
        // One text per post, categories joined by commas (ids never contain commas).
        let categories = records.map { $0.categories.joined(separator: ",") }
        var mentionPosts: [Int64] = [], mentionBrands: [Int64] = []
        for record in records {
            for brand in Set(record.brandIDs).sorted() {
                mentionPosts.append(record.postID)
                mentionBrands.append(brand)
            }
        }
        try await tx.query(
            """
            INSERT INTO classifications (post_id, classifier_version, lang, sentiment, score, categories)
            SELECT r.post_id, \(version), r.lang, r.sentiment, r.score,
                   COALESCE(string_to_array(NULLIF(r.categories, ''), ','), '{}')
            FROM unnest(\(ids)::int8[], \(langs)::text[], \(labels)::text[], \(scores)::float8[], \(categories)::text[])
                 AS r(post_id, lang, sentiment, score, categories)
            """, logger: logger)
        guard !mentionPosts.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO post_brands (post_id, brand_id, classifier_version)
            SELECT m.post_id, m.brand_id, \(version)
            FROM unnest(\(mentionPosts)::int8[], \(mentionBrands)::int8[]) AS m(post_id, brand_id)
            JOIN brands b ON b.id = m.brand_id
            """, logger: logger)
        // Rows are inserted in key order so that concurrent workers lock rollup
        // rows in the same order and never deadlock.
        try await tx.query(
            """
            INSERT INTO brand_hourly AS h
                (brand_id, classifier_version, bucket, kind, lang, posts, negative, neutral, positive, score_sum)
            SELECT pb.brand_id, pb.classifier_version,
                   date_trunc('hour', COALESCE(p.published_at, p.collected_at), 'UTC'), p.kind, c.lang,
                   count(*),
                   count(*) FILTER (WHERE c.sentiment = 'negative'),
                   count(*) FILTER (WHERE c.sentiment = 'neutral'),
                   count(*) FILTER (WHERE c.sentiment = 'positive'),
                   sum(c.score)
            FROM post_brands pb
            JOIN classifications c ON c.post_id = pb.post_id AND c.classifier_version = pb.classifier_version
            JOIN posts p ON p.id = pb.post_id
            WHERE pb.post_id = ANY(\(ids)::int8[]) AND pb.classifier_version = \(version)
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (brand_id, classifier_version, bucket, kind, lang) DO UPDATE SET
                posts = h.posts + excluded.posts,
                negative = h.negative + excluded.negative,
                neutral = h.neutral + excluded.neutral,
                positive = h.positive + excluded.positive,
                score_sum = h.score_sum + excluded.score_sum
            """, logger: logger)
    }
}
