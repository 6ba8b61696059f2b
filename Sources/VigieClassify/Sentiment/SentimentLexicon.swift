/// One language's sentiment words and modifier rules, loaded from
/// `Resources/sentiment/<lang>.tsv` and `Resources/sentiment/<lang>-rules.tsv`.
struct SentimentLexicon: Sendable {
    struct Entry: Sendable {
        var valence: Float
        /// Hashes of the words after the first, for multi-word entries.
        var tail: [UInt64]
        var text: String
        /// Next entry starting with the same word, or -1; longer entries come first.
        var next: Int32
    }

    enum RuleKind: String, Sendable {
        /// Flips and damps what follows within three words (`pas`, `not`, `nicht`, `no`).
        case negator
        /// A negator only when `ne`/`n'` came earlier in the sentence (`plus` in `ne ... plus`).
        case negatorAfterNe = "negator-after-ne"
        /// Negates a word up to three words before or after it (German `nicht`).
        case negatorEither = "negator-either"
        /// The French `ne`, which makes `negator-after-ne` words negators.
        case ne
        /// Adds to (or, when negative, takes from) the strength of the next words.
        case booster
        /// What follows weighs more, what came before less (`mais`, `but`, `aber`, `pero`).
        case contrast
        /// The words shortly after weigh less (`malgré`, `despite`, `trotz`, `a pesar de`).
        case concession
    }

    struct Rule: Sendable {
        var kind: RuleKind
        var value: Float
        /// For negators: valence the word adds when it negates no sentiment word
        /// ("je n'ai jamais reçu ma commande"); 0 for none.
        var unattached: Float = 0
        /// Hash of the word that must come just before, for two-word rules; 0 for none.
        var previous: UInt64
        var text: String
        var next: Int32
    }

    private(set) var entries: [Entry] = []
    private var entryIndex = HashIndex(minimumCapacity: 1024)
    private(set) var rules: [Rule] = []
    private var ruleIndex = HashIndex(minimumCapacity: 128)
    /// Praise words often used ironically ("Bravo, encore un train supprimé"), by word hash.
    private var irony = HashIndex(minimumCapacity: 32)
    /// Endings to replace when a word is missing (`déçue` is looked up as `déçu`).
    private var suffixes: [(from: [UInt8], to: [UInt8])] = []
    /// `suffixes` indexes grouped by last byte: bucket `b` is `suffixOrder[suffixBuckets[b] ..< suffixBuckets[b + 1]]`.
    private var suffixOrder: [Int] = []
    private var suffixBuckets = [Int](repeating: 0, count: 257)

    init() {}

