/// The state of one `Scanner.scan` pass: a struct with mutating steps rather than
/// closures, so the per-byte loop works on plain stored properties.
struct ScanState {
    /// Trigrams scored per sentence (and title); more add time, not accuracy.
    static let maximumTrigrams: Int32 = 64

    let p: UnsafeBufferPointer<UInt8>
    let field: Field
    /// Whether the field is split into sentences and scored (title and text, not author).
    let isBody: Bool
    let hasLanguage: Bool
    let language: LanguageLookup

    /// Folded bytes of this field, written through a pointer and appended to the buffer at the end.
    let out: UnsafeMutablePointer<UInt8>
    let outCapacity: Int
    var outCount = 0
    /// Offset of this field's folded bytes in `ScanBuffer.folded`.
    let outBase: Int
    var tokens: [Token] = []
    var sentences: [Sentence] = []

    // Current word.
    var inWord = false
    var wordFoldStart = 0
    var wordSourceStart = 0
    var hash = TermHash.seed
    var letters = 0
    var uppers = 0
    var digits = 0
    var firstUpper = false

    // Trigram stream: the two previous scalars of the lowercased letters, spaces between words.
    var p1: UInt32 = 0x20
    var p2: UInt32 = 0
    var langScores = SIMD8<Int32>()
    var ngrams: Int32 = 0

    // Current sentence.
    var sentence: Sentence
    var sentenceEnding = false
    var position: Int32
    var lastSourceEnd = 0
    var clauseBreak = false
    // Continuation bytes seen before the current scalar: byte offset minus this is the scalar offset.
    var extraBytes = 0
    var pendingExtra = 0
    var wordScalarStart = 0

    init(p: UnsafeBufferPointer<UInt8>, field: Field, language: LanguageLookup?, buffer: inout ScanBuffer) {
        self.p = p
        self.field = field
        self.isBody = field != .author
        self.hasLanguage = language != nil
        self.language = language ?? .empty
        // Folding never grows Latin text; other scripts may lowercase to at most twice their bytes.
        outCapacity = p.count * 2 + 16
        out = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
        outBase = buffer.folded.count
        swap(&tokens, &buffer.tokens)
        swap(&sentences, &buffer.sentences)
        tokens.reserveCapacity(tokens.count + p.count / 4 + 4)
        sentence = Sentence(tokenStart: Int32(tokens.count), tokenEnd: 0, sourceStart: -1, sourceEnd: 0, field: field)
        position = buffer.nextPosition
    }

    mutating func finish(into buffer: inout ScanBuffer) {
        extraBytes += pendingExtra
        pendingExtra = 0
        endWord(at: p.count)
        feed(0x20)
        if isBody { closeSentence(at: lastSourceEnd) }
        buffer.nextPosition = position + 1000
        buffer.folded.append(contentsOf: UnsafeBufferPointer(start: out, count: outCount))
        out.deallocate()
        swap(&tokens, &buffer.tokens)
        swap(&sentences, &buffer.sentences)
    }

    @inline(__always)
    mutating func feed(_ c: UInt32) {
        guard hasLanguage else { return }
        if c == 0x20 && p1 == 0x20 { return }
        if p2 != 0 && ngrams < Self.maximumTrigrams {
            langScores &+= language.scores(p2, p1, c)
            ngrams &+= 1
        }
        p2 = p1
        p1 = c
    }

    mutating func closeSentence(at end: Int) {
        guard isBody else { return }
        sentence.tokenEnd = Int32(tokens.count)
        if sentence.tokenEnd > sentence.tokenStart {
            sentence.sourceEnd = Int32(end)
            sentence.languageScores = langScores
            sentence.ngrams = ngrams
            sentences.append(sentence)
            // A skipped position keeps phrases from running across sentences.
            position += 1
        }
        langScores = SIMD8<Int32>()
        ngrams = 0
        sentence = Sentence(tokenStart: Int32(tokens.count), tokenEnd: 0, sourceStart: -1, sourceEnd: 0, field: field)
        sentenceEnding = false
    }

