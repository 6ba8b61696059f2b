import CVigieSHA256

/// SHA-256 (FIPS 180-4), for stable identifiers: the same digest on every platform and run,
/// unlike `Hasher`; and the digest of API tokens, so that only the digest leaves the process.
///
/// Blocks are compressed with the processor's SHA extensions where it has them (most x86-64
/// processors since 2017), about five times faster; elsewhere in plain Swift, which is also
/// what the extensions are tested against.
public struct SHA256: Sendable {
    /// Whether this processor has the SHA extensions.
    package static let hardwareAvailable = vigie_sha256_hw_available() == 1

    /// The round constants, from the C target that the SHA extensions also read them from.
    private static let k: [UInt32] = withUnsafeBytes(of: vigie_sha256_k) { Array($0.bindMemory(to: UInt32.self)) }

    private var state: SIMD8<UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Input waiting for a whole block: always fewer than 64 bytes between calls.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private let usesHardware: Bool

    /// `hardware: false` compresses in Swift even where the SHA extensions are available.
    package init(hardware: Bool = true) {
        usesHardware = hardware && Self.hardwareAvailable
        pending.reserveCapacity(64)
    }

    package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(bytes: $0) }) == nil {
            Array(bytes).withUnsafeBufferPointer { update(bytes: $0) }
        }
    }

    /// Whole blocks are compressed straight from `bytes`; only the rest is copied.
    package mutating func update(bytes p: UnsafeBufferPointer<UInt8>) {
        guard let base = p.baseAddress else { return }
        length &+= UInt64(p.count)
        var i = 0
        if !pending.isEmpty {
            i = min(64 - pending.count, p.count)
            pending.append(contentsOf: UnsafeBufferPointer(start: base, count: i))
            guard pending.count == 64 else { return }
            compressPending()
        }
        let blocks = (p.count - i) / 64
        if blocks > 0 {
            compress(base + i, blocks: blocks)
            i += 64 * blocks
        }
        pending.append(contentsOf: UnsafeBufferPointer(start: base + i, count: p.count - i))
    }

    package mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        pending.append(0x80)
        if pending.count > 56 {
            pending.append(contentsOf: repeatElement(0, count: 64 - pending.count))
            compressPending()
        }
        pending.append(contentsOf: repeatElement(0, count: 56 - pending.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            pending.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        compressPending()
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for index in 0..<8 {
            let word = state[index]
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The 32-byte digest of `bytes`.
    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    package static func hexDigest<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hex(hasher.finalize())
    }

    package static func hex(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digits.utf8Start[Int(byte >> 4)]
                out[2 * index + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    private mutating func compressPending() {
        pending.withUnsafeBufferPointer { compress($0.baseAddress!, blocks: 1) }
        pending.removeAll(keepingCapacity: true)
    }

    /// `blocks` 64-byte blocks at `start`.
    private mutating func compress(_ start: UnsafePointer<UInt8>, blocks: Int) {
        if usesHardware {
            withUnsafeMutableBytes(of: &state) { words in
                vigie_sha256_hw_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), start, blocks)
            }
            return
        }
        for index in 0..<blocks { compress(start + 64 * index) }
    }

    /// One 64-byte block at `block`, in Swift.
    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            SHA256.k.withUnsafeBufferPointer { k in
                for t in 0..<16 {
                    w[t] =
                        UInt32(block[t * 4]) << 24 | UInt32(block[t * 4 + 1]) << 16
                        | UInt32(block[t * 4 + 2]) << 8 | UInt32(block[t * 4 + 3])
                }
                for t in 16..<64 {
                    let s0 = Self.rotr(w[t - 15], 7) ^ Self.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = Self.rotr(w[t - 2], 17) ^ Self.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var a = state[0]
                var b = state[1]
                var c = state[2]
                var d = state[3]
                var e = state[4]
                var f = state[5]
                var g = state[6]
                var h = state[7]
                // Eight rounds at a time, the working variables renamed instead of moved.
                var t = 0
                while t < 64 {
                    Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                    Self.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                    Self.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                    Self.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                    Self.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                    Self.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                    Self.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                    Self.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                    t += 8
                }
                state &+= SIMD8(a, b, c, d, e, f, g, h)
            }
        }
    }

    /// One round of FIPS 180-4 section 6.2.2, step 3: `d` and `h` are the variables it changes.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d &+= t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }
}
