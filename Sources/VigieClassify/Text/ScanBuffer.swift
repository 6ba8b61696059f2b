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