    @inline(__always)
    mutating func beginToken(at i: Int) {
        if sentenceEnding { closeSentence(at: lastSourceEnd) }
        if sentence.sourceStart < 0 { sentence.sourceStart = Int32(i) }
    }

    @inline(__always)
    mutating func emit(hash h: UInt64, foldStart: Int, sourceStart: Int, sourceEnd: Int, scalarStart: Int, flags: UInt8) {
        tokens.append(
            Token(
                hash: TermHash.finish(h), foldStart: Int32(foldStart), foldLength: Int32(outBase + outCount - foldStart),
                sourceStart: Int32(sourceStart), sourceEnd: Int32(sourceEnd),
                scalarStart: Int32(scalarStart), scalarEnd: Int32(sourceEnd - extraBytes), position: position,
                sentence: isBody ? Int32(sentences.count) : -1, field: field,
                flags: clauseBreak ? flags | Token.clauseStart : flags))
        clauseBreak = false
        position += 1
        lastSourceEnd = sourceEnd
    }

    @inline(__always)
    mutating func endWord(at i: Int) {
        guard inWord else { return }
        inWord = false
        var flags: UInt8 = 0
        if letters > 0 { flags |= Token.hasLetter }
        if letters >= 2 && uppers == letters { flags |= Token.allCaps }
        if firstUpper { flags |= Token.capitalized }
        if letters == 0 && digits > 0 { flags |= Token.numeric }
        if hasLanguage && letters > 0 && letters <= 8 {
            langScores &+= language.wordScores(TermHash.finish(hash))
        }
        emit(
            hash: hash, foldStart: wordFoldStart, sourceStart: wordSourceStart, sourceEnd: i,
            scalarStart: wordScalarStart, flags: flags)
    }

    @inline(__always)
    mutating func startWordIfNeeded(at i: Int) {
        if inWord { return }
        beginToken(at: i)
        inWord = true
        wordFoldStart = outBase + outCount
        wordSourceStart = i
        wordScalarStart = i - extraBytes
        hash = TermHash.seed
        letters = 0
        uppers = 0
        digits = 0
        firstUpper = false
    }

    /// Adds one letter (already folded to one or two ASCII bytes, or raw bytes of another script).
    @inline(__always)
    mutating func addLetter(upper: Bool) {
        if letters == 0 && digits == 0 { firstUpper = upper }
        letters += 1
        if upper { uppers += 1 }
    }

    @inline(__always)
    mutating func addByte(_ b: UInt8) {
        // A wrong bound above stops here rather than writing past the buffer.
        precondition(outCount < outCapacity, "folded text longer than its buffer")
        out[outCount] = b
        outCount += 1
        hash = TermHash.step(hash, b)
    }

    /// Emits a one-symbol token (emoji or emoticon) of `length` bytes at `i`.
    mutating func symbol(at i: Int, length: Int) {
        beginToken(at: i)
        let foldStart = outBase + outCount
        var h = TermHash.seed
        precondition(outCount + length <= outCapacity, "folded text longer than its buffer")
        for k in i ..< i + length {
            out[outCount] = p[k]
            outCount += 1
            h = TermHash.step(h, p[k])
        }
        // A symbol's scalars: an emoticon is ASCII, an emoji one scalar of `length` bytes.
        let scalarStart = i - extraBytes
        if p[i] >= 0x80 { extraBytes += length - 1; pendingExtra = 0 }
        emit(
            hash: h, foldStart: foldStart, sourceStart: i, sourceEnd: i + length, scalarStart: scalarStart,
            flags: Token.symbol)
    }

