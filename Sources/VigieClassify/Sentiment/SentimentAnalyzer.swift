/// Rule-based sentiment over scanned sentences, in the manner of VADER
/// (Hutto and Gilbert, 2014): word valences from a lexicon, moved by negation,
/// boosters, contrast, capitals and exclamation marks, then squashed into [-1, 1].
struct SentimentAnalyzer: Sendable {
    /// Languages with a lexicon, in `LanguageModel` lane order where they exist.
    static let languages = ["fr", "en", "de", "es"]

    /// Damping applied to a negated word (VADER's value).
    static let negationScalar: Float = -0.74
    /// Added to a fully capitalised sentiment word in a sentence that is not all capitals.
    static let capitalsIncrement: Float = 0.733
    /// Added per exclamation mark, up to four.
    static let exclamationIncrement: Float = 0.292
    /// Normalisation constant: score = sum / sqrt(sum² + alpha).
    static let alpha: Float = 15
    /// Words before a contrast weigh this much, words after it `contrastAfter`.
    static let contrastBefore: Float = 0.5
    static let contrastAfter: Float = 1.5
    /// Scores at or beyond this magnitude get a polar label.
    static let labelThreshold: Float = 0.05

    private var lexicons: [String: SentimentLexicon] = [:]
    private var symbols = SentimentLexicon()

    init() throws {
        for lang in Self.languages {
            lexicons[lang] = try SentimentLexicon(
                entriesFile: "sentiment/\(lang).tsv", rulesFile: "sentiment/\(lang)-rules.tsv")
        }
        symbols = try SentimentLexicon(entriesFile: "sentiment/emoji.tsv", rulesFile: nil)
    }

    func hasLexicon(_ lang: String) -> Bool { lexicons[lang] != nil }

    struct SentenceScore {
        /// Sum of word valences after the rules, before squashing.
        var raw: Float
        /// Whether the sentence opens with a contrast word ("Mais ...", "But ...").
        var opensWithContrast: Bool
    }

    static func normalise(_ raw: Float) -> Float {
        raw == 0 ? 0 : raw / (raw * raw + alpha).squareRoot()
    }

    static func label(_ score: Float) -> SentimentPolarity {
        if score >= labelThreshold { return .positive }
        if score <= -labelThreshold { return .negative }
        return .neutral
    }

    private struct Item {
        var token: Int
        var length: Int
        var valence: Float
        var text: String
    }

