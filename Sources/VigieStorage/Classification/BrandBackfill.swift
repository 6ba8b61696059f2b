import Logging
import PostgresNIO
import VigieModel

/// The ids of the brands a classifier was compiled with and the revision of each: what a
/// batch compares to the stored brands to tell whether it matched with a stale query.
public struct BrandRevisions: Sendable, Equatable {
    public var ids: [Int64]
    public var revisions: [Int64]

    public init(ids: [Int64], revisions: [Int64]) {
        self.ids = ids
        self.revisions = revisions
    }
}

/// A post already classified, and the brands whose mention of it must be decided again.
public struct BackfillPost: Sendable {
    public var post: LeasedPost
    public var brandIDs: [Int64]
}

/// Brand changes reaching the posts already classified.
///
/// Adding a brand, or changing its query, queues each post classified by a live version
/// (``enqueue(brand:_:logger:)``); ``backfillBatch(limit:version:brands:_:)`` leases queued
/// rows (FOR UPDATE SKIP LOCKED), runs that brand's query over the stored text and, in the
/// same transaction, replaces the mention and moves its rollup contribution. A row states
/// "decide again whether post P mentions brand B", which gives the same result however often
/// it is done, so its rollups are counted once even when a row is queued twice.
///
/// One advisory lock orders brand changes and classification: a brand change takes it
/// exclusively, a classification or backfill batch shared, just before it writes. A batch that
/// committed before a change is queued by it; a batch that writes after it sees the new
/// revisions and queues its own posts for every brand it matched with a stale query
/// (``requeueStale(posts:version:known:_:logger:)``).
public struct BrandBackfill: Sendable {
    /// The bytes of "vigiebrd".
    static let lockKey: Int64 = 0x7669_6769_6562_7264

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Held by brand changes until their transaction ends.
    static func lockExclusive(_ tx: PostgresConnection, logger: Logger) async throws {
        try await tx.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
    }

    /// Held by a batch from before it reads the brands until it commits.
    static func lockShared(_ tx: PostgresConnection, logger: Logger) async throws {
        try await tx.query("SELECT pg_advisory_xact_lock_shared(\(lockKey))", logger: logger)
    }

