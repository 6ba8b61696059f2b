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
