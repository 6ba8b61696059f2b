/// FNV-1a over bytes, never returning zero (zero marks an empty `HashIndex` slot).
enum TermHash {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    static func finish(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return finish(h)
    }

    static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// Key for the first `length` bytes of a token, distinct from a whole-token key.
    @inline(__always)
    static func prefixKey(_ h: UInt64, length: Int) -> UInt64 {
        finish((h ^ 0x5BD1_E995_0000_0000) &* 0x0000_0100_0000_01B3 &+ UInt64(length))
    }
}
