/// Language, sentiment, brand and governance classification of posts.
///
/// Everything is compiled in `init`; `classify` is pure and safe to call from many
/// tasks at once.
public struct Classifier: Sendable {
    /// Version of the algorithms and bundled lexicons; bump when results change.
    public static let algorithmVersion = 1

    /// Classifier version including the bundled taxonomy version, e.g. `vigie-clf-1+tax-1`.
    /// Stored with every classification.
    public static let version: String = {
        let taxonomy = (try? BundledData.load().taxonomy.version) ?? "missing"
        return "vigie-clf-\(algorithmVersion)+tax-\(taxonomy)"
    }()

    private let data: BundledData
    private let brands: [BrandRule]
    private let queries: QuerySet
    private let rules: [Taxonomy.Rule]
    /// Query index in `queries` for each rule, or -1 for detector rules.
    private let ruleQueries: [Int]
    private let detectors: DetectorSet
    /// Index in the taxonomy's categories of each rule's category.
    private let ruleCategories: [Int]
    private let categoryCount: Int
    /// Version of the taxonomy in use (the bundled one unless another was given).
    public let taxonomyVersion: String

    /// Compiles every brand query against the bundled taxonomy.
    /// Throws `BrandQueryError` naming the brand for a bad query.
    public init(brands: [BrandRule]) throws {
        let data = try BundledData.load()
        try self.init(brands: brands, taxonomy: data.taxonomy, data: data)
    }

    /// Compiles every brand query against a steward-supplied taxonomy.
    public init(brands: [BrandRule], taxonomy: Taxonomy) throws {
        try self.init(brands: brands, taxonomy: taxonomy, data: try BundledData.load())
    }

    private init(brands: [BrandRule], taxonomy: Taxonomy, data: BundledData) throws {
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
        self.ruleQueries = ruleQueries
        self.detectors = detectors
        self.ruleCategories = taxonomy.rules.map { rule in taxonomy.categories.firstIndex(of: rule.category) ?? 0 }
        self.categoryCount = max(1, taxonomy.categories.count)
        self.taxonomyVersion = taxonomy.version
    }

