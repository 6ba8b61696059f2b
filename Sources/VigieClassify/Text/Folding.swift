/// Lowercasing and accent folding for the Latin scripts Vigie classifies.
///
/// Folding maps a scalar to ASCII bytes that keep its case (`É` to `E`, `œ` to `oe`),
/// so one table gives both the folded bytes and whether the letter was a capital.
enum Folding {
    /// Folded form of U+00C0 ... U+017F, one entry per scalar; `nil` for non-letters.
    private static let latin: [[UInt8]?] = {
        let latin1: [String] = [
            "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
            "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "ss",
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        ]
        // U+0100 ... U+017F in order.
        let extendedA: [String] =
            ["A", "a", "A", "a", "A", "a"] + ["C", "c", "C", "c", "C", "c", "C", "c"]
            + ["D", "d", "D", "d"] + ["E", "e", "E", "e", "E", "e", "E", "e", "E", "e"]
            + ["G", "g", "G", "g", "G", "g", "G", "g"] + ["H", "h", "H", "h"]
            + ["I", "i", "I", "i", "I", "i", "I", "i", "I", "i"] + ["IJ", "ij", "J", "j", "K", "k", "k"]
            + ["L", "l", "L", "l", "L", "l", "L", "l", "L", "l"]
            + ["N", "n", "N", "n", "N", "n", "n", "N", "n"] + ["O", "o", "O", "o", "O", "o", "OE", "oe"]
            + ["R", "r", "R", "r", "R", "r"] + ["S", "s", "S", "s", "S", "s", "S", "s"]
            + ["T", "t", "T", "t", "T", "t"] + ["U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u"]
            + ["W", "w", "Y", "y", "Y"] + ["Z", "z", "Z", "z", "Z", "z", "s"]
        precondition(latin1.count == 64 && extendedA.count == 128, "folding table size")
        return (latin1 + extendedA).map { $0.isEmpty ? nil : Array($0.utf8) }
    }()

    static let latinRange: ClosedRange<UInt32> = 0xC0...0x17F

    /// Folded bytes (case kept) of a Latin letter in U+00C0 ... U+017F, or nil.
    @inline(__always)
    static func fold(_ scalar: UInt32) -> [UInt8]? {
        latin[Int(scalar - 0xC0)]
    }

    /// Lowercase scalar of a Latin letter in U+00C0 ... U+017F.
    @inline(__always)
    static func lowercase(_ scalar: UInt32, isUpper: Bool) -> UInt32 {
        guard isUpper else { return scalar }
        if scalar < 0x100 { return scalar == 0xDF ? scalar : scalar + 0x20 }
        if scalar == 0x178 { return 0xFF }
        if scalar == 0x130 { return 0x69 }
        return scalar + 1
    }
}
