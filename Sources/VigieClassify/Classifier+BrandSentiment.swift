extension Classifier {
    /// Most reasons kept in one brand's explanation.
    static let brandExplanationBudget = 8
    /// Weight of a sentence naming no brand, read as about the brands whose clauses end the
    /// sentence before it (or, before any brand is named, the first one after): "Free a
    /// planté. Trois fois !".
    static let carriedWeight: Float = 0.5

    /// The brands that matched, each with the sentiment of the text around its mentions.
    func brandMatches(
        _ buffer: ScanBuffer, witnesses: [QuerySet.Witness], mentions: [[QuerySet.Witness]], input: ClassifierInput,
        language: PostLanguage, reads: [SentenceRead]? = nil
    ) -> [ClassificationResult.BrandMatch] {
        let sentiments = brandSentiments(buffer, mentions: mentions, input: input, language: language, reads: reads)
        var matches: [ClassificationResult.BrandMatch] = []
        for (k, brand) in brands.enumerated() where witnesses[k].matched {
            let w = witnesses[k]
            let span = w.start >= 0 ? span(of: w, buffer: buffer, input: input) : nil
            matches.append(.init(id: brand.id ?? Int64(k + 1), name: brand.name, span: span, sentiment: sentiments[k]))
        }
        return matches
    }

    /// The brands a post mentions with their sentiment, as ``classify(_:)`` finds them,
    /// without the post's own sentiment or categories: what a brand backfill needs.
    public func brands(in input: ClassifierInput) -> [ClassificationResult.BrandMatch] {
        var explanation: [String] = []
        let (buffer, language, _, _) = scan(input, explanation: &explanation)
        let (witnesses, mentions) = match(buffer, language: language)
        return brandMatches(buffer, witnesses: witnesses, mentions: mentions, input: input, language: language)
    }

    /// Lane of `sentence`'s own language when it is sure of it, else the post's, and the
    /// lexicon that scores it.
    func sentenceLexicon(_ sentence: Sentence, language: PostLanguage) -> (lane: Int, lexicon: Int) {
        let lane =
            LanguageModel.decideLane(
                sentence.languageScores, ngrams: sentence.ngrams, minimumNgrams: 16, minimumMargin: 0.12)?.lane
            ?? language.lane
        let lexicon = lane >= 0 && lane < SentimentAnalyzer.languages.count ? lane : language.fallbackLexicon
        return (lane, lexicon)
    }

    /// Per brand (in `brands` order), the sentiment of the clauses naming it: each sentence
    /// naming it is cut where another brand's clause begins (``ClauseWords``), scored with the
    /// same rules as the post, and the pieces added up; nil for a brand named nowhere in the
    /// title or text. `reads`, when the post's sentences were scored already, are reused.
    func brandSentiments(
        _ buffer: ScanBuffer, mentions: [[QuerySet.Witness]], input: ClassifierInput, language: PostLanguage,
        reads: [SentenceRead]? = nil
    ) -> [ClassificationResult.BrandSentiment?] {
        let places = MentionPlaces(mentions, tokens: buffer.tokens)
        guard !places.bySentence.isEmpty else { return mentions.map { _ in nil } }
        var reader = ClauseReader(classifier: self, buffer: buffer, input: input, language: language, reads: reads)
        var raws = [Float](repeating: 0, count: brands.count)
        var named = [Bool](repeating: false, count: brands.count)
        var explanations = [[String]](repeating: [], count: brands.count)
        // Per sentence naming brands: the brands of its first run and of its clauses reaching its end.
        var ends: [Int: (first: Int, last: [Int])] = [:]
        for (s, runs) in places.bySentence {
            var last: [Int] = []
            for piece in reader.pieces(sentence: s, runs: runs) {
                named[piece.brand] = true
                raws[piece.brand] += piece.raw
                if explanations[piece.brand].count < Self.brandExplanationBudget {
                    explanations[piece.brand].append(contentsOf: piece.explanation)
                }
                if piece.last && !last.contains(piece.brand) { last.append(piece.brand) }
            }
            ends[s] = (runs[0].brand, last)
        }
        for (s, from, after) in places.carried(buffer.sentences) {
            guard let end = ends[from] else { continue }
            let (raw, lines) = reader.whole(s)
            guard raw != 0 else { continue }
            let sentence = buffer.sentences[s]
            let head =
                "sentence " + String(s + 1) + " names no brand, read with sentence " + String(from + 1) + " x0.5: \""
                + reader.text(s, Int(sentence.tokenStart), Int(sentence.tokenEnd)) + "\" " + SentimentAnalyzer.signed(raw)
            for brand in after ? end.last : [end.first] {
                raws[brand] += raw * Self.carriedWeight
                if explanations[brand].count < Self.brandExplanationBudget {
                    explanations[brand].append(head)
                    explanations[brand].append(contentsOf: lines)
                }
            }
        }
        return brands.indices.map { k in
            guard named[k] else { return nil }
            let score = SentimentAnalyzer.normalise(raws[k])
            let label = SentimentAnalyzer.label(score)
            var lines = Array(explanations[k].prefix(Self.brandExplanationBudget))
            lines.append("brand sentiment " + label.rawValue + " " + SentimentAnalyzer.signed(score))
            return .init(label: label, score: Self.round(score), explanation: lines)
        }
    }
}
