/// Sixteen bytes read at once as the lanes of a `SIMD16<Int8>`, and the helpers every fast
/// path of the target shares: comparisons as integer lanes, the first lane that holds, and
/// a short text read as one chunk.
///
/// Lanes are signed because only vector-to-vector comparisons of `Int8` lanes compile to
/// single SSE instructions here (those of `UInt8`, and those against a scalar, become a loop
/// over the lanes). Flipping the top bit turns an unsigned test such as `b < 0x20` into a
/// signed one.
///
/// Byte order: lane `k` is the byte at offset `k` in memory, and a chunk seen as two
/// `UInt64` words has that byte at bits `8k` to `8k + 7` of the first word (`k - 8` of the
/// second): that is what a little-endian machine gives, and what ``firstLane(_:)-(SIMD16<Int8>)``,
/// ``paddedChunk(_:count:)`` and the packed keys (see ``PackedKey``) count on. Every
/// platform Vigie builds for is little-endian; a big-endian one stops the build here rather
/// than reading lanes in the wrong order.
enum ChunkLanes {
    #if !_endian(little)
        #error("ChunkLanes and PackedKey read the first byte of a chunk as its lowest bits")
    #endif

    /// `b` in every lane.
    @inline(__always)
    static func splat(_ b: UInt8) -> SIMD16<Int8> {
        SIMD16<Int8>(repeating: Int8(bitPattern: b))
    }

    /// The lanes of a comparison as integers, all ones where it holds. Combining masks with
    /// `.&` and `.|` makes the compiler rebuild each lane from its top bit (a shift, a mask
    /// and a comparison); the same operations on integer lanes are one instruction each.
    @inline(__always)
    static func lanes(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD16<Int8> {
        unsafeBitCast(mask, to: SIMD16<Int8>.self)
    }

    /// The first lane set in `mask`, or 16.
    @inline(__always)
    static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int {
        firstLane(lanes(mask))
    }

    /// The first lane of `lanes` that is not zero, or 16 (lane order as the type's comment
    /// tells: the lowest bits of the first word come first).
    @inline(__always)
    static func firstLane(_ lanes: SIMD16<Int8>) -> Int {
        let flags = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        if flags[0] != 0 { return flags[0].trailingZeroBitCount >> 3 }
        if flags[1] != 0 { return 8 + flags[1].trailingZeroBitCount >> 3 }
        return 16
    }

    /// The lanes that hold an ASCII letter, either case.
    @inline(__always)
    static func letters(_ v: SIMD16<Int8>) -> SIMDMask<SIMD16<Int8>> {
        let folded = v | splat(0x20)
        return (folded .>= splat(UInt8(ascii: "a"))) .& (folded .<= splat(UInt8(ascii: "z")))
    }

    /// The lanes that hold an ASCII digit.
    @inline(__always)
    static func digits(_ v: SIMD16<Int8>) -> SIMDMask<SIMD16<Int8>> {
        (v .>= splat(UInt8(ascii: "0"))) .& (v .<= splat(UInt8(ascii: "9")))
    }

    /// The `n` bytes at `base`, 0 < `n` < 16, as a chunk padded with zeros. The bytes are
    /// read as two words by loads that overlap and never reach past them: setting the lanes
    /// of a chunk one by one stores and reloads it for each byte.
    @inline(__always)
    static func paddedChunk(_ base: UnsafePointer<UInt8>, count n: Int) -> SIMD16<Int8> {
        // Byte k of the input is bits 8k to 8k + 7 of `low`, then of `high`.
        let raw = UnsafeRawPointer(base)
        func word(at offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        func half(at offset: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        let low: UInt64
        var high: UInt64 = 0
        if n >= 8 {
            low = word(at: 0)
            // The last eight bytes, moved down so that byte 8 comes first; none when n is 8.
            high = word(at: n - 8) >> (8 * (16 - n))
        } else if n >= 4 {
            // The first four bytes and the last four, which may overlap them with the same bytes.
            low = half(at: 0) | half(at: n - 4) << (8 * (n - 4))
        } else {
            low = UInt64(base[0]) | UInt64(base[n >> 1]) << (8 * (n >> 1)) | UInt64(base[n - 1]) << (8 * (n - 1))
        }
        return unsafeBitCast(SIMD2<UInt64>(low.littleEndian, high.littleEndian), to: SIMD16<Int8>.self)
    }
}
