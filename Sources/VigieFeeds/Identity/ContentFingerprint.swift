import Foundation
import VigieDigest

/// A stable identity for the text of a post, so the same post seen twice (re-formatted
/// HTML, other whitespace, other punctuation or letter case) is recognised.
///
/// The text is reduced to its words: markup stripped and references decoded
/// (``HTMLText/plainText(_:)``), Unicode NFC, lower-cased, every run of characters that are
/// not letters or digits replaced by one space. The digest is SHA-256 of
/// `"t:" + title + "\n" + "b:" + body` in UTF-8, as 64 lowercase hex digits; SHA-256 was
/// chosen over a faster non-cryptographic hash because its output is fixed by a standard,
/// so fingerprints stored today still match after any rebuild or port.
public enum ContentFingerprint {
    public static func of(title: String?, body: String) -> String {
        var hasher = SHA256()
        var words: [UInt8] = []
        hasher.update("t:".utf8)
        if let title {
            appendNormalizedWords(HTMLText.plainText(title), to: &words)
            hasher.update(words)
        }
        hasher.update("\nb:".utf8)
        words.removeAll(keepingCapacity: true)
        appendNormalizedWords(HTMLText.plainText(body), to: &words)
        hasher.update(words)
        return SHA256.hex(hasher.finalize())
    }

    /// Lower-cased words separated by single spaces, in NFC.
    static func normalizedWords(_ text: String) -> String {
        var words: [UInt8] = []
        appendNormalizedWords(text, to: &words)
        return String(decoding: words, as: UTF8.self)
    }

    /// Appends the normalized words of `text` as UTF-8.
    ///
    /// Text whose scalars are all below U+0300 (Latin scripts written precomposed) or in
    /// General Punctuation and Currency Symbols (’ « » … €) is already in NFC: no combining
    /// mark follows a letter and no scalar there has a canonical singleton mapping. Such
    /// text, nearly every post in the languages Vigie reads first, is read scalar by scalar
    /// without building the composed and lower-cased copies; anything else takes the
    /// general path. Both give the same words.
    static func appendNormalizedWords(_ text: String, to out: inout [UInt8]) {
        var text = text
        let done = text.withUTF8 { p -> Bool in
            guard isStableUnderNFC(p) else { return false }
            var words = WordWriter(out: out)
            out = []
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    switch b {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): words.append(byte: b | 0x20)
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): words.append(byte: b)
                    default: words.separator()
                    }
                    i += 1
                    continue
                }
                if b == 0xC3, i + 1 < p.count {
                    // U+00C0–U+00FF, the accents of French, German and Spanish: letters but
                    // for × and ÷, capitals 0x20 below their small letters (ß has none).
                    let c = p[i + 1]
                    if c == 0x97 || c == 0xB7 {
                        words.separator()
                    } else {
                        words.append(byte: 0xC3, ASCII.lowercasedLatin1(afterC3: c))
                    }
                    i += 2
                    continue
                }
                let (scalar, length) = decodeScalar(p, at: i)
                i += length
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    words.append(scalar: lower)
                }
            }
            out = words.out
            return true
        }
        if !done { appendNormalizedWordsComposing(text, to: &out) }
    }

    /// The general path: compose, lower-case, then keep letters, digits and their marks.
    static func appendNormalizedWordsComposing(_ text: String, to out: inout [UInt8]) {
        let composed = text.precomposedStringWithCanonicalMapping.lowercased()
        var words = WordWriter(out: out)
        out = []
        for scalar in composed.unicodeScalars {
            words.append(scalar: scalar)
        }
        out = words.out
    }

    /// Whether every scalar of the valid UTF-8 `p` is below U+0300 or in U+2000–U+20CF.
    private static func isStableUnderNFC(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count {
            let b = p[i]
            if b < 0xCC {
                // ASCII, continuation bytes, and two-byte leads up to U+02FF.
                i += 1
            } else if b == 0xE2, i + 1 < p.count, p[i + 1] == 0x80 || p[i + 1] == 0x81 || p[i + 1] == 0x82 {
                // U+2000–U+20BF; U+20C0–U+20CF have no characters that compose.
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    @inline(__always)
    private static func decodeScalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b = p[i]
        var value: UInt32
        let length: Int
        if b < 0xE0 {
            value = UInt32(b & 0x1F)
            length = 2
        } else if b < 0xF0 {
            value = UInt32(b & 0x0F)
            length = 3
        } else {
            value = UInt32(b & 0x07)
            length = 4
        }
        for k in 1..<length where i + k < p.count {
            value = value << 6 | UInt32(p[i + k] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Writes words separated by single spaces, as the scalars of the lower-cased text come.
    private struct WordWriter {
        var out: [UInt8]
        private var pendingSpace = false

        init(out: [UInt8]) {
            self.out = out
        }

        @inline(__always)
        mutating func append(byte: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            out.append(byte)
        }

        /// A two-byte letter.
        @inline(__always)
        mutating func append(byte first: UInt8, _ second: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            out.append(first)
            out.append(second)
        }

        @inline(__always)
        mutating func separator() {
            pendingSpace = true
        }

        /// A letter or digit is kept; a nonspacing mark stays with the letter before it;
        /// anything else separates words.
        mutating func append(scalar: Unicode.Scalar) {
            if scalar.isASCII {
                let b = UInt8(scalar.value)
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    append(byte: b)
                default: separator()
                }
                return
            }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(contentsOf: String(scalar).utf8)
            } else if properties.generalCategory == .nonspacingMark, !out.isEmpty, !pendingSpace {
                out.append(contentsOf: String(scalar).utf8)
            } else {
                pendingSpace = true
            }
        }
    }
}