    /// Handles an apostrophe of `length` bytes at `at`; returns the next index.
    mutating func apostrophe(at: Int, length: Int) -> Int {
        let next = at + length
        guard inWord, Scanner.isLetter(p, next) else {
            endWord(at: at)
            feed(0x20)
            return next
        }
        // English possessive: "Apple's" is "apple".
        if (p[next] | 0x20) == 0x73 && !Scanner.isLetter(p, next + 1) {
            endWord(at: at)
            feed(0x20)
            return next + 1
        }
        if Scanner.clitics.contains(TermHash.finish(hash)) {
            endWord(at: at)
            feed(0x20)
        }
        // Otherwise the apostrophe is dropped and the word goes on ("don't" is "dont").
        return next
    }

    mutating func run() {
        let n = p.count
        var i = 0
        while i < n {
            extraBytes += pendingExtra
            pendingExtra = 0
            let b = p[i]
            if b < 0x80 {
                if (b | 0x20) &- 0x61 < 26 {
                    startWordIfNeeded(at: i)
                    let lower = b | 0x20
                    addLetter(upper: b < 0x61)
                    addByte(lower)
                    feed(UInt32(lower))
                    i += 1
                    continue
                }
                if b &- 0x30 < 10 {
                    startWordIfNeeded(at: i)
                    digits += 1
                    addByte(b)
                    feed(0x20)
                    i += 1
                    continue
                }
                if b == 0x27 {
                    i = apostrophe(at: i, length: 1)
                    continue
                }
                endWord(at: i)
                feed(0x20)
                switch b {
                case 0x21, 0x3F:  // ! ?
                    if isBody {
                        if b == 0x21 { sentence.exclamations += 1 } else { sentence.questions += 1 }
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
                case 0x2C, 0x28, 0x29, 0x5B, 0x5D:  // , ( ) [ ]
                    clauseBreak = true
                case 0x2D:  // a dash between spaces, not a hyphen
                    if i > 0 && p[i - 1] == 0x20 { clauseBreak = true }
                case 0x3A, 0x3B, 0x3C, 0x3D, 0x5E:  // : ; < = ^
                    if b == 0x3A || b == 0x3B { clauseBreak = true }
                    if let length = Scanner.emoticon(p, i) {
                        symbol(at: i, length: length)
                        i += length
                        continue
                    }
                default:
                    break
                }
                i += 1
                continue
            }

            let (s, length) = Scanner.decode(p, i)
            pendingExtra = length - 1
            if s >= 0xC0 && s <= 0x17F, let f = Folding.fold(s) {
                startWordIfNeeded(at: i)
                let upper = f[0] >= 0x41 && f[0] <= 0x5A
                addLetter(upper: upper)
                for fb in f { addByte(fb >= 0x41 && fb <= 0x5A ? fb | 0x20 : fb) }
                feed(Folding.lowercase(s, isUpper: upper))
                i += length
                continue
            }
            switch s {
            case 0x2019, 0x2BC:  // ’ ʼ
                i = apostrophe(at: i, length: length)
                continue
            case 0x2013, 0x2014:  // – —
                endWord(at: i)
                feed(0x20)
                clauseBreak = true
                i += length
                continue
            case 0x2026:  // …
                endWord(at: i)
                feed(0x20)
                sentenceEnding = true
                lastSourceEnd = i + length
                i += length
                continue
            default:
                break
            }
            if Scanner.isEmojiModifier(s) {
                i += length
                continue
            }
            if Scanner.isEmoji(s) {
                endWord(at: i)
                feed(0x20)
                symbol(at: i, length: length)
                i += length
                continue
            }
            if s > 0x17F, let scalar = Unicode.Scalar(s), scalar.properties.isAlphabetic {
                startWordIfNeeded(at: i)
                let lowered = scalar.properties.isUppercase
                    ? (scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar) : scalar
                addLetter(upper: lowered != scalar)
                for byte in String(lowered).utf8 { addByte(byte) }
                feed(lowered.value)
                i += length
                continue
            }
            endWord(at: i)
            feed(0x20)
            i += length
        }
    }
}
