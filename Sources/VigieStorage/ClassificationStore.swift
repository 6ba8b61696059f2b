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

/// Where a classifier version stands.
public enum VersionState: Sendable, Equatable {
    /// Its rollups are the ones the trend API reads.
    case active
    /// Classifying every stored post; becomes active when its queue is empty.
    case backfilling(active: String)
}

/// The classification queue, results and rollups, per classifier version.
///
/// ``classifyBatch(limit:version:_:)`` is the unit of work: in one transaction it
/// leases queued posts (FOR UPDATE SKIP LOCKED, so parallel workers never share
/// a post), removes them from the queue, stores the classifier's results and
/// adds them to the hourly rollups. Commit makes all of it visible at once; a
/// crash or error rolls all of it back and the posts stay queued.
///
/// A new classifier version is registered with ``register(version:reclassify:)``:
/// every stored post is queued for it while the active version keeps serving;
/// ``activateIfBackfilled(version:)`` then switches the trend API to it in one
/// transaction once nothing is left in its queue.
public struct ClassificationStore: Sendable {
    /// Advisory lock taken exclusively to register or switch a version and
    /// shared by imports, so that a post is queued for every live version.
    /// The bytes of "vigiecls".
    public static let versionLockKey: Int64 = 0x7669_6769_6563_6c73

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Makes `version` live. The first version ever is active at once; a later
    /// one needs `reclassify` and backfills in the background. Either way every
    /// stored post not yet classified by it is queued for it.
    @discardableResult
    public func register(version: String, reclassify: Bool = false) async throws -> VersionState {
        let logger = database.logger
        return try await database.transaction { tx in
            try await tx.query("SELECT pg_advisory_xact_lock(\(Self.versionLockKey))", logger: logger)
            var known: (activated: Bool, retired: Bool)?
            for try await (activated, retired) in try await tx.query(
                "SELECT activated_at IS NOT NULL, retired_at IS NOT NULL FROM classifier_versions WHERE version = \(version)",
                logger: logger
            ).decode((Bool, Bool).self) {
                known = (activated, retired)
            }
            let active = try await Self.activeVersion(tx, logger: logger)
            if let known {
                if known.retired {
                    throw StorageError(.versionRetired, "classifier \(version) was retired; run a newer vigie")
                }
                if let active, active != version { return .backfilling(active: active) }
                return .active
            }
            if let active, !reclassify {
                throw StorageError(
                    .versionMismatch,
                    "this vigie classifies with \(version) but the database serves \(active); run 'vigie classify --reclassify' to backfill \(version) and switch to it")
            }
            try await tx.query(
                """
                INSERT INTO classifier_versions (version, activated_at)
                VALUES (\(version), CASE WHEN \(active == nil) THEN now() END)
                """, logger: logger)
            try await tx.query(
                """
                INSERT INTO classify_queue (classifier_version, post_id)
                SELECT \(version), p.id FROM posts p
                WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.post_id = p.id AND c.classifier_version = \(version))
                """, logger: logger)
            if let active { return .backfilling(active: active) }
            return .active
        }
    }

    /// Switches the trend API to `version` when no post waits for it: the
    /// previous version is retired and its queue dropped, in one transaction.
    /// Returns true when this call made the switch.
    public func activateIfBackfilled(version: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { tx in
            try await tx.query("SELECT pg_advisory_xact_lock(\(Self.versionLockKey))", logger: logger)
            let rows = try await tx.query(
                """
                SELECT activated_at IS NULL AND retired_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM classify_queue WHERE classifier_version = \(version))
                FROM classifier_versions WHERE version = \(version)
                """, logger: logger)
            var ready = false
            for try await value in rows.decode(Bool.self) { ready = value }
            guard ready else { return false }
            try await tx.query(
                """
                UPDATE classifier_versions SET retired_at = now()
                WHERE version <> \(version) AND retired_at IS NULL
                """, logger: logger)
            try await tx.query(
                "UPDATE classifier_versions SET activated_at = now() WHERE version = \(version)", logger: logger)
            try await tx.query(
                """
                DELETE FROM classify_queue q USING classifier_versions v
                WHERE v.version = q.classifier_version AND v.retired_at IS NOT NULL
                """, logger: logger)
            return true
        }
    }

    /// The version whose rollups the trend API reads.
    public func activeVersion() async throws -> String? {
        try await database.client.withConnection { connection in
            try await Self.activeVersion(connection, logger: database.logger)
        }
    }

    static func activeVersion(_ connection: PostgresConnection, logger: Logger) async throws -> String? {
        let rows = try await connection.query(
            "SELECT version FROM classifier_versions WHERE activated_at IS NOT NULL AND retired_at IS NULL",
            logger: logger)
        for try await version in rows.decode(String.self) { return version }
        return nil
    }

    /// Posts waiting for `version`.
    public func queued(version: String) async throws -> Int {
        let rows = try await database.client.query(
            "SELECT count(*)::int8 FROM classify_queue WHERE classifier_version = \(version)", logger: database.logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Leases up to `limit` posts queued for `version`, classifies them with
    /// `classify`, and stores results and rollups, all in one transaction.
    /// Returns the number of posts classified (0 when the queue is empty or
    /// fully leased by others).
    public func classifyBatch(
        limit: Int, version: String, _ classify: @Sendable ([LeasedPost]) throws -> [ClassificationRecord]
    ) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { tx in
            let rows = try await tx.query(
                """
                WITH leased AS (
                    DELETE FROM classify_queue
                    WHERE classifier_version = \(version) AND post_id IN (
                        SELECT post_id FROM classify_queue WHERE classifier_version = \(version)
                        ORDER BY post_id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
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
            // Classifying took a while: the server may have gone meanwhile.
            try tx.ensureOpen()
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
        guard !mentionPosts.isEmpty else {
            try await storeCategories(ids: ids, version: version, tx, logger: logger)
            return
        }
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
        try await storeCategories(ids: ids, version: version, tx, logger: logger)
    }

    /// Category rollups: over all posts (brand 0) and per brand mentioned.
    static func storeCategories(ids: [Int64], version: String, _ tx: PostgresConnection, logger: Logger) async throws {
        try await tx.query(
            """
            INSERT INTO category_hourly AS h
                (category, brand_id, classifier_version, bucket, lang, posts, negative, neutral, positive)
            SELECT cat, brand_id, c.classifier_version,
                   date_trunc('hour', COALESCE(p.published_at, p.collected_at), 'UTC'), c.lang,
                   count(*),
                   count(*) FILTER (WHERE c.sentiment = 'negative'),
                   count(*) FILTER (WHERE c.sentiment = 'neutral'),
                   count(*) FILTER (WHERE c.sentiment = 'positive')
            FROM classifications c
            JOIN posts p ON p.id = c.post_id
            CROSS JOIN LATERAL unnest(c.categories) AS cat
            CROSS JOIN LATERAL (
                SELECT 0::int8 AS brand_id
                UNION ALL
                SELECT pb.brand_id FROM post_brands pb
                WHERE pb.post_id = c.post_id AND pb.classifier_version = c.classifier_version
            ) AS b
            WHERE c.post_id = ANY(\(ids)::int8[]) AND c.classifier_version = \(version)
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (category, brand_id, classifier_version, bucket, lang) DO UPDATE SET
                posts = h.posts + excluded.posts,
                negative = h.negative + excluded.negative,
                neutral = h.neutral + excluded.neutral,
                positive = h.positive + excluded.positive
            """, logger: logger)
    }
}