    public func classify(_ input: ClassifierInput) -> ClassificationResult {
        var buffer = ScanBuffer()
        var titleTokens = 0
        data.language.withLookup { language in
            if let title = input.title { Scanner.scan(title, field: .title, into: &buffer, language: language) }
            titleTokens = buffer.tokens.count
            Scanner.scan(input.text, field: .text, into: &buffer, language: language)
        }
        let textTokens = buffer.tokens.count
        if let author = input.author { Scanner.scan(author, field: .author, into: &buffer, language: nil) }

        var explanation: [String] = []

        // Language of the post, then of each sentence.
        var total = SIMD8<Int32>()
        var ngrams: Int32 = 0
        for s in buffer.sentences {
            total &+= s.languageScores
            ngrams &+= s.ngrams
        }
        let hint = input.lang.map { $0.lowercased() }.flatMap { LanguageModel.languages.contains($0) ? $0 : nil }
        let lang: String
        if let decided = LanguageModel.decide(total, ngrams: ngrams) {
            lang = decided.language
            explanation.append(
                "lang " + lang + ": " + String(ngrams) + " trigrams, margin "
                    + SentimentAnalyzer.signed(decided.confidence).dropFirst())
        } else if let hint {
            lang = hint
            explanation.append("lang \(lang): from the source's hint, too little text to tell")
        } else {
            lang = "und"
            explanation.append("lang und: " + String(ngrams) + " trigrams, no clear winner")
        }
        let mainLane = Int32(LanguageModel.languages.firstIndex(of: lang) ?? -1)
        let mainLexicon = SentimentAnalyzer.lexiconLane(lang)
        let fallbackLexicon = mainLexicon >= 0 ? mainLexicon : SentimentAnalyzer.lexiconLane(Self.bestSentimentLanguage(total, hint: hint))
        var budget = 8
        var scratch = SentimentAnalyzer.Scratch()

        // Sentiment per sentence, in that sentence's language.
        var sentenceResults: [ClassificationResult.SentenceResult] = []
        sentenceResults.reserveCapacity(buffer.sentences.count)
        var raws: [Float] = []
        raws.reserveCapacity(buffer.sentences.count)
        for sentence in buffer.sentences {
            let sentenceLane =
                LanguageModel.decideLane(
                    sentence.languageScores, ngrams: sentence.ngrams, minimumNgrams: 16, minimumMargin: 0.12)?.lane
                ?? Int(mainLane)
            let sentenceLang = sentenceLane >= 0 ? LanguageModel.languages[sentenceLane] : "und"
            let sentenceLexicon = sentenceLane < SentimentAnalyzer.languages.count ? sentenceLane : -1
            let before = explanation.count
            let score = buffer.folded.withUnsafeBufferPointer { folded in
                data.sentiment.score(
                    sentence, tokens: buffer.tokens, folded: folded,
                    lexicon: sentenceLexicon >= 0 ? sentenceLexicon : fallbackLexicon, scratch: &scratch,
                    explanation: &explanation,
                    budget: &budget)
            }
            if score.opensWithContrast {
                for k in raws.indices { raws[k] *= SentimentAnalyzer.contrastBefore }
                raws.append(score.raw * SentimentAnalyzer.contrastAfter)
                explanation.append("sentence opens with a contrast: earlier sentences x0.5")
            } else {
                raws.append(score.raw)
            }
            if explanation.count > before && sentenceLane != Int(mainLane) {
                explanation.insert("sentence " + String(sentenceResults.count + 1) + " in " + sentenceLang + ":", at: before)
            }
            let normalised = SentimentAnalyzer.normalise(score.raw)
            sentenceResults.append(
                .init(
                    text: Self.slice(
                        sentence.field == .title ? input.title ?? "" : input.text, Int(sentence.sourceStart),
                        Int(sentence.sourceEnd)),
                    lang: sentenceLang, label: SentimentAnalyzer.label(normalised), score: Self.round(normalised)))
        }
        let postScore = SentimentAnalyzer.normalise(raws.reduce(0, +))
        let sentiment = ClassificationResult.Sentiment(label: SentimentAnalyzer.label(postScore), score: Self.round(postScore))
        explanation.append("sentiment " + sentiment.label.rawValue + " " + SentimentAnalyzer.signed(postScore))

        // Brands and category rules share one pass over the tokens.
        let hits = queries.hits(in: buffer, languageLane: mainLane)
        let witnesses = queries.withMatcher(hits, tokens: buffer.tokens) { matcher in
            (0 ..< queries.roots.count).map { matcher.match($0) }
        }
        var brandMatches: [ClassificationResult.BrandMatch] = []
        for (k, brand) in brands.enumerated() {
            let w = witnesses[k]
            guard w.matched else { continue }
            let span = w.start >= 0 ? span(of: w, buffer: buffer, input: input) : nil
            brandMatches.append(.init(id: brand.id, name: brand.name, span: span))
        }

        var detectorHits: [(Field, DetectorHit)] = []
        if !detectors.isEmpty {
            var found: [DetectorHit] = []
            var text = input.text
            text.withUTF8 { p in
                PersonalDataScanner.scan(p, detectors: detectors, tokens: buffer.tokens[titleTokens ..< textTokens], into: &found)
            }
            detectorHits += found.map { (.text, $0) }
            if var title = input.title {
                found.removeAll()
                title.withUTF8 { p in
                    PersonalDataScanner.scan(p, detectors: detectors, tokens: buffer.tokens[0 ..< titleTokens], into: &found)
                }
                detectorHits += found.map { (.title, $0) }
            }
        }

        var categoryMatches: [ClassificationResult.CategoryMatch] = []
        var tagged = [Bool](repeating: false, count: categoryCount)
        for (k, rule) in rules.enumerated() {
            let category = ruleCategories[k]
            var witness = QuerySet.Witness.none
            var detected: (Field, DetectorHit)?
            if ruleQueries[k] >= 0 {
                witness = witnesses[ruleQueries[k]]
                guard witness.matched else { continue }
            } else if case .detector(let detector) = rule.pattern,
                let hit = detectorHits.first(where: { $0.1.detector == detector })
            {
                detected = hit
            } else {
                continue
            }
            // Categories carry their rule and span themselves; further rules of an already
            // tagged category only get a line of explanation.
            if tagged[category] {
                explanation.append("category " + rule.category + " also matches rule " + rule.name)
                continue
            }
            tagged[category] = true
            var span: TextSpan?
            if let (field, hit) = detected {
                span = Self.span(field == .title ? input.title ?? "" : input.text, field: field, hit.start, hit.end)
            } else if witness.start >= 0 {
                span = self.span(of: witness, buffer: buffer, input: input)
            }
            categoryMatches.append(.init(id: rule.category, rule: rule.name, span: span))
        }

        return ClassificationResult(
            id: input.id, lang: lang, sentiment: sentiment, sentences: sentenceResults, brands: brandMatches,
            categories: categoryMatches, explanation: explanation)
    }