    /// Scores one sentence in `lang`; appends human-readable reasons to `explanation`.
    func score(
        _ sentence: Sentence, tokens: [Token], folded: UnsafeBufferPointer<UInt8>, lang: String,
        explanation: inout [String]
    ) -> SentenceScore {
        let start = Int(sentence.tokenStart)
        let end = Int(sentence.tokenEnd)
        let lexicon = lexicons[lang]
        var items: [Item] = []
        var negators: [(token: Int, value: Float, text: String, either: Bool)] = []
        var boosters: [(token: Int, value: Float, text: String)] = []
        var contrast = -1
        var contrastText = ""
        var concessions: [Int] = []
        var neSeen = false
        var letters = 0
        var capitals = 0

        var t = start
        while t < end {
            let token = tokens[t]
            if token.flags & Token.hasLetter != 0 {
                letters += 1
                if token.flags & Token.allCaps != 0 { capitals += 1 }
            }
            if token.flags & Token.symbol != 0 {
                if let (e, _) = symbols.entry(at: t, in: tokens, end: end) {
                    let entry = symbols.entries[Int(e)]
                    items.append(Item(token: t, length: 1, valence: entry.valence, text: entry.text))
                }
                t += 1
                continue
            }
            guard let lexicon else {
                t += 1
                continue
            }
            if let (e, length) = lexicon.entry(at: t, in: tokens, end: end), length > 1 {
                let entry = lexicon.entries[Int(e)]
                items.append(Item(token: t, length: length, valence: entry.valence, text: entry.text))
                t += length
                continue
            }
            if let r = lexicon.rule(at: t, in: tokens, start: start) {
                let rule = lexicon.rules[Int(r)]
                switch rule.kind {
                case .negator:
                    negators.append((t, rule.value, rule.text, false))
                case .negatorEither:
                    negators.append((t, rule.value, rule.text, true))
                case .negatorAfterNe:
                    if neSeen { negators.append((t, rule.value, rule.text, false)) }
                case .ne:
                    neSeen = true
                    negators.append((t, rule.value, rule.text, false))
                case .booster:
                    boosters.append((t, rule.value, rule.text))
                case .contrast:
                    contrast = t
                    contrastText = rule.text
                case .concession:
                    concessions.append(t)
                }
                t += 1
                continue
            }
            if let e = lexicon.singleEntry(token, folded: folded) {
                let entry = lexicon.entries[Int(e)]
                items.append(Item(token: t, length: 1, valence: entry.valence, text: entry.text))
            }
            t += 1
        }

        let shouting = letters > 0 && capitals * 2 > letters
        var sum: Float = 0
        var reasons: [String] = []
        for (n, item) in items.enumerated() {
            var v = item.valence
            var notes: [String] = []
            let sign: Float = v >= 0 ? 1 : -1
            for b in boosters where b.token < item.token && item.token - b.token <= 3 {
                let decay: Float = [1, 0.95, 0.9][item.token - b.token - 1]
                v += sign * b.value * decay
                notes.append("\(b.value >= 0 ? "boosted" : "toned down") by \"\(b.text)\"")
            }
            let token = tokens[item.token]
            if !shouting && token.flags & Token.allCaps != 0 && token.flags & Token.symbol == 0 {
                v += sign * Self.capitalsIncrement
                notes.append("capitals")
            }
            // Negation: a negator up to three words before, not across a contrast word; or
            // an either-side negator up to three words after, with no other sentiment word between.
            let nextItemStart = n + 1 < items.count ? items[n + 1].token : end
            var negation: (value: Float, text: String)?
            for g in negators {
                let before = g.token < item.token && item.token - g.token <= 3
                    && !(contrast > g.token && contrast < item.token)
                let after = g.either && g.token > item.token + item.length - 1 && g.token - item.token <= 3
                    && g.token < nextItemStart
                if before || after {
                    negation = (g.value, g.text)
                    break
                }
            }
            if let negation, token.flags & Token.symbol == 0 {
                v *= negation.value
                notes.append("negated by \"\(negation.text)\"")
            }
            if contrast >= 0 {
                if item.token < contrast {
                    v *= Self.contrastBefore
                    notes.append("before \"\(contrastText)\" x\(Self.contrastBefore)")
                } else if item.token > contrast {
                    v *= Self.contrastAfter
                    notes.append("after \"\(contrastText)\" x\(Self.contrastAfter)")
                }
            }
            for c in concessions where item.token > c && item.token - c <= 4 {
                v *= Self.contrastBefore
                notes.append("conceded x\(Self.contrastBefore)")
                break
            }
            sum += v
            if reasons.count < 12 {
                let shown = (v * 100).rounded() / 100
                let base = (item.valence * 100).rounded() / 100
                var line = "\"\(item.text)\" \(base >= 0 ? "+" : "")\(base)"
                if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ") -> \(shown >= 0 ? "+" : "")\(shown)" }
                reasons.append(line)
            }
        }
        if sum != 0 && sentence.exclamations > 0 {
            let boost = Float(min(sentence.exclamations, 4)) * Self.exclamationIncrement
            sum += sum > 0 ? boost : -boost
            reasons.append("\(sentence.exclamations) exclamation mark(s) \(sum > 0 ? "+" : "-")\((boost * 100).rounded() / 100)")
        }
        explanation.append(contentsOf: reasons)
        return SentenceScore(raw: sum, opensWithContrast: contrast == start)
    }
}
