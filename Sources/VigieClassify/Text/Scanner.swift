/// Splits a field into tokens and sentences in one pass over its UTF-8 bytes.
///
/// The same pass lowercases and folds accents for tokens, splits French and Italian
/// elisions (`j'adore` is `j` + `adore`), joins English contractions (`don't` is `dont`),
/// recognises emoji and emoticons, and feeds character trigrams to the language model.
enum Scanner {
    /// Elided words that end a token at an apostrophe.
    static let clitics: Set<UInt64> = Set(
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
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

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
    static func isLetter(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < p.count else { return false }
        if p[i] < 0x80 { return isASCIILetter(p[i]) }
        let (s, _) = decode(p, i)
        if Folding.latinRange.contains(s) { return Folding.fold(s) != nil }
        return !isEmoji(s) && (Unicode.Scalar(s)?.properties.isAlphabetic ?? false)
    }

    /// Scans `text` as `field`, appending tokens (and, for the body, sentences) to `buffer`.
    static func scan(_ text: String, field: Field, into buffer: inout ScanBuffer, language: LanguageLookup?) {
        var text = text
        text.withUTF8 { p in scan(p, field: field, into: &buffer, language: language) }
    }

    static func scan(
        _ p: UnsafeBufferPointer<UInt8>, field: Field, into buffer: inout ScanBuffer, language: LanguageLookup?
    ) {
        var state = ScanState(p: p, field: field, language: language, buffer: &buffer)
        state.run()
        state.finish(into: &buffer)
    }

    /// Length of an emoticon starting at `i`, if one stands there as a word of its own.
    static func emoticon(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
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
