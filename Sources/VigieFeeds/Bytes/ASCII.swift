/// ASCII tests and case folding over UTF-8 bytes, the one copy the target uses. A byte of
/// a multi-byte character (0x80 and above) is never a letter or a digit here.
enum ASCII {
    /// `A`–`Z` and `a`–`z`.
    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }

    /// `0`–`9`.
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    /// A letter or a digit: the bytes of a reference's name.
    @inline(__always)
    static func isLetterOrDigit(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b)
    }

    /// `0`–`9`, `a`–`f` and `A`–`F`.
    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f"))
    }

    /// The value of a byte that ``isHexDigit(_:)``.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8 {
        b <= UInt8(ascii: "9") ? b - UInt8(ascii: "0") : (b | 0x20) - UInt8(ascii: "a") + 10
    }

    /// `A`–`Z` lower-cased; every other byte as it is.
    @inline(__always)
    static func lowercased(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// The second byte of a character led by 0xC3 (U+00C0–U+00FF) lower-cased: the capitals
    /// À–Þ, all but ×, are 0x20 below their small letters.
    @inline(__always)
    static func lowercasedLatin1(afterC3 b: UInt8) -> UInt8 {
        b >= 0x80 && b <= 0x9E && b != 0x97 ? b + 0x20 : b
    }

    /// Whether the bytes at `start` are `prefix`, ASCII letters in either case.
    ///
    /// Both sides have bit 0x20 set before they are compared, which is exact for letters and
    /// for the markup punctuation the literals hold (`<`, `!`, `-`, `[`): it also lets a
    /// control byte match the punctuation 0x20 above it, which only makes markup of junk.
    static func hasPrefixIgnoringCase(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= p.count else { return false }
        let base = prefix.utf8Start
        for k in 0..<count where (p[start + k] | 0x20) != (base[k] | 0x20) {
            return false
        }
        return true
    }

    /// The index where `needle` starts at or after `from` (before `limit`), compared as
    /// ``hasPrefixIgnoringCase(_:at:_:)`` compares.
    static func findIgnoringCase(
        _ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int, limit: Int? = nil
    ) -> Int? {
        let count = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0] | 0x20
        let end = (limit ?? p.count) - count
        var i = from
        while i <= end {
            if (p[i] | 0x20) == first, hasPrefixIgnoringCase(p, at: i, needle) { return i }
            i += 1
        }
        return nil
    }
}
