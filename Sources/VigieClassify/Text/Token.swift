/// Which part of a post a token comes from.
enum Field: UInt8, Sendable {
    case text = 0
    case title = 1
    case author = 2
}

/// One word, number, emoji or emoticon of a post, folded and hashed.
struct Token: Sendable {
    /// `TermHash` of the folded bytes.
    var hash: UInt64
    /// Folded bytes live in `ScanBuffer.folded[foldStart ..< foldStart + foldLength]`.
    var foldStart: Int32
    var foldLength: Int32
    /// UTF-8 offsets in the field's original text.
    var sourceStart: Int32
    var sourceEnd: Int32
    /// The same offsets in Unicode scalars, as reported in spans.
    var scalarStart: Int32
    var scalarEnd: Int32
    /// Word position for phrases and NEAR; fields are far apart so phrases never cross them.
    var position: Int32
    /// Index in `ScanBuffer.sentences`, or -1 for the author.
    var sentence: Int32
    var field: Field
    var flags: UInt8

    static let allCaps: UInt8 = 1
    static let capitalized: UInt8 = 2
    static let numeric: UInt8 = 4
    static let symbol: UInt8 = 8
    static let hasLetter: UInt8 = 16
    /// A comma, semicolon, colon, bracket or dash came between this token and the previous one.
    static let clauseStart: UInt8 = 32

    @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}

/// One sentence of the title or text.
struct Sentence: Sendable {
    var tokenStart: Int32
    var tokenEnd: Int32
    var sourceStart: Int32
    var sourceEnd: Int32
    /// `.title` or `.text`: the string the source offsets refer to.
    var field: Field
    var exclamations: Int32 = 0
    var questions: Int32 = 0
    var languageScores = SIMD8<Int32>()
    var ngrams: Int32 = 0
}

/// Everything the scanner extracts from one post; reused field by field.
struct ScanBuffer {
    var folded: [UInt8] = []
    var tokens: [Token] = []
    var sentences: [Sentence] = []
    var nextPosition: Int32 = 0

    init() {
        folded.reserveCapacity(2048)
        tokens.reserveCapacity(256)
        sentences.reserveCapacity(16)
    }

    /// The folded text of a token, for explanations and matching prefixes.
    func text(of token: Token) -> String {
        let start = Int(token.foldStart)
        return String(decoding: folded[start ..< start + Int(token.foldLength)], as: UTF8.self)
    }
}
