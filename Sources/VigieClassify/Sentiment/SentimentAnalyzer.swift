import VigieModel

/// Rule-based sentiment over scanned sentences, in the manner of VADER
/// (Hutto and Gilbert, 2014): word valences from a lexicon, moved by negation,
/// boosters, contrast, capitals and exclamation marks, then squashed into [-1, 1].
struct SentimentAnalyzer: Sendable {
    /// Languages with a lexicon: the first lanes of `LanguageModel.languages`, so a language lane
    /// below `languages.count` is also its lexicon's index.
    static let languages = ["fr", "en", "de", "es", "it", "pt", "nl"]
    /// Lexicons an undetermined post may fall back on: those written for brand monitoring.
    /// The converted ones (it, pt, nl) rate general vocabulary and misread a short post in
    /// another language ("Bravo, encore un retard" has no Italian complaint).
    static let fallbackLanguages = ["fr", "en", "de", "es"]
    /// Files read after `<lang>.tsv`, whose valences replace the main file's: brand-monitoring
    /// words written for Vigie beside a lexicon converted from elsewhere.
    static let supplements = [
        "en": ["sentiment/en-brand.tsv"], "it": ["sentiment/it-brand.tsv"], "pt": ["sentiment/pt-brand.tsv"],
        "nl": ["sentiment/nl-brand.tsv"],
    ]

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
    /// Sum of a sentence's negative words at or below which lone praise reads as irony.
    static let ironyThreshold: Float = -1.0
    /// Weight of the words of a question.
    static let questionFactor: Float = 0.5
    /// Scores at or beyond this magnitude get a polar label.
    static let labelThreshold: Float = 0.05

    /// Lexicons in `languages` order.
    private var lexicons: [LexiconBox] = []
    private var symbols = LexiconBox(SentimentLexicon())

    init() throws {
        for lang in Self.languages {
            let files = ["sentiment/\(lang).tsv"] + (Self.supplements[lang] ?? [])
            lexicons.append(
                LexiconBox(try SentimentLexicon(entriesFiles: files, rulesFile: "sentiment/\(lang)-rules.tsv")))
        }
        symbols = LexiconBox(
            try SentimentLexicon(entriesFiles: ["sentiment/emoji.tsv"], rulesFile: "sentiment/emoji-rules.tsv"))
    }

    /// Index of the lexicon for `lang`, or -1.
    static func lexiconLane(_ lang: String) -> Int { languages.firstIndex(of: lang) ?? -1 }

    /// Whether a clause boundary (comma, semicolon, colon, dash, bracket) lies between two tokens.
    @inline(__always)
    private func crossesBoundary(_ tokens: [Token], from: Int, to: Int) -> Bool {
        var k = from + 1
        while k <= to {
            if tokens[k].flags & Token.clauseStart != 0 { return true }
            k += 1
        }
        return false
    }

    /// `+1.25` / `-0.5` style number for explanations, without Float printing.
    static func signed(_ v: Float) -> String {
        let hundredths = Int((v * 100).rounded())
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "+") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    struct SentenceScore {
        /// Sum of word valences after the rules, before squashing.
        var raw: Float
        /// Whether the sentence opens with a contrast word ("Mais ...", "But ...").
        var opensWithContrast: Bool
    }

    static func normalise(_ raw: Float) -> Float {
        raw == 0 ? 0 : raw / (raw * raw + alpha).squareRoot()
    }

    static func label(_ score: Float) -> SentimentLabel {
        if score >= labelThreshold { return .positive }
        if score <= -labelThreshold { return .negative }
        return .neutral
    }

    /// Reusable per-post working space, so scoring a sentence allocates nothing.
    struct Scratch {
        fileprivate var items: [Item] = []
        fileprivate var negators: [Modifier] = []
        fileprivate var boosters: [Modifier] = []
        fileprivate var concessions: [Int] = []
        fileprivate var scored: [Scored] = []

        init() {
            items.reserveCapacity(16)
            negators.reserveCapacity(8)
            boosters.reserveCapacity(8)
        }
    }

    fileprivate struct Item {
        var token: Int
        var length: Int
        var valence: Float
        /// Entry index in the sentence lexicon, or in the symbols lexicon when `symbol`.
        var entry: Int32
        var symbol: Bool
        /// A phrase that holds its own negator ("pas terrible"): not negated again.
        var negationIncluded = false
    }

    /// An item's valence after the rules, and which rules applied, for the explanation.
    fileprivate struct Scored {
        var value: Float
        var booster: Int
        var capitalised: Bool
        var negator: Int
        var contrastFactor: Float
        var conceded: Bool
        var ironyProne: Bool
    }