    /// The sentiment language to use when the post's own language has no lexicon.
    private static func bestSentimentLanguage(_ scores: SIMD8<Int32>, hint: String?) -> String {
        if let hint, SentimentAnalyzer.languages.contains(hint) { return hint }
        var best = "fr"
        var bestScore = Int32.min
        for lang in SentimentAnalyzer.languages {
            guard let lane = LanguageModel.languages.firstIndex(of: lang) else { continue }
            if scores[lane] > bestScore {
                bestScore = scores[lane]
                best = lang
            }
        }
        return best
    }

    private func span(of w: QuerySet.Witness, buffer: ScanBuffer, input: ClassifierInput) -> TextSpan {
        let first = buffer.tokens[Int(w.start)]
        let last = buffer.tokens[Int(w.end)]
        let source: String
        let name: String
        switch first.field {
        case .text: (source, name) = (input.text, "text")
        case .title: (source, name) = (input.title ?? "", "title")
        case .author: (source, name) = (input.author ?? "", "author")
        }
        return TextSpan(
            field: name, start: Int(first.scalarStart), end: Int(last.scalarEnd),
            text: Self.slice(source, Int(first.sourceStart), Int(last.sourceEnd)))
    }

    private static func span(_ source: String, field: Field, _ start: Int, _ end: Int) -> TextSpan {
        var scalarStart = 0
        var scalarEnd = 0
        var source = source
        source.withUTF8 { p in
            for k in 0 ..< min(end, p.count) where p[k] & 0xC0 != 0x80 {
                if k < start { scalarStart += 1 }
                scalarEnd += 1
            }
        }
        let name: String
        switch field {
        case .text: name = "text"
        case .title: name = "title"
        case .author: name = "author"
        }
        return TextSpan(field: name, start: scalarStart, end: scalarEnd, text: slice(source, start, end))
    }

    /// The text between two UTF-8 offsets, trimmed of surrounding whitespace.
    static func slice(_ source: String, _ start: Int, _ end: Int) -> String {
        let utf8 = source.utf8
        guard start >= 0, end <= utf8.count, start < end else { return "" }
        var s = start
        var e = end
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        let trimmed: (Int, Int)? = utf8.withContiguousStorageIfAvailable { p in
            while s < e, space(p[s]) { s += 1 }
            while e > s, space(p[e - 1]) { e -= 1 }
            return (s, e)
        }
        if let trimmed { (s, e) = trimmed }
        // Offsets fall on scalar boundaries (token and sentence edges), so the slice needs no revalidation.
        let from = utf8.index(utf8.startIndex, offsetBy: s)
        let to = utf8.index(utf8.startIndex, offsetBy: e)
        return String(source[from ..< to])
    }

    private static func round(_ x: Float) -> Double { (Double(x) * 1000).rounded() / 1000 }
}
