import Foundation

/// RFC 822 dates as RSS writes them, by the book and with the usual malformations
/// (two-digit years, missing seconds, named zones).
extension FeedDate {
    /// `Www, DD Mmm YYYY HH:MM:SS +hhmm` and `… GMT`, the form nearly every RSS date takes,
    /// read at fixed places; nil for anything else, which ``rfc822(_:)`` reads as it comes.
    private static func canonicalRFC822(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 31 || b.count == 29, b[3] == UInt8(ascii: ","), b[4] == UInt8(ascii: " "),
            b[7] == UInt8(ascii: " "), b[11] == UInt8(ascii: " "), b[16] == UInt8(ascii: " "),
            b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == UInt8(ascii: " "),
            ASCII.isLetter(b[0]), ASCII.isLetter(b[1]), ASCII.isLetter(b[2]),
            ASCII.isLetter(b[8]), ASCII.isLetter(b[9]), ASCII.isLetter(b[10]),
            let month = englishMonth(PackedKey.packFolded(b[8], b[9], b[10])),
            let day = fixedDigits(b, 5, 2), let year = fixedDigits(b, 12, 4), let hour = fixedDigits(b, 17, 2),
            let minute = fixedDigits(b, 20, 2), let second = fixedDigits(b, 23, 2)
        else { return nil }
        let offset: Int
        if b.count == 31 {
            guard let zone = numericZone(b, from: 26) else { return nil }
            offset = zone
        } else {
            guard b[26] == UInt8(ascii: "G"), b[27] == UInt8(ascii: "M"), b[28] == UInt8(ascii: "T") else { return nil }
            offset = 0
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }

    /// `+hhmm` or `-hhmm` from `start` to the end, the usual numeric zone, in minutes east
    /// of UTC; nil for anything else, which ``zoneOffset(_:)`` reads.
    static func numericZone(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard b.count - start == 5, let h = fixedDigits(b, start + 1, 2), let m = fixedDigits(b, start + 3, 2),
            m < 60, h * 60 + m <= 18 * 60
        else { return nil }
        switch b[start] {
        case UInt8(ascii: "+"): return h * 60 + m
        case UInt8(ascii: "-"): return -(h * 60 + m)
        default: return nil
        }
    }

    /// The month of an English abbreviation packed as ``PackedKey/packFolded(_:_:_:)``
    /// packs it (first byte lowest, so `jan` reads `0x6E_61_6A`): a switch, where a dictionary
    /// would hash the key first.
    private static func englishMonth(_ key: UInt32) -> Int? {
        switch key {
        case 0x6E_61_6A: return 1  // jan
        case 0x62_65_66: return 2  // feb
        case 0x72_61_6D: return 3  // mar
        case 0x72_70_61: return 4  // apr
        case 0x79_61_6D: return 5  // may
        case 0x6E_75_6A: return 6  // jun
        case 0x6C_75_6A: return 7  // jul
        case 0x67_75_61: return 8  // aug
        case 0x70_65_73: return 9  // sep
        case 0x74_63_6F: return 10  // oct
        case 0x76_6F_6E: return 11  // nov
        case 0x63_65_64: return 12  // dec
        default: return nil
        }
    }

    /// `[Www, ]DD Mon YYYY HH:MM[:SS] zone`, the common case, without allocation; anything
    /// else falls through to the tolerant reader.
    static func rfc822(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        if let date = canonicalRFC822(b) { return date }
        var i = 0
        let n = b.count
        if n > 5, ASCII.isLetter(b[0]) {
            while i < n, ASCII.isLetter(b[i]) { i += 1 }
            guard i < n, b[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        func skipSpaces() { while i < n, b[i] == UInt8(ascii: " ") { i += 1 } }
        func number(_ maxDigits: Int) -> (Int, Int)? {
            var value = 0
            var count = 0
            while i < n, count < maxDigits, ASCII.isDigit(b[i]) {
                value = value * 10 + Int(b[i] - 48)
                i += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }
        skipSpaces()
        guard let (day, _) = number(2) else { return nil }
        skipSpaces()
        guard i + 3 <= n, ASCII.isLetter(b[i]), ASCII.isLetter(b[i + 1]), ASCII.isLetter(b[i + 2])
        else { return nil }
        guard let month = englishMonth(PackedKey.packFolded(b[i], b[i + 1], b[i + 2])) else { return nil }
        i += 3
        guard i < n, b[i] == UInt8(ascii: " ") else { return nil }
        skipSpaces()
        guard let (rawYear, yearDigits) = number(4), yearDigits == 4 || yearDigits == 2 else { return nil }
        let year = yearDigits == 4 ? rawYear : (rawYear < 50 ? 2000 + rawYear : 1900 + rawYear)
        skipSpaces()
        guard let (hour, _) = number(2), i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let (minute, _) = number(2) else { return nil }
        var second = 0
        if i < n, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let (value, _) = number(2) else { return nil }
            second = value
        }
        skipSpaces()
        var offset = 0
        if i < n {
            guard let zone = numericZone(b, from: i) ?? zoneOffset(String(decoding: b[i...], as: UTF8.self)) else {
                return nil
            }
            offset = zone
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }
}
