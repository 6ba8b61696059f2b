import VigieModel

/// Everything the classifier says about one post.
///
/// JSON: `{"id", "lang", "sentiment": {"label", "score"}, "sentences": [{"text", "lang", "label", "score"}],
/// "brands": [{"id", "name", "span"?, "sentiment"?: {"label", "score", "explanation"}}], "categories": [{"id", "rule", "span"}], "explanation": [String]}`.
public struct ClassificationResult: Codable, Sendable, Hashable {
    public struct Sentiment: Codable, Sendable, Hashable {
        public var label: SentimentLabel
        /// In [-1, 1].
        public var score: Double

        public init(label: SentimentLabel, score: Double) {
            self.label = label
            self.score = score
        }
    }

    public struct SentenceResult: Codable, Sendable, Hashable {
        public var text: String
        public var lang: String
        public var label: SentimentLabel
        public var score: Double

        public init(text: String, lang: String, label: SentimentLabel, score: Double) {
            self.text = text
            self.lang = lang
            self.label = label
            self.score = score
        }
    }

    /// The sentiment of the text around a brand's mentions, not of the whole post.
    public struct BrandSentiment: Codable, Sendable, Hashable {
        public var label: SentimentLabel
        /// In [-1, 1].
        public var score: Double
        /// Which sentences or clauses it was read from, and their words.
        public var explanation: [String]

        public init(label: SentimentLabel, score: Double, explanation: [String] = []) {
            self.label = label
            self.score = score
            self.explanation = explanation
        }
    }

    public struct BrandMatch: Codable, Sendable, Hashable {
        public var id: Int64
        public var name: String
        /// First place the query matched; nil when it matched without a position.
        public var span: TextSpan?
        /// Nil when the query matched nowhere in the title or text (only `NOT`, `lang:` or
        /// the author): the post's sentiment stands for the brand's.
        public var sentiment: BrandSentiment?

        public init(id: Int64, name: String, span: TextSpan?, sentiment: BrandSentiment? = nil) {
            self.id = id
            self.name = name
            self.span = span
            self.sentiment = sentiment
        }
    }

    public struct CategoryMatch: Codable, Sendable, Hashable {
        /// Category id from the taxonomy, such as `complaint`.
        public var id: String
        /// Name of the first rule of that category that matched.
        public var rule: String
        /// Nil only when the rule matched without a position.
        public var span: TextSpan?

        public init(id: String, rule: String, span: TextSpan?) {
            self.id = id
            self.rule = rule
            self.span = span
        }
    }

    public var id: String?
    /// ISO 639-1 code of the main language, or `und`.
    public var lang: String
    public var sentiment: Sentiment
    public var sentences: [SentenceResult]
    public var brands: [BrandMatch]
    public var categories: [CategoryMatch]
    /// Which words, rules and queries produced the result, most important first.
    public var explanation: [String]

    public init(
        id: String?, lang: String, sentiment: Sentiment, sentences: [SentenceResult], brands: [BrandMatch],
        categories: [CategoryMatch], explanation: [String]
    ) {
        self.id = id
        self.lang = lang
        self.sentiment = sentiment
        self.sentences = sentences
        self.brands = brands
        self.categories = categories
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey {
        case id, lang, sentiment, sentences, brands, categories, explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // `id` is always present, null when the input had none.
        try c.encode(id, forKey: .id)
        try c.encode(lang, forKey: .lang)
        try c.encode(sentiment, forKey: .sentiment)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(brands, forKey: .brands)
        try c.encode(categories, forKey: .categories)
        try c.encode(explanation, forKey: .explanation)
    }
}
