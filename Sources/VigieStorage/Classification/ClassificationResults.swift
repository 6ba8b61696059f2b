import Logging
import PostgresNIO
import VigieModel

/// The sentiment of the text around one brand's mentions in a post (see `post_brands`).
public struct MentionSentiment: Sendable, Equatable {
    public var label: SentimentLabel
    /// In [-1, 1].
    public var score: Double

    public init(label: SentimentLabel, score: Double) {
        self.label = label
        self.score = score
    }

    /// The label as a text bind and the score clamped to [-1, 1]; for no sentiment (the
    /// post's stands for the brand's), an empty text SQL turns into NULL with `NULLIF`.
    static func binds(_ sentiments: [MentionSentiment?]) -> (labels: [String], scores: [Double]) {
        (sentiments.map { $0?.label.rawValue ?? "" }, sentiments.map { min(1, max(-1, $0?.score ?? 0)) })
    }
}

/// What a classifier decided about one post.
public struct ClassificationRecord: Sendable, Equatable {
    public var postID: Int64
    public var lang: String
    public var sentiment: SentimentLabel
    public var score: Double
    public var brandIDs: [Int64]
    /// The sentiment of each brand in `brandIDs`, by id; a brand without one counts with the post's.
    public var brandSentiments: [Int64: MentionSentiment]
    public var categories: [String]

    public init(
        postID: Int64, lang: String, sentiment: SentimentLabel, score: Double, brandIDs: [Int64],
        brandSentiments: [Int64: MentionSentiment] = [:], categories: [String]
    ) {
        self.postID = postID
        self.lang = lang
        self.sentiment = sentiment
        self.score = score
        self.brandIDs = brandIDs
        self.brandSentiments = brandSentiments
        self.categories = categories
    }
}

/// Classifications and brand mentions, one per post and classifier version, written
/// in the transaction that leased the posts (see ``ClassifyQueue/classifyBatch(limit:version:_:)``).
enum ClassificationResults {
    /// Stores `records`. A post already classified by `version` was edited since (see
    /// ``PostStore``): its old classification is subtracted from the rollups and replaced,
    /// in this transaction, so that it is counted once, with its new content. The queue row
    /// this transaction leased keeps any other worker away from the post meanwhile.
    static func store(
        _ records: [ClassificationRecord], version: String, _ tx: PostgresConnection, logger: Logger
    ) async throws {
        guard !records.isEmpty else { return }
        let ids = records.map(\.postID)
        try await replaced(ids, version: version, tx, logger: logger)
        let langs = records.map(\.lang)
        let labels = records.map(\.sentiment.rawValue)
        let scores = records.map { min(1, max(-1, $0.score)) }
        // One text per post, categories joined by commas (ids never contain commas).
        let categories = records.map { $0.categories.joined(separator: ",") }
        var mentionPosts: [Int64] = [], mentionBrands: [Int64] = [], mentionSentiments: [MentionSentiment?] = []
        for record in records {
            for brand in Set(record.brandIDs).sorted() {
                mentionPosts.append(record.postID)
                mentionBrands.append(brand)
                mentionSentiments.append(record.brandSentiments[brand])
            }
        }
        let (mentionLabels, mentionScores) = MentionSentiment.binds(mentionSentiments)
        try await tx.query(
            """
            INSERT INTO classifications (post_id, classifier_version, lang, sentiment, score, categories)
            SELECT r.post_id, \(version), r.lang, r.sentiment, r.score,
                   COALESCE(string_to_array(NULLIF(r.categories, ''), ','), '{}')
            FROM unnest(\(ids)::int8[], \(langs)::text[], \(labels)::text[], \(scores)::float8[], \(categories)::text[])
                 AS r(post_id, lang, sentiment, score, categories)
            """, logger: logger)
        guard !mentionPosts.isEmpty else { return }
        // A brand deleted meanwhile is skipped rather than failing the batch.
        try await tx.query(
            """
            INSERT INTO post_brands (post_id, brand_id, classifier_version, sentiment, score)
            SELECT m.post_id, m.brand_id, \(version), NULLIF(m.sentiment, ''),
                   CASE WHEN m.sentiment = '' THEN NULL ELSE m.score END
            FROM unnest(\(mentionPosts)::int8[], \(mentionBrands)::int8[], \(mentionLabels)::text[], \(mentionScores)::float8[])
                 AS m(post_id, brand_id, sentiment, score)
            JOIN brands b ON b.id = m.brand_id
            """, logger: logger)
    }

    /// Removes the classifications of `posts` by `version`, if any, and their rollup counts.
    private static func replaced(_ posts: [Int64], version: String, _ tx: PostgresConnection, logger: Logger) async throws {
        var classified: [Int64] = []
        for try await id in try await tx.query(
            """
            SELECT post_id FROM classifications
            WHERE post_id = ANY(\(posts)::int8[]) AND classifier_version = \(version)
            ORDER BY post_id
            """, logger: logger
        ).decode(Int64.self) {
            classified.append(id)
        }
        guard !classified.isEmpty else { return }
        try await Rollups.remove(posts: classified, version: version, tx, logger: logger)
        try await tx.query(
            "DELETE FROM post_brands WHERE post_id = ANY(\(classified)::int8[]) AND classifier_version = \(version)",
            logger: logger)
        try await tx.query(
            "DELETE FROM classifications WHERE post_id = ANY(\(classified)::int8[]) AND classifier_version = \(version)",
            logger: logger)
    }
}
