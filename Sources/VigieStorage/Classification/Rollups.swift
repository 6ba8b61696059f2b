import Logging
import PostgresNIO

/// The hourly counts trend queries read: `brand_hourly` per brand, `category_hourly` per
/// governance category (over all posts, brand 0, and per brand mentioned).
///
/// Brand 0 counts each post's sentiment; a brand counts its mention's own sentiment
/// (`post_brands.sentiment`, the post's when NULL), whichever path stored the mention.
///
/// Both are updated in the transaction that stores the classifications they count, by one
/// statement shape (``upsert(_:select:posts:version:sign:_:logger:)``) and with one bucket
/// (``bucket``), so a post lands in the same hour in both. A post whose content was edited
/// has its old classification subtracted (``remove(posts:version:_:logger:)``) before the
/// new one is added.
enum Rollups {
    /// A rollup table: the key it is grouped by, then the counters added up.
    struct Table {
        var name: String
        var keys: [String]
        var counters: [String]
    }

    static let brandHourly = Table(
        name: "brand_hourly", keys: ["brand_id", "classifier_version", "bucket", "kind", "lang"],
        counters: ["posts", "negative", "neutral", "positive", "score_sum"])
    static let categoryHourly = Table(
        name: "category_hourly", keys: ["category", "brand_id", "classifier_version", "bucket", "lang"],
        counters: ["posts", "negative", "neutral", "positive"])

    /// The hour (UTC) a post `p` counts in: of its publication, or of its collection when it carries no date.
    static let bucket = "date_trunc('hour', COALESCE(p.published_at, p.collected_at), 'UTC')"

    /// Posts, then posts per sentiment class `label` (a column), times the sign bound as $3:
    /// the counters both tables start with.
    static func sentimentCounts(_ label: String) -> String {
        """
        $3 * count(*), $3 * count(*) FILTER (WHERE \(label) = 'negative'),
        $3 * count(*) FILTER (WHERE \(label) = 'neutral'), $3 * count(*) FILTER (WHERE \(label) = 'positive')
        """
    }

    /// A mention `pb`'s own sentiment, or its post's `c` for a mention stored without one
    /// (by a classifier version from before `Schema/sql/0006_brand_sentiment.sql`).
    static let mentionLabel = "COALESCE(pb.sentiment, c.sentiment)"
    static let mentionScore = "COALESCE(pb.score, c.score)"

    /// Adds the classifications of `posts` by `version` to both rollups.
    static func add(posts: [Int64], version: String, _ tx: PostgresConnection, logger: Logger) async throws {
        try await apply(posts: posts, version: version, sign: 1, tx, logger: logger)
    }

    /// Subtracts the classifications of `posts` by `version` from both rollups, before they
    /// are replaced: what ``add(posts:version:_:logger:)`` once added, from the same rows.
    /// Rows left at zero are deleted, so that a brand's extent ends where its posts do.
    static func remove(posts: [Int64], version: String, _ tx: PostgresConnection, logger: Logger) async throws {
        try await apply(posts: posts, version: version, sign: -1, tx, logger: logger)
        for table in [brandHourly, categoryHourly] {
            var binds = PostgresBindings()
            binds.append(posts)
            binds.append(version)
            // posts = 0 means every counter is back to 0 (score_sum up to rounding).
            let sql = """
                DELETE FROM \(table.name)
                WHERE classifier_version = $2 AND posts = 0
                  AND bucket IN (SELECT \(bucket) FROM posts p WHERE p.id = ANY($1::int8[]))
                """
            try await tx.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    private static func apply(
        posts: [Int64], version: String, sign: Int, _ tx: PostgresConnection, logger: Logger
    ) async throws {
        guard !posts.isEmpty else { return }
        try await upsert(
            brandHourly,
            select: """
                SELECT pb.brand_id, pb.classifier_version, \(bucket), p.kind, c.lang, \(sentimentCounts(mentionLabel)),
                       $3::float8 * sum(\(mentionScore))
                FROM post_brands pb
                JOIN classifications c ON c.post_id = pb.post_id AND c.classifier_version = pb.classifier_version
                JOIN posts p ON p.id = pb.post_id
                WHERE pb.post_id = ANY($1::int8[]) AND pb.classifier_version = $2
                """, posts: posts, version: version, sign: sign, tx, logger: logger)
        try await upsert(
            categoryHourly,
            select: """
                SELECT cat, b.brand_id, c.classifier_version, \(bucket), c.lang, \(sentimentCounts("b.sentiment"))
                FROM classifications c
                JOIN posts p ON p.id = c.post_id
                CROSS JOIN LATERAL unnest(c.categories) AS cat
                CROSS JOIN LATERAL (
                    SELECT 0::int8 AS brand_id, c.sentiment AS sentiment
                    UNION ALL
                    SELECT pb.brand_id, \(mentionLabel) FROM post_brands pb
                    WHERE pb.post_id = c.post_id AND pb.classifier_version = c.classifier_version
                ) AS b
                WHERE c.post_id = ANY($1::int8[]) AND c.classifier_version = $2
                """, posts: posts, version: version, sign: sign, tx, logger: logger)
    }

    /// Inserts the rows `select` yields (the table's keys, then its counters, from the
    /// posts bound as $1 and the version bound as $2, times the sign bound as $3), grouped
    /// by key, and adds them to the counts already there.
    ///
    /// Rows go in key order so that concurrent workers lock rollup rows in the same order
    /// and never deadlock. (A batch holding edited posts runs two passes, subtract then add:
    /// two such batches can still cross, and the server ends one as a deadlock, which the
    /// worker retries.) The text is made only of this type's constants; the values are
    /// bound parameters. `sign` defaults to adding.
    static func upsert(
        _ table: Table, select: String, posts: [Int64], version: String, sign: Int = 1, _ tx: PostgresConnection,
        logger: Logger
    ) async throws {
        var binds = PostgresBindings()
        binds.append(posts)
        binds.append(version)
        binds.append(sign)
        try await upsert(table, select: select, binds: binds, tx, logger: logger)
    }

    /// ``upsert(_:select:posts:version:sign:_:logger:)`` with the caller's parameters.
    static func upsert(
        _ table: Table, select: String, binds: PostgresBindings, _ tx: PostgresConnection, logger: Logger
    ) async throws {
        let key = (1...table.keys.count).map(String.init).joined(separator: ", ")
        let sql = """
            INSERT INTO \(table.name) AS h (\((table.keys + table.counters).joined(separator: ", ")))
            \(select)
            GROUP BY \(key)
            ORDER BY \(key)
            ON CONFLICT (\(table.keys.joined(separator: ", "))) DO UPDATE SET
            \(table.counters.map { "\($0) = h.\($0) + excluded.\($0)" }.joined(separator: ",\n"))
            """
        try await tx.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }
}
