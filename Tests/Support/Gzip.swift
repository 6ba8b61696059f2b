/// Gzip streams made by hand (RFC 1951 and 1952), so the tests need no compressor: a
/// "bomb" of zeros in fixed-Huffman back-references, and plain text in a stored block.
/// (Also zlib-wrapped, for `Content-Encoding: deflate`.)
public enum Gzip {
    /// `1 + 258 * matches` zeros: a literal 0, then matches of length 258 at distance 1,
    /// 13 bits each, so the stream is about 160 times smaller than what it expands to.
    public static func zeros(matches: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.writeCode(0x30, length: 8)  // literal 0
        for _ in 0..<matches {
            bits.writeCode(0b1100_0101, length: 8)  // length code 285: 258
            bits.writeCode(0, length: 5)  // distance code 0: 1
        }
        bits.writeCode(0, length: 7)  // end of block (256)
        let size = 1 + 258 * matches
        return header + bits.bytes + trailer(crc: crc32(zeroCount: size), size: size)
    }

    /// `data` in one stored (uncompressed) block, gzip-wrapped.
    public static func stored(_ data: [UInt8]) -> [UInt8] {
        header + storedBlock(data) + trailer(crc: crc32(data), size: data.count)
    }

    /// `data` in one stored block, zlib-wrapped (RFC 1950): HTTP's `deflate` coding.
    public static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return [0x78, 0x01] + storedBlock(data) + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
    }

    private static func storedBlock(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count < 65536)
        let length = UInt16(data.count)
        return [1, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + data
    }

    private static let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]

    private static func trailer(crc: UInt32, size: Int) -> [UInt8] {
        let size = UInt32(truncatingIfNeeded: size)
        return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> $0) }
            + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: size >> $0) }
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    public static func crc32(zeroCount: Int) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for _ in 0..<zeroCount { crc = table[Int(crc & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// Deflate's bit order: values least significant bit first, Huffman codes most first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        var used = 8

        mutating func write(_ value: UInt32, count: Int) {
            for bit in 0..<count { append(value >> bit & 1) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for bit in stride(from: length - 1, through: 0, by: -1) { append(code >> bit & 1) }
        }

        private mutating func append(_ bit: UInt32) {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            bytes[bytes.count - 1] |= UInt8(bit) << used
            used += 1
        }
    }
}
