/// The windows-1252 code page: ISO-8859-1 with printable characters in 0x80–0x9F.
enum Windows1252 {
    /// Scalars for bytes 0x80 through 0x9F; unassigned bytes map to themselves as C1 controls.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    @inline(__always)
    static func scalar(for byte: UInt8) -> UInt32 {
        if byte >= 0x80 && byte <= 0x9F { return high[Int(byte - 0x80)] }
        return UInt32(byte)
    }

    /// The byte at or above 0x80 that stands for `scalar`, nil for any other scalar.
    static func highByte(for scalar: UInt32) -> UInt8? {
        if scalar >= 0xA0 && scalar <= 0xFF { return UInt8(scalar) }
        if let index = high.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }
}