    /// Loads the entries files in order (a later valence for the same word wins) and, if given, the rules file.
    init(entriesFiles: [String], rulesFile: String?) throws {
        var pending: [(words: [UInt64], valence: Float, text: String)] = []
        for line in try entriesFiles.flatMap({ try BundledResource.lines($0) }) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2, let valence = Float(parts[1].trimmingSpaces) else { continue }
            let words = Scanner.terms(String(parts[0])).map(\.hash)
            guard !words.isEmpty else { continue }
            pending.append((words, valence, String(parts[0])))
        }
        // Shorter entries first, so each longer entry is pushed in front of them; the sort is
        // stable, so file order is kept among entries of one length.
        pending.sort { $0.words.count < $1.words.count }
        for item in pending { add(words: item.words, valence: item.valence, text: item.text) }
        if let rulesFile {
            for line in try BundledResource.lines(rulesFile) {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
                if parts.count >= 2, parts[0] == "suffix" {
                    suffixes.append((Array(parts[1].utf8), parts.count >= 3 ? Array(parts[2].utf8) : []))
                    continue
                }
                if parts.count >= 2, parts[0] == "irony" {
                    for word in Scanner.terms(parts[1]) { irony.insert(word.hash, 1) }
                    continue
                }
                guard parts.count >= 2, let kind = RuleKind(rawValue: parts[0]) else { continue }
                let value = parts.count >= 3 ? Float(parts[2]) ?? 0 : 0
                let unattached = parts.count >= 4 ? Float(parts[3]) ?? 0 : 0
                let words = Scanner.terms(parts[1]).map(\.hash)
                guard words.count == 1 || words.count == 2 else { continue }
                let key = words[words.count - 1]
                let previous = words.count == 2 ? words[0] : 0
                let head = ruleIndex.find(key)
                var rule = Rule(
                    kind: kind, value: value, unattached: unattached, previous: previous, text: parts[1], next: -1)
                if previous != 0 || head < 0 {
                    rule.next = head
                    ruleIndex.insert(key, Int32(rules.count))
                    rules.append(rule)
                } else {
                    // Single-word rules go after two-word rules sharing the last word.
                    var last = head
                    while rules[Int(last)].next >= 0 { last = rules[Int(last)].next }
                    rules[Int(last)].next = Int32(rules.count)
                    rules.append(rule)
                }
            }
        }
        indexSuffixes()
    }

    private mutating func indexSuffixes() {
        let order = suffixes.indices.filter { !suffixes[$0].from.isEmpty }.sorted {
            suffixes[$0].from.last! != suffixes[$1].from.last! ? suffixes[$0].from.last! < suffixes[$1].from.last! : $0 < $1
        }
        suffixOrder = order
        var k = 0
        for b in 0 ..< 256 {
            suffixBuckets[b] = k
            while k < order.count && Int(suffixes[order[k]].from.last!) == b { k += 1 }
        }
        suffixBuckets[256] = order.count
    }

    private mutating func add(words: [UInt64], valence: Float, text: String) {
        let head = entryIndex.find(words[0])
        if words.count == 1, head >= 0 {
            // A repeated single word: the later line wins.
            var i = head
            while i >= 0 {
                if entries[Int(i)].tail.isEmpty {
                    entries[Int(i)].valence = valence
                    return
                }
                i = entries[Int(i)].next
            }
        }
        entries.append(Entry(valence: valence, tail: Array(words.dropFirst()), text: text, next: head))
        entryIndex.insert(words[0], Int32(entries.count - 1))
    }

    /// The longest entry matching tokens from `index`, as (entry, token count).
    @inline(__always)
    func entry(at index: Int, in tokens: [Token], end: Int) -> (Int32, Int)? {
        var e = entryIndex.find(tokens[index].hash)
        while e >= 0 {
            let matched: Int? = entries[Int(e)].tail.withUnsafeBufferPointer { tail in
                let length = tail.count + 1
                guard index + length <= end else { return nil }
                for k in 0 ..< tail.count where tokens[index + 1 + k].hash != tail[k] { return nil }
                return length
            }
            if let matched { return (e, matched) }
            e = entries[Int(e)].next
        }
        return nil
    }

    /// Whether the word is praise that often turns ironic.
    @inline(__always)
    func isIronyProne(_ hash: UInt64) -> Bool { irony.count > 0 && irony.find(hash) >= 0 }

    /// The entries starting at `index`: the longest multi-word one (with its length) and the single word.
    @inline(__always)
    func entries(at index: Int, in tokens: [Token], end: Int) -> (multi: Int32, length: Int, single: Int32) {
        var e = entryIndex.find(tokens[index].hash)
        var multi: Int32 = -1
        var multiLength = 0
        while e >= 0 {
            let length: Int = entries[Int(e)].tail.withUnsafeBufferPointer { tail in
                guard index + tail.count + 1 <= end else { return 0 }
                for k in 0 ..< tail.count where tokens[index + 1 + k].hash != tail[k] { return 0 }
                return tail.count + 1
            }
            if length == 1 { return (multi, multiLength, e) }
            if length > 1 && multi < 0 {
                multi = e
                multiLength = length
            }
            e = entries[Int(e)].next
        }
        return (multi, multiLength, -1)
    }

    /// The entry for a word missing from the lexicon, found by replacing its inflection ending.
    @inline(__always)
    func inflectedEntry(_ token: Token, folded: UnsafeBufferPointer<UInt8>) -> Int32? {
        let length = Int(token.foldLength)
        guard !suffixes.isEmpty, length >= 4, token.flags & Token.hasLetter != 0 else { return nil }
        let start = Int(token.foldStart)
        let last = Int(folded[start + length - 1])
        for o in suffixBuckets[last] ..< suffixBuckets[last + 1] {
            let (from, to) = suffixes[suffixOrder[o]]
            guard length - from.count >= 3 else { continue }
            var matches = true
            for k in 0 ..< from.count where folded[start + length - from.count + k] != from[k] {
                matches = false
                break
            }
            guard matches else { continue }
            var h = TermHash.seed
            for k in start ..< start + length - from.count { h = TermHash.step(h, folded[k]) }
            for b in to { h = TermHash.step(h, b) }
            var f = entryIndex.find(TermHash.finish(h))
            while f >= 0 {
                if entries[Int(f)].tail.isEmpty { return f }
                f = entries[Int(f)].next
            }
        }
        return nil
    }

    /// The rule for the token at `index`, honouring two-word rules.
    @inline(__always)
    func rule(at index: Int, in tokens: [Token], start: Int) -> Int32? {
        var r = ruleIndex.find(tokens[index].hash)
        while r >= 0 {
            let previous = rules[Int(r)].previous
            if previous == 0 { return r }
            if index > start && tokens[index - 1].hash == previous { return r }
            r = rules[Int(r)].next
        }
        return nil
    }
}
