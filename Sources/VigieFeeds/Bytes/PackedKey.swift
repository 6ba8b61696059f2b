/// Short names packed into an integer, the one convention of the target: the first byte in
/// the lowest bits, each next byte eight bits higher, as a little-endian load of the bytes
/// gives them (see ``ChunkLanes`` for the byte order). A packed key written as a constant
/// reads from the right: `"br"` is `0x72_62`.
///
/// Element names, reference names, month names and furniture words are all packed this
/// way, so that a key made from a chunk or a word already read is the same as one packed
/// byte by byte here.
enum PackedKey {
    /// Up to eight bytes packed, case kept; bytes past the eighth are ignored.
    @inline(__always)
    static func pack<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for b in bytes.prefix(8) {
            key |= UInt64(b) << shift
            shift += 8
        }
        return key
    }

    /// Up to eight bytes packed with bit 0x20 set in each, which lower-cases ASCII letters
    /// and leaves digits as they are: the key of a case-insensitive name.
    @inline(__always)
    static func packFolded<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        pack(bytes.lazy.map { $0 | 0x20 })
    }

    /// Three bytes, each with bit 0x20 set, packed the same way: a three-letter month.
    @inline(__always)
    static func packFolded(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a | 0x20) | UInt32(b | 0x20) << 8 | UInt32(c | 0x20) << 16
    }
}
