import Foundation

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
        hasher.update("t:".utf8)
        if let title {
            hasher.update(normalizedWords(HTMLText.plainText(title)).utf8)
        }
        hasher.update("\nb:".utf8)
        hasher.update(normalizedWords(HTMLText.plainText(body)).utf8)
        return SHA256.hex(hasher.finalize())
    }

    /// Lower-cased words separated by single spaces, in NFC.
    static func normalizedWords(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping.lowercased()
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            } else if properties.generalCategory == .nonspacingMark, !result.isEmpty, !pendingSpace {
                result.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(result)
    }
}
