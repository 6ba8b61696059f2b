/// Scores the clauses of a post that name brands, with the post's sentiment rules: the
/// per-brand half of ``Classifier/brandSentiments(_:mentions:input:language:)``.
struct ClauseReader {
    /// What one sentence says about one brand.
    struct Piece {
        var brand: Int
        var raw: Float
        var explanation: [String]
        /// Whether the clause runs to the end of the sentence: the brands a next sentence
        /// naming none is read as about.
        var last: Bool
    }

    let classifier: Classifier
    let buffer: ScanBuffer
    let input: ClassifierInput
    let language: Classifier.PostLanguage
    private var scratch = SentimentAnalyzer.Scratch()
    /// Each sentence's lexicon and whole-sentence score, decided once: from the post's own
    /// scoring when given, else on first use.
    private var lexicons: [Int]
    private var wholes: [(raw: Float, explanation: [String])?]

    init(
        classifier: Classifier, buffer: ScanBuffer, input: ClassifierInput, language: Classifier.PostLanguage,
        reads: [Classifier.SentenceRead]? = nil
    ) {
        self.classifier = classifier
        self.buffer = buffer
        self.input = input
        self.language = language
        if let reads, reads.count == buffer.sentences.count {
            lexicons = reads.map(\.lexicon)
            wholes = reads.map { read in
                (read.raw, Array(read.explanation.prefix(Classifier.brandExplanationBudget)))
            }
        } else {
            lexicons = [Int](repeating: -2, count: buffer.sentences.count)
            wholes = Array(repeating: nil, count: buffer.sentences.count)
        }
    }

    /// The lexicon sentence `s` (or any clause of it: its language scores are the sentence's) is read with.
    mutating func lexicon(_ s: Int) -> Int {
        if lexicons[s] == -2 {
            lexicons[s] = classifier.sentenceLexicon(buffer.sentences[s], language: language).lexicon
        }
        return lexicons[s]
    }

    /// Tokens `lo ..< hi` of sentence `s` scored as if they were a sentence of their own
    /// (its question and exclamation marks kept), with their reasons.
    mutating func score(_ s: Int, _ lo: Int, _ hi: Int) -> (raw: Float, explanation: [String]) {
        var clause = buffer.sentences[s]
        let whole = lo == Int(clause.tokenStart) && hi == Int(clause.tokenEnd)
        if whole, let known = wholes[s] { return known }
        clause.tokenStart = Int32(lo)
        clause.tokenEnd = Int32(hi)
        let lexicon = self.lexicon(s)
        var explanation: [String] = []
        var budget = Classifier.brandExplanationBudget
        let score = buffer.folded.withUnsafeBufferPointer { folded in
            classifier.data.sentiment.score(
                clause, tokens: buffer.tokens, folded: folded, lexicon: lexicon, scratch: &scratch,
                explanation: &explanation, budget: &budget)
        }
        if whole { wholes[s] = (score.raw, explanation) }
        return (score.raw, explanation)
    }

    mutating func whole(_ s: Int) -> (raw: Float, explanation: [String]) {
        score(s, Int(buffer.sentences[s].tokenStart), Int(buffer.sentences[s].tokenEnd))
    }

    /// The source text of tokens `lo ..< hi` of sentence `s`.
    func text(_ s: Int, _ lo: Int, _ hi: Int) -> String {
        guard lo < hi else { return "" }
        let source = buffer.sentences[s].field == .title ? input.title ?? "" : input.text
        return Classifier.slice(source, Int(buffer.tokens[lo].sourceStart), Int(buffer.tokens[hi - 1].sourceEnd))
    }

    /// What sentence `s` says of each run of brand mentions in it (``MentionPlaces``): the
    /// whole sentence for one brand; otherwise each brand's clause, cut where the next brand's
    /// begins. A clause cut only at a comma or an "and" that says nothing takes the whole
    /// sentence ("Free et Orange sont nuls"); after "A meilleur que B", B takes A's clause the
    /// other way round.
    mutating func pieces(sentence s: Int, runs: [MentionPlaces.Run]) -> [Piece] {
        let sentence = buffer.sentences[s]
        let start = Int(sentence.tokenStart)
        let end = Int(sentence.tokenEnd)
        let number = "sentence " + String(s + 1)
        if runs.count == 1 {
            let (raw, lines) = whole(s)
            let head = number + ": \"" + text(s, start, end) + "\" " + SentimentAnalyzer.signed(raw)
            return [Piece(brand: runs[0].brand, raw: raw, explanation: [head] + lines, last: true)]
        }
        // The words of the sentence's language: Italian "ma" and Dutch "en" are French words too.
        let words = ClauseWords.byLexicon[lexicon(s)]
        let splits = runs.indices.dropLast().map { k in
            words.split(buffer.tokens, folded: buffer.folded, before: runs[k].end, after: runs[k + 1].start)
        }
        // Each run's clause bounds, from the nearest split on either side that is not `.none`:
        // one pass each way, so a sentence naming brands many times stays linear.
        var before = [(lo: Int, weak: Bool, comparedWith: Int?)](repeating: (start, false, nil), count: runs.count)
        for k in runs.indices.dropFirst() {
            switch splits[k - 1] {
            case .none: before[k] = before[k - 1]
            case .clause(let t, let kind): before[k] = (t, kind == .coordination, nil)
            case .comparison(let link, _): before[k] = (link, false, k - 1)
            }
        }
        var after = [(hi: Int, weak: Bool, less: Bool)](repeating: (end, false, false), count: runs.count)
        for k in runs.indices.dropLast().reversed() {
            switch splits[k] {
            case .none: after[k] = after[k + 1]
            case .clause(let t, let kind): after[k] = (t, kind == .coordination, false)
            case .comparison(let link, let isLess): after[k] = (link, false, isLess)
            }
        }
        // Runs sharing a clause share its score and text.
        var scored: [Int: (raw: Float, explanation: [String], text: String)] = [:]
        func clause(_ lo: Int, _ hi: Int) -> (raw: Float, explanation: [String], text: String) {
            let key = lo &* (end + 1) &+ hi
            if let known = scored[key] { return known }
            let (raw, lines) = score(s, lo, hi)
            let found = (raw, lines, text(s, lo, hi))
            scored[key] = found
            return found
        }
        var own: [Float] = []
        var pieces: [Piece] = []
        for k in runs.indices {
            var hi = after[k].hi
            let lo = before[k].lo
            let weak = before[k].weak || after[k].weak
            let less = after[k].less
            // A comparison's first brand is the run just before the link, and the runs it shares a clause with.
            let comparedWith = before[k].comparedWith.map { j in own[j] }
            var (raw, lines, words) = clause(lo, hi)
            var head = number + ": \"" + words + "\" " + SentimentAnalyzer.signed(raw)
            if less {
                raw = -raw
                head += ", \"" + "less" + "\" reverses it"
            }
            own.append(raw)
            if let other = comparedWith {
                raw -= other
                head += ", compared with the brand before: " + SentimentAnalyzer.signed(-other)
            }
            if raw == 0 && weak {
                (raw, lines, words) = clause(start, end)
                head = number + " as a whole (the clause says nothing): \"" + words + "\" " + SentimentAnalyzer.signed(raw)
                hi = end
            }
            pieces.append(Piece(brand: runs[k].brand, raw: raw, explanation: [head] + lines, last: hi == end))
        }
        return pieces
    }
}