    /// Queues every post classified by a live version for `brand`; returns how many posts.
    static func enqueue(brand: Int64, _ tx: PostgresConnection, logger: Logger) async throws -> Int {
        // Shared with imports, exclusive with a version registered or switched (ClassifyQueue),
        // so no row is queued for a version being retired.
        try await tx.query("SELECT pg_advisory_xact_lock_shared(\(ClassifyQueue.lockKey))", logger: logger)
        let rows = try await tx.query(
            """
            WITH queued AS (
                INSERT INTO brand_backfill_queue (classifier_version, post_id, brand_id)
                SELECT c.classifier_version, c.post_id, \(brand)
                FROM classifications c JOIN classifier_versions v ON v.version = c.classifier_version
                WHERE v.retired_at IS NULL
                ON CONFLICT DO NOTHING
                RETURNING post_id
            )
            SELECT count(DISTINCT post_id)::int8 FROM queued
            """, logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Queues `posts`, just classified by `version`, for every stored brand the classifier did
    /// not know at its current revision. Called under ``lockShared(_:logger:)``.
    static func requeueStale(
        posts: [Int64], version: String, known: BrandRevisions, _ tx: PostgresConnection, logger: Logger
    ) async throws {
        guard !posts.isEmpty else { return }
        try await tx.query(
            """
            WITH stale AS (
                SELECT b.id FROM brands b
                LEFT JOIN unnest(\(known.ids)::int8[], \(known.revisions)::int8[]) AS k(id, revision)
                       ON k.id = b.id AND k.revision = b.revision
                WHERE k.id IS NULL
            )
            INSERT INTO brand_backfill_queue (classifier_version, post_id, brand_id)
            SELECT \(version), p.id, s.id FROM stale s CROSS JOIN unnest(\(posts)::int8[]) AS p(id)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Posts waiting for a brand backfill by `version`.
    public func queued(version: String) async throws -> Int {
        let rows = try await database.client.query(
            "SELECT count(DISTINCT post_id)::int8 FROM brand_backfill_queue WHERE classifier_version = \(version)",
            logger: database.logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Leases up to `limit` queued rows of `version` whose brand `brands` knows at its stored
    /// revision, asks `match` which of each post's brands it mentions and with what sentiment
    /// (nil: the post's), and replaces those mentions and their rollup contributions, all in
    /// one transaction. Returns the number of rows done (0 when none is queued, leased by
    /// others, or for a brand `brands` lacks).
    public func backfillBatch(
        limit: Int, version: String, brands known: BrandRevisions,
        _ match: @Sendable ([BackfillPost]) throws -> [(post: Int64, brand: Int64, sentiment: MentionSentiment?)]
    ) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { tx in
            try await Self.lockShared(tx, logger: logger)
            let (posts, leased) = try await Self.lease(limit: limit, version: version, known: known, tx, logger: logger)
            guard leased > 0 else { return 0 }
            let matched = try match(posts)
            try tx.ensureOpen()
            try await Self.replaceMentions(posts, matched: matched, version: version, tx, logger: logger)
            return leased
        }
    }

    /// Removes up to `limit` rows from the queue and returns their posts with the brands to
    /// decide, and how many rows were removed (a post no longer classified by `version` has
    /// nothing to backfill: its rows are dropped).
    static func lease(
        limit: Int, version: String, known: BrandRevisions, _ tx: PostgresConnection, logger: Logger
    ) async throws -> (posts: [BackfillPost], rows: Int) {
        let rows = try await tx.query(
            """
            WITH leased AS (
                DELETE FROM brand_backfill_queue q
                WHERE q.classifier_version = \(version) AND (q.post_id, q.brand_id) IN (
                    SELECT b.post_id, b.brand_id FROM brand_backfill_queue b
                    JOIN unnest(\(known.ids)::int8[], \(known.revisions)::int8[]) AS k(id, revision) ON k.id = b.brand_id
                    JOIN brands br ON br.id = b.brand_id AND br.revision = k.revision
                    WHERE b.classifier_version = \(version)
                    ORDER BY b.post_id, b.brand_id LIMIT \(limit) FOR UPDATE OF b SKIP LOCKED)
                RETURNING q.post_id, q.brand_id
            )
            SELECT l.post_id, l.brand_id, c.post_id IS NOT NULL, p.kind, p.title, p.author, p.lang, p.body
            FROM leased l JOIN posts p ON p.id = l.post_id
            LEFT JOIN classifications c ON c.post_id = l.post_id AND c.classifier_version = \(version)
            ORDER BY l.post_id, l.brand_id
            """, logger: logger)
        var posts: [BackfillPost] = []
        var count = 0
        for try await (id, brand, classified, kind, title, author, lang, body) in rows.decode(
            (Int64, Int64, Bool, String, String?, String?, String?, String).self)
        {
            count += 1
            guard classified else { continue }
            if posts.last?.post.id == id {
                posts[posts.count - 1].brandIDs.append(brand)
            } else {
                let post = LeasedPost(
                    id: id, kind: PostKind(rawValue: kind) ?? .post, title: title, author: author, lang: lang, body: body)
                posts.append(BackfillPost(post: post, brandIDs: [brand]))
            }
        }
        return (posts, count)
    }

    /// Makes the mentions of the leased (post, brand) pairs those in `matched`, and moves
    /// the rollup contributions of the pairs that changed: found or lost, or found with
    /// another sentiment than the one stored.
    static func replaceMentions(
        _ posts: [BackfillPost], matched: [(post: Int64, brand: Int64, sentiment: MentionSentiment?)], version: String,
        _ tx: PostgresConnection, logger: Logger
    ) async throws {
        var pairPosts: [Int64] = [], pairBrands: [Int64] = []
        for post in posts {
            for brand in post.brandIDs {
                pairPosts.append(post.post.id)
                pairBrands.append(brand)
            }
        }
        let leased = Set(zip(pairPosts, pairBrands).map(Pair.init))
        var now: [Pair: MentionSentiment?] = [:]
        for m in matched where leased.contains(Pair(post: m.post, brand: m.brand)) {
            now[Pair(post: m.post, brand: m.brand)] = m.sentiment
        }
        var before: [Pair: MentionSentiment?] = [:]
        let removed = try await tx.query(
            """
            DELETE FROM post_brands pb
            USING unnest(\(pairPosts)::int8[], \(pairBrands)::int8[]) AS m(post_id, brand_id)
            WHERE pb.post_id = m.post_id AND pb.brand_id = m.brand_id AND pb.classifier_version = \(version)
            RETURNING pb.post_id, pb.brand_id, pb.sentiment, pb.score
            """, logger: logger)
        for try await (post, brand, label, score) in removed.decode((Int64, Int64, String?, Double?).self) {
            let sentiment = label.flatMap(SentimentLabel.init(rawValue:)).map { MentionSentiment(label: $0, score: score ?? 0) }
            before[Pair(post: post, brand: brand)] = sentiment
        }
        let kept = now.keys.sorted()
        if !kept.isEmpty {
            let (labels, scores) = MentionSentiment.binds(kept.map { now[$0] ?? nil })
            try await tx.query(
                """
                INSERT INTO post_brands (post_id, brand_id, classifier_version, sentiment, score)
                SELECT m.post_id, m.brand_id, \(version), NULLIF(m.sentiment, ''),
                       CASE WHEN m.sentiment = '' THEN NULL ELSE m.score END
                FROM unnest(\(kept.map(\.post))::int8[], \(kept.map(\.brand))::int8[], \(labels)::text[], \(scores)::float8[])
                     AS m(post_id, brand_id, sentiment, score)
                """, logger: logger)
        }
        var deltas: [Rollups.MentionDelta] = []
        for (pair, sentiment) in before.sorted(by: { $0.key < $1.key }) where now[pair] != .some(sentiment) {
            deltas.append(.init(post: pair.post, brand: pair.brand, sign: -1, sentiment: sentiment))
        }
        for pair in kept where before[pair] != now[pair] {
            deltas.append(.init(post: pair.post, brand: pair.brand, sign: 1, sentiment: now[pair] ?? nil))
        }
        try await Rollups.move(mentions: deltas, version: version, tx, logger: logger)
    }

    struct Pair: Hashable, Comparable {
        var post: Int64
        var brand: Int64
        static func < (a: Pair, b: Pair) -> Bool { (a.post, a.brand) < (b.post, b.brand) }
    }
}
