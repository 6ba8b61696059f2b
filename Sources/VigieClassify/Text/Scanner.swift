/// Splits a field into tokens and sentences in one pass over its UTF-8 bytes.
///
/// The same pass lowercases and folds accents for tokens, splits French and Italian
/// elisions (`j'adore` is `j` + `adore`), joins English contractions (`don't` is `dont`),
/// recognises emoji and emoticons, and feeds character trigrams to the language model.
enum Scanner {
    /// Elided words that end a token at an apostrophe.
    private static let clitics: Set<UInt64> = Set(
        ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
         "dell", "all", "dall", "nell", "sull", "un", "quell", "nessun"].map { TermHash.hash($0) })

    private static let emoticons: [[UInt8]] = [
        ":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":'(", ":-/", ":/", ":-P", ":P", ":p",
        "<3", "</3", ":-|", ":|", ":o", ":O", "=)", "=(", "^^", ":-*", ":*",
    ].map { Array($0.utf8) }.sorted { $0.count > $1.count }

    @inline(__always)
    static func isEmoji(_ s: UInt32) -> Bool {
        (s >= 0x1F300 && s <= 0x1FAFF) || (s >= 0x2600 && s <= 0x27BF) || (s >= 0x1F000 && s <= 0x1F2FF)
            || s == 0x2B50 || s == 0x2B55 || s == 0x203C || s == 0x2049
    }

    @inline(__always)
    static func isEmojiModifier(_ s: UInt32) -> Bool {
        s == 0xFE0F || s == 0xFE0E || s == 0x200D || (s >= 0x1F3FB && s <= 0x1F3FF) || s == 0x20E3
    }

    @inline(__always)
    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Decodes the scalar at `i`; returns it and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = p[i]
        let n = p.count
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0, i + 1 < n { return (UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < n {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < n {
            return (UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// Whether the scalar at `i` starts a word (a letter of any script).
    @inline(__always)
    private static func isLetter(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < p.count else { return false }
        if p[i] < 0x80 { return isASCIILetter(p[i]) }
        let (s, _) = decode(p, i)
        if Folding.latinRange.contains(s) { return Folding.fold(s) != nil }
        return !isEmoji(s) && (Unicode.Scalar(s)?.properties.isAlphabetic ?? false)
    }

    /// Scans `text` as `field`, appending tokens (and, for the body, sentences) to `buffer`.
    static func scan(_ text: String, field: Field, into buffer: inout ScanBuffer, language: LanguageModel?) {
        var text = text
        text.withUTF8 { p in scan(p, field: field, into: &buffer, language: language) }
    }

    static func scan(
        _ p: UnsafeBufferPointer<UInt8>, field: Field, into buffer: inout ScanBuffer, language: LanguageModel?
    ) {
        let n = p.count
        let isBody = field == .text
        // Word state.
        var inWord = false
        var wordFoldStart = 0
        var wordSourceStart = 0
        var hash = TermHash.seed
        var letters = 0
        var uppers = 0
        var digits = 0
        var firstUpper = false
        // Trigram state: the two previous scalars of the lowercased letter stream.
        var p1: UInt32 = 0x20
        var p2: UInt32 = 0
        var langScores = SIMD8<Float>()
        var ngrams: Int32 = 0
        // Sentence state.
        var sentence = Sentence(tokenStart: Int32(buffer.tokens.count), tokenEnd: 0, sourceStart: -1, sourceEnd: 0)
        var sentenceEnding = false
        var position = buffer.nextPosition
        var lastSourceEnd = 0

        @inline(__always)
        func feed(_ c: UInt32) {
            guard let language else { return }
            if c == 0x20 && p1 == 0x20 { return }
            if p2 != 0 {
                langScores += language.scores(p2, p1, c)
                ngrams &+= 1
            }
            p2 = p1
            p1 = c
        }

        @inline(__always)
        func closeSentence(at end: Int) {
            guard isBody else { return }
            sentence.tokenEnd = Int32(buffer.tokens.count)
            if sentence.tokenEnd > sentence.tokenStart {
                sentence.sourceEnd = Int32(end)
                sentence.languageScores = langScores
                sentence.ngrams = ngrams
                buffer.sentences.append(sentence)
            }
            langScores = SIMD8<Float>()
            ngrams = 0
            sentence = Sentence(tokenStart: Int32(buffer.tokens.count), tokenEnd: 0, sourceStart: -1, sourceEnd: 0)
            sentenceEnding = false
        }

        @inline(__always)
        func beginToken(at i: Int) {
            if sentenceEnding { closeSentence(at: lastSourceEnd) }
            if sentence.sourceStart < 0 { sentence.sourceStart = Int32(i) }
        }

        @inline(__always)
        func emit(hash h: UInt64, foldStart: Int, sourceStart: Int, sourceEnd: Int, flags: UInt8) {
            buffer.tokens.append(
                Token(
                    hash: TermHash.finish(h), foldStart: Int32(foldStart),
                    foldLength: Int32(buffer.folded.count - foldStart), sourceStart: Int32(sourceStart),
                    sourceEnd: Int32(sourceEnd), position: position,
                    sentence: isBody ? Int32(buffer.sentences.count) : -1, field: field, flags: flags))
            position += 1
            lastSourceEnd = sourceEnd
        }

        @inline(__always)
        func endWord(at i: Int) {
            guard inWord else { return }
            inWord = false
            var flags: UInt8 = 0
            if letters > 0 { flags |= Token.hasLetter }
            if letters >= 2 && uppers == letters { flags |= Token.allCaps }
            if firstUpper { flags |= Token.capitalized }
            if letters == 0 && digits > 0 { flags |= Token.numeric }
            emit(hash: hash, foldStart: wordFoldStart, sourceStart: wordSourceStart, sourceEnd: i, flags: flags)
        }

        @inline(__always)
        func startWordIfNeeded(at i: Int) {
            if inWord { return }
            beginToken(at: i)
            inWord = true
            wordFoldStart = buffer.folded.count
            wordSourceStart = i
            hash = TermHash.seed
            letters = 0
            uppers = 0
            digits = 0
            firstUpper = false
        }

        @inline(__always)
        func appendLetter(_ b: UInt8, upper: Bool) {
            if letters == 0 && digits == 0 { firstUpper = upper }
            letters += 1
            if upper { uppers += 1 }
            let lower = upper && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            buffer.folded.append(lower)
            hash = TermHash.step(hash, lower)
        }

        /// Handles an apostrophe of `length` bytes at `at`; returns the next index.
        func apostrophe(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ length: Int) -> Int {
            let next = at + length
            guard inWord, isLetter(p, next) else {
                endWord(at: at)
                feed(0x20)
                return next
            }
            // English possessive: "Apple's" is "apple".
            if (p[next] | 0x20) == 0x73 && !isLetter(p, next + 1) {
                endWord(at: at)
                feed(0x20)
                return next + 1
            }
            let wordHash = TermHash.finish(hash)
            if clitics.contains(wordHash) {
                endWord(at: at)
                feed(0x20)
            }
            // Otherwise the apostrophe is dropped and the word goes on ("don't" is "dont").
            return next
        }

        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if isASCIILetter(b) {
                    startWordIfNeeded(at: i)
                    let upper = b <= 0x5A
                    appendLetter(b, upper: upper)
                    feed(UInt32(b | 0x20))
                    i += 1
                    continue
                }
                if isDigit(b) {
                    startWordIfNeeded(at: i)
                    digits += 1
                    buffer.folded.append(b)
                    hash = TermHash.step(hash, b)
                    feed(0x20)
                    i += 1
                    continue
                }
                if b == 0x27 {
                    i = apostrophe(p, i, 1)
                    continue
                }
                endWord(at: i)
                feed(0x20)
                switch b {
                case 0x21:  // !
                    if isBody {
                        sentence.exclamations += 1
                        sentenceEnding = true
                    }
                    lastSourceEnd = i + 1
                case 0x3F:  // ?
                    if isBody {
                        sentence.questions += 1
                        sentenceEnding = true
                    }
                    lastSourceEnd = i + 1
                case 0x2E:  // .
                    if i + 1 >= n || p[i + 1] == 0x20 || p[i + 1] == 0x0A || p[i + 1] == 0x2E || p[i + 1] == 0x0D {
                        sentenceEnding = true
                        lastSourceEnd = i + 1
                    }
                case 0x0A:
                    sentenceEnding = true
                case 0x3A, 0x3B, 0x3C, 0x3D, 0x5E:  // : ; < = ^
                    if let length = emoticon(p, i) {
                        beginToken(at: i)
                        let foldStart = buffer.folded.count
                        var h = TermHash.seed
                        for k in i ..< i + length {
                            buffer.folded.append(p[k])
                            h = TermHash.step(h, p[k])
                        }
                        emit(hash: h, foldStart: foldStart, sourceStart: i, sourceEnd: i + length, flags: Token.symbol)
                        i += length
                        continue
                    }
                default:
                    break
                }
                i += 1
                continue
            }

            let (s, length) = decode(p, i)
            if Folding.latinRange.contains(s), let f = Folding.fold(s) {
                startWordIfNeeded(at: i)
                let upper = f[0] >= 0x41 && f[0] <= 0x5A
                if letters == 0 && digits == 0 { firstUpper = upper }
                letters += 1
                if upper { uppers += 1 }
                for fb in f {
                    let lower = fb >= 0x41 && fb <= 0x5A ? fb | 0x20 : fb
                    buffer.folded.append(lower)
                    hash = TermHash.step(hash, lower)
                }
                feed(Folding.lowercase(s, isUpper: upper))
                i += length
                continue
            }
            if s == 0x2019 || s == 0x2BC {
                i = apostrophe(p, i, length)
                continue
            }
            if isEmojiModifier(s) {
                i += length
                continue
            }
            if isEmoji(s) {
                endWord(at: i)
                feed(0x20)
                beginToken(at: i)
                let foldStart = buffer.folded.count
                var h = TermHash.seed
                for k in i ..< i + length {
                    buffer.folded.append(p[k])
                    h = TermHash.step(h, p[k])
                }
                emit(hash: h, foldStart: foldStart, sourceStart: i, sourceEnd: i + length, flags: Token.symbol)
                i += length
                continue
            }
            if s == 0x2026 {  // …
                endWord(at: i)
                feed(0x20)
                sentenceEnding = true
                lastSourceEnd = i + length
                i += length
                continue
            }
            if s > 0x17F, let scalar = Unicode.Scalar(s), scalar.properties.isAlphabetic {
                startWordIfNeeded(at: i)
                letters += 1
                let lowered = scalar.properties.isUppercase ? (scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar) : scalar
                if lowered != scalar { uppers += 1 }
                for byte in String(lowered).utf8 {
                    buffer.folded.append(byte)
                    hash = TermHash.step(hash, byte)
                }
                feed(lowered.value)
                i += length
                continue
            }
            endWord(at: i)
            feed(0x20)
            i += length
        }
        endWord(at: n)
        feed(0x20)
        if isBody {
            closeSentence(at: max(lastSourceEnd, sentence.sourceStart < 0 ? 0 : lastSourceEnd))
        } else if field == .title {
            buffer.titleLanguageScores += langScores
            buffer.titleNgrams &+= ngrams
        }
        buffer.nextPosition = position + 1000

    }

    /// Length of an emoticon starting at `i`, if one stands there as a word of its own.
    private static func emoticon(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        if i > 0 {
            let before = p[i - 1]
            if isASCIILetter(before) || isDigit(before) || before == 0x2F { return nil }
        }
        for e in emoticons where i + e.count <= p.count {
            var same = true
            for k in 0 ..< e.count where p[i + k] != e[k] {
                same = false
                break
            }
            guard same else { continue }
            let after = i + e.count
            if after < p.count {
                let a = p[after]
                if isASCIILetter(a) || isDigit(a) || a == 0x2F { continue }
            }
            return e.count
        }
        return nil
    }

    /// Folded tokens of a short string (a query term or lexicon entry), with their hashes.
    static func terms(_ text: String) -> [(text: String, hash: UInt64, flags: UInt8)] {
        var buffer = ScanBuffer()
        scan(text, field: .title, into: &buffer, language: nil)
        return buffer.tokens.map { (buffer.text(of: $0), $0.hash, $0.flags) }
    }
}
