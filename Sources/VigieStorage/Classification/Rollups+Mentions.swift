import Logging
import PostgresNIO

extension Rollups {
    /// Counters of the mentions `d` weighted by `d.sign`: what ``sentimentCounts(_:)``
    /// counts, but a sign of -1 takes a mention's contribution out.
    static let signedSentimentCounts = """
        sum(d.sign), sum(CASE WHEN \(deltaLabel) = 'negative' THEN d.sign ELSE 0 END),
        sum(CASE WHEN \(deltaLabel) = 'neutral' THEN d.sign ELSE 0 END),
        sum(CASE WHEN \(deltaLabel) = 'positive' THEN d.sign ELSE 0 END)
        """
    /// A mention's own sentiment as bound ('' for none: the post's `c`), as ``mentionLabel`` reads it stored.
    static let deltaLabel = "COALESCE(NULLIF(d.sentiment, ''), c.sentiment)"
    static let deltaScore = "CASE WHEN d.sentiment = '' THEN c.score ELSE d.score END"

    /// A brand mention added (sign 1) or taken out (sign -1), with the sentiment it was
    /// stored with (nil: the post's).
    struct MentionDelta {
        var post: Int64
        var brand: Int64
        var sign: Int64
        var sentiment: MentionSentiment?
    }

    /// Adds or takes out the contribution of brand mentions to both rollups, for posts
    /// already classified by `version`, then drops the rows left at zero so that a brand's
    /// extent is that of its mentions.
    static func move(mentions: [MentionDelta], version: String, _ tx: PostgresConnection, logger: Logger) async throws {
        guard !mentions.isEmpty else { return }
        let (labels, scores) = MentionSentiment.binds(mentions.map(\.sentiment))
        var binds = PostgresBindings()
        binds.append(mentions.map(\.post))
        binds.append(version)
        binds.append(mentions.map(\.brand))
        binds.append(mentions.map(\.sign))
        binds.append(labels)
        binds.append(scores)
        let deltas = """
            FROM unnest($1::int8[], $3::int8[], $4::int8[], $5::text[], $6::float8[]) AS d(post_id, brand_id, sign, sentiment, score)
            JOIN classifications c ON c.post_id = d.post_id AND c.classifier_version = $2
            JOIN posts p ON p.id = d.post_id
            """
        try await upsert(
            brandHourly,
            select: """
                SELECT d.brand_id, c.classifier_version, \(bucket), p.kind, c.lang, \(signedSentimentCounts),
                       sum(d.sign * \(deltaScore))
                \(deltas)
                """, binds: binds, tx, logger: logger)
        try await upsert(
            categoryHourly,
            select: """
                SELECT cat, d.brand_id, c.classifier_version, \(bucket), c.lang, \(signedSentimentCounts)
                \(deltas)
                CROSS JOIN LATERAL unnest(c.categories) AS cat
                """, binds: binds, tx, logger: logger)
        guard mentions.contains(where: { $0.sign < 0 }) else { return }
        // Only the hours a mention left can have reached zero: look there, through the keys.
        for table in [brandHourly.name, categoryHourly.name] {
            try await tx.query(
                PostgresQuery(
                    unsafeSQL: """
                        DELETE FROM \(table) h
                        USING (SELECT DISTINCT d.brand_id, \(bucket) AS bucket
                               FROM unnest($1::int8[], $3::int8[], $4::int8[]) AS d(post_id, brand_id, sign)
                               JOIN posts p ON p.id = d.post_id
                               WHERE d.sign < 0) AS left_hours
                        WHERE h.brand_id = left_hours.brand_id AND h.classifier_version = $2
                          AND h.bucket = left_hours.bucket AND h.posts = 0
                        """,
                    binds: binds),
                logger: logger)
        }
    }
}