    fileprivate struct Modifier {
        var token: Int
        var value: Float
        var rule: Int32
        var either: Bool
        var used = false
    }

    /// At most this many unattached negations count per sentence.
    static let maximumUnattached = 1

    /// Scores one sentence with lexicon `lane` (-1: emoji only); appends up to `budget`
    /// human-readable reasons to `explanation`.
    func score(
        _ sentence: Sentence, tokens: [Token], folded: UnsafeBufferPointer<UInt8>, lexicon lane: Int,
        scratch: inout Scratch, explanation: inout [String], budget: inout Int
    ) -> SentenceScore {
        let start = Int(sentence.tokenStart)
        let end = Int(sentence.tokenEnd)
        let box: LexiconBox? = lane >= 0 ? lexicons[lane] : nil
        let symbols = self.symbols
        scratch.items.removeAll(keepingCapacity: true)
        scratch.negators.removeAll(keepingCapacity: true)
        scratch.boosters.removeAll(keepingCapacity: true)
        scratch.concessions.removeAll(keepingCapacity: true)
        var contrast = -1
        var contrastRule: Int32 = -1
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
                if let (e, _) = symbols.lexicon.entry(at: t, in: tokens, end: end) {
                    scratch.items.append(
                        Item(token: t, length: 1, valence: symbols.lexicon.entries[Int(e)].valence, entry: e, symbol: true))
                }
                t += 1
                continue
            }
            guard let box else {
                t += 1
                continue
            }
            let found = box.lexicon.entries(at: t, in: tokens, end: end)
            if found.multi >= 0 {
                let e = found.multi
                let length = found.length
                // A phrase holding its own negator ("pas terrible", "toujours pas") is not negated again.
                var holdsNegator = false
                for k in t ..< t + length {
                    guard let r = box.lexicon.rule(at: k, in: tokens, start: start) else { continue }
                    let kind = box.lexicon.rules[Int(r)].kind
                    if kind == .negator || kind == .negatorEither || kind == .negatorAfterNe || kind == .ne {
                        holdsNegator = true
                        break
                    }
                }
                scratch.items.append(
                    Item(
                        token: t, length: length, valence: box.lexicon.entries[Int(e)].valence, entry: e, symbol: false,
                        negationIncluded: holdsNegator))
                t += length
                continue
            }
            if let r = box.lexicon.rule(at: t, in: tokens, start: start) {
                let value = box.lexicon.rules[Int(r)].value
                switch box.lexicon.rules[Int(r)].kind {
                case .negator:
                    scratch.negators.append(Modifier(token: t, value: value, rule: r, either: false))
                case .negatorEither:
                    scratch.negators.append(Modifier(token: t, value: value, rule: r, either: true))
                case .negatorAfterNe:
                    if neSeen { scratch.negators.append(Modifier(token: t, value: value, rule: r, either: false)) }
                case .ne:
                    neSeen = true
                    scratch.negators.append(Modifier(token: t, value: value, rule: r, either: false))
                case .booster:
                    scratch.boosters.append(Modifier(token: t, value: value, rule: r, either: false))
                case .contrast:
                    contrast = t
                    contrastRule = r
                case .concession:
                    scratch.concessions.append(t)
                }
                t += 1
                continue
            }
            if let e = found.single >= 0 ? found.single : box.lexicon.inflectedEntry(token, folded: folded) {
                scratch.items.append(
                    Item(token: t, length: 1, valence: box.lexicon.entries[Int(e)].valence, entry: e, symbol: false))
            }
            t += 1
        }

        let shouting = letters > 0 && capitals * 2 > letters
        let items = scratch.items
        scratch.scored.removeAll(keepingCapacity: true)
        for (n, item) in items.enumerated() {
            var v = item.valence
            let sign: Float = v >= 0 ? 1 : -1
            var booster = -1
            for (k, b) in scratch.boosters.enumerated() where b.token < item.token && item.token - b.token <= 3 {
                let distance = item.token - b.token
                v += sign * b.value * (distance == 1 ? 1 : distance == 2 ? 0.95 : 0.9)
                booster = k
            }
            let token = tokens[item.token]
            let isWord = !item.symbol
            let capitalised = !shouting && isWord && token.flags & Token.allCaps != 0
            if capitalised { v += sign * Self.capitalsIncrement }
            // Negation: a negator up to three words before, in the same clause; or an
            // either-side negator up to three words after, before the next sentiment word.
            let nextItemStart = n + 1 < items.count ? items[n + 1].token : end
            var negator = -1
            if isWord && !item.negationIncluded {
                for (k, g) in scratch.negators.enumerated() {
                    let before = g.token < item.token && item.token - g.token <= 3
                        && !(contrast > g.token && contrast < item.token)
                        && !crossesBoundary(tokens, from: g.token, to: item.token)
                    let after = g.either && g.token >= item.token + item.length && g.token - item.token <= 3
                        && g.token < nextItemStart && !crossesBoundary(tokens, from: item.token, to: g.token)
                    if before || after {
                        negator = k
                        break
                    }
                }
            }
            if negator >= 0 {
                v *= scratch.negators[negator].value
                scratch.negators[negator].used = true
            }
            var contrastFactor: Float = 1
            if contrast >= 0 {
                if item.token < contrast {
                    contrastFactor = Self.contrastBefore
                } else if item.token > contrast {
                    contrastFactor = Self.contrastAfter
                }
            }
            v *= contrastFactor
            let conceded = scratch.concessions.contains { item.token > $0 && item.token - $0 <= 4 }
            if conceded { v *= Self.contrastBefore }
            let prone = item.length == 1 && negator < 0
                && (item.symbol ? symbols.lexicon.isIronyProne(token.hash) : box?.lexicon.isIronyProne(token.hash) ?? false)
            scratch.scored.append(
                Scored(
                    value: v, booster: booster, capitalised: capitalised, negator: negator,
                    contrastFactor: contrastFactor, conceded: conceded, ironyProne: prone))
        }

        // Irony: praise beside a clear complaint and no other praise ("Bravo, troisième train
        // supprimé 👏") counts against the brand.
        var praise = 0
        var otherPraise = false
        var complaint: Float = 0
        for scored in scratch.scored {
            if scored.value > 0 && scored.ironyProne {
                praise += 1
            } else if scored.value > 0 {
                otherPraise = true
            } else {
                complaint += scored.value
            }
        }
        let ironic = praise > 0 && !otherPraise && complaint <= Self.ironyThreshold

        var sum: Float = 0
        for (n, item) in items.enumerated() {
            let scored = scratch.scored[n]
            let flipped = ironic && scored.ironyProne && scored.value > 0
            let v = flipped ? -scored.value : scored.value
            sum += v
            guard budget > 0 else { continue }
            budget -= 1
            let text = item.symbol ? symbols.lexicon.entries[Int(item.entry)].text : box!.lexicon.entries[Int(item.entry)].text
            var line = "\"" + text + "\" " + Self.signed(item.valence)
            var notes: [String] = []
            if scored.booster >= 0 {
                let b = scratch.boosters[scored.booster]
                notes.append((b.value >= 0 ? "boosted by \"" : "toned down by \"") + box!.lexicon.rules[Int(b.rule)].text + "\"")
            }
            if scored.capitalised { notes.append("capitals") }
            if scored.negator >= 0 {
                notes.append("negated by \"" + box!.lexicon.rules[Int(scratch.negators[scored.negator].rule)].text + "\"")
            }
            if scored.contrastFactor != 1 {
                let word = box!.lexicon.rules[Int(contrastRule)].text
                notes.append(scored.contrastFactor < 1 ? "before \"" + word + "\" x0.5" : "after \"" + word + "\" x1.5")
            }
            if scored.conceded { notes.append("conceded x0.5") }
            if flipped { notes.append("ironic beside a complaint") }
            if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ") -> " + Self.signed(v) }
            explanation.append(line)
        }
        // A strong negation with nothing to negate ("jamais reçu", "never arrived") reads as a complaint.
        // (Only when no negator of the sentence found a word: "ne ... jamais" is one negation.)
        if let box, sentence.questions == 0, !scratch.negators.contains(where: \.used) {
            var counted = 0
            for g in scratch.negators where !g.used && counted < Self.maximumUnattached {
                let unattached = box.lexicon.rules[Int(g.rule)].unattached
                guard unattached != 0 else { continue }
                sum += unattached
                counted += 1
                if budget > 0 {
                    budget -= 1
                    explanation.append("\"" + box.lexicon.rules[Int(g.rule)].text + "\" negates nothing " + Self.signed(unattached))
                }
            }
        }
        // A question asks more than it judges: its words count for less.
        if sum != 0 && sentence.questions > 0 && sentence.exclamations == 0 {
            sum *= Self.questionFactor
            if budget > 0 {
                budget -= 1
                explanation.append("question x" + String(Self.questionFactor))
            }
        }
        if sum != 0 && sentence.exclamations > 0 {
            let boost = Float(min(sentence.exclamations, 4)) * Self.exclamationIncrement
            sum += sum > 0 ? boost : -boost
            if budget > 0 {
                budget -= 1
                explanation.append(String(sentence.exclamations) + " exclamation mark(s) " + Self.signed(sum > 0 ? boost : -boost))
            }
        }
        return SentenceScore(raw: sum, opensWithContrast: contrast == start)
    }
}
