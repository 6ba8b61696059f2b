import VigieModel

/// Language, sentiment, brand and governance classification of posts.
///
/// Everything is compiled in `init`; `classify` is pure and safe to call from many
/// tasks at once.
public struct Classifier: Sendable {
    /// Version of the algorithms and bundled lexicons; bump when results change.
    public static let algorithmVersion = 2

    /// Classifier version including the bundled taxonomy version, e.g. `vigie-clf-2+tax-2`.
    /// Stored with every classification.
    public static let version: String = {
        let taxonomy = (try? BundledData.load().taxonomy.version) ?? "missing"
        return "vigie-clf-\(algorithmVersion)+tax-\(taxonomy)"
    }()

    let data: BundledData
    let brands: [Brand]
    let queries: QuerySet
    let rules: [Taxonomy.Rule]
    /// Kept so that ``replacingBrands(_:)`` compiles a new brand set against the same rules.
    let taxonomy: Taxonomy
    /// Query index in `queries` for each rule, or -1 for detector rules.
    let ruleQueries: [Int]
    let detectors: DetectorSet
    /// Index in the taxonomy's categories of each rule's category.
    let ruleCategories: [Int]
    let categoryCount: Int
    /// Version of the taxonomy in use (the bundled one unless another was given).
    public let taxonomyVersion: String

    /// Compiles every brand query against the bundled taxonomy.
    /// Throws `BrandQueryError` naming the brand for a bad query.
    ///
    /// Matches name a brand by its `id`; a brand not stored yet (no `id`) is named by its
    /// position in `brands`, from 1, so a brands file classifies without a database.
    public init(brands: [Brand]) throws {
        let data = try BundledData.load()
        try self.init(brands: brands, taxonomy: data.taxonomy, data: data)
    }

    /// Compiles every brand query against a steward-supplied taxonomy.
    public init(brands: [Brand], taxonomy: Taxonomy) throws {
        try self.init(brands: brands, taxonomy: taxonomy, data: try BundledData.load())
    }

    fileprivate init(brands: [Brand], taxonomy: Taxonomy, data: BundledData) throws {
        var queries = QuerySet()
        for brand in brands {
            do {
                queries.add(try BrandQuery.parse(brand.query))
            } catch var error as BrandQueryError {
                error.brand = brand.name
                throw error
            }
        }
        var ruleQueries: [Int] = []
        var detectors = DetectorSet()
        for rule in taxonomy.rules {
            switch rule.pattern {
            case .query(let expression):
                ruleQueries.append(queries.add(expression))
            case .detector(let detector):
                ruleQueries.append(-1)
                detectors.insert(DetectorSet(detector))
            }
        }
        self.data = data
        self.brands = brands
        self.queries = queries
        self.rules = taxonomy.rules
        self.taxonomy = taxonomy
        self.ruleQueries = ruleQueries
        self.detectors = detectors
        self.ruleCategories = taxonomy.rules.map { rule in taxonomy.categories.firstIndex(of: rule.category) ?? 0 }
        self.categoryCount = max(1, taxonomy.categories.count)
        self.taxonomyVersion = taxonomy.version
    }

    /// The same classifier with another brand set (a brand added, changed or removed):
    /// the taxonomy and bundled data are kept, only the queries are compiled again.
    public func replacingBrands(_ brands: [Brand]) throws -> Classifier {
        try Classifier(brands: brands, taxonomy: taxonomy, data: data)
    }

    public func classify(_ input: ClassifierInput) -> ClassificationResult {
        var explanation: [String] = []
        let (buffer, language, titleTokens, textTokens) = scan(input, explanation: &explanation)
        let (sentiment, sentences, reads) = scoreSentences(
            buffer, input: input, language: language, explanation: &explanation)

        // Brands and category rules share one pass over the tokens.
        let (witnesses, mentions) = match(buffer, language: language)
        let brandMatches = brandMatches(
            buffer, witnesses: witnesses, mentions: mentions, input: input, language: language, reads: reads)
        let categories = tagCategories(
            buffer, input: input, witnesses: witnesses, titleTokens: titleTokens, textTokens: textTokens,
            explanation: &explanation)

        return ClassificationResult(
            id: input.id, lang: language.code, sentiment: sentiment, sentences: sentences, brands: brandMatches,
            categories: categories, explanation: explanation)
    }
}

extension Classifier {
    /// Tokens of a post's title, text and author, and its language: what both sentiment
    /// and query matching start from.
    func scan(_ input: ClassifierInput, explanation: inout [String])
        -> (buffer: ScanBuffer, language: PostLanguage, titleTokens: Int, textTokens: Int)
    {
        var buffer = ScanBuffer()
        var titleTokens = 0
        data.language.withLookup { language in
            if let title = input.title { Scanner.scan(title, field: .title, into: &buffer, language: language) }
            titleTokens = buffer.tokens.count
            Scanner.scan(input.text, field: .text, into: &buffer, language: language)
        }
        let textTokens = buffer.tokens.count
        if let author = input.author { Scanner.scan(author, field: .author, into: &buffer, language: nil) }
        let language = postLanguage(buffer, hint: input.lang, explanation: &explanation)
        return (buffer, language, titleTokens, textTokens)
    }

    /// Every query's witness (brands first, then taxonomy rules) over scanned tokens, and
    /// every place each brand that matched is named (see ``QueryMatcher/mentions(_:)``).
    func match(_ buffer: ScanBuffer, language: PostLanguage)
        -> (witnesses: [QuerySet.Witness], mentions: [[QuerySet.Witness]])
    {
        let hits = queries.hits(in: buffer, languageLane: Int32(language.queryLane))
        return queries.withMatcher(hits, tokens: buffer.tokens) { matcher in
            let witnesses = (0 ..< queries.roots.count).map { matcher.match($0) }
            let mentions = brands.indices.map { witnesses[$0].matched ? matcher.mentions($0) : [] }
            return (witnesses, mentions)
        }
    }

    /// The ids of the brands a post mentions, as ``classify(_:)`` finds them, without
    /// scoring sentiment or tagging categories: what a brand backfill needs of a post
    /// already classified. (The language is decided again from the same scan: a `lang:`
    /// query on an undetermined post tests its likeliest language, which is not stored.)
    public func brandIDs(in input: ClassifierInput) -> [Int64] {
        var explanation: [String] = []
        let (buffer, language, _, _) = scan(input, explanation: &explanation)
        let witnesses = match(buffer, language: language).witnesses
        return brands.indices.compactMap { k in witnesses[k].matched ? brands[k].id ?? Int64(k + 1) : nil }
    }
}
