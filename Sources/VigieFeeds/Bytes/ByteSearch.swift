#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Byte-wise substring test over UTF-8, without locale or Unicode folding.
    func containsBytes(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        let found = utf8.withContiguousStorageIfAvailable { p -> Bool in
            guard let base = p.baseAddress, p.count >= count else { return false }
            return findBytes(base, p.count, needle) != nil
        }
        if let found { return found }
        return String(self).containsBytes(needle)
    }

    /// The byte offset of `needle` in the UTF-8 form, if present.
    func byteOffset(of needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress, p.count >= count else { return nil }
            return findBytes(base, p.count, needle)
        }
    }
}

/// The offset of the first `needle` in `count` bytes at `base`: memchr for one byte of
/// the needle, memcmp for the whole. The byte looked for is punctuation when the needle
/// has some (`#` in `#comment-`, `=` in `showComment=`): it is rarer in text and links
/// than letters, so memchr stops less often on a place that does not match.
func findBytes(_ base: UnsafePointer<UInt8>, _ count: Int, _ needle: StaticString) -> Int? {
    let length = needle.utf8CodeUnitCount
    guard length > 0, count >= length else { return length == 0 ? 0 : nil }
    let bytes = needle.utf8Start
    var pivot = 0
    for k in 0..<length where !ASCII.isLetterOrDigit(bytes[k]) {
        pivot = k
        break
    }
    let last = count - length
    var start = 0
    while start <= last {
        let from = start + pivot
        guard let hit = memchr(base + from, Int32(bytes[pivot]), last + pivot + 1 - from) else { return nil }
        let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base - pivot
        if memcmp(base + at, bytes, length) == 0 { return at }
        start = at + 1
    }
    return nil
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes start with `prefix`, byte for byte.
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        hasBytePrefix(prefix, at: 0)
    }

    /// Whether the bytes at `i` are `prefix`, byte for byte.
    func hasBytePrefix(_ prefix: StaticString, at i: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        return i + length <= count && memcmp(baseAddress! + i, prefix.utf8Start, length) == 0
    }

    /// The index of the first `byte` in `from..<to`, by memchr: for searches that may run
    /// far, such as text up to the next tag or an attribute value up to its quote.
    @inline(__always)
    func firstIndex(of byte: UInt8, from: Int, to: Int) -> Int? {
        guard from < to, let base = baseAddress, let found = memchr(base + from, Int32(byte), to - from) else {
            return nil
        }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The index of the first `needle` at or after `from`, byte for byte.
    func firstIndex(of needle: StaticString, from: Int) -> Int? {
        guard from < count, let base = baseAddress else { return nil }
        return findBytes(base + from, count - from, needle).map { $0 + from }
    }
}

/// Byte searches read 16 bytes at a time, inlined where a call to memchr would cost more
/// than the few bytes searched (the quote that ends an attribute value in a tag).
enum ByteSearch {
    /// The index of the first of three bytes at or after `start`, or `n`.
    @inline(__always)
    static func firstIndex(
        ofAny a: UInt8, _ b: UInt8, _ c: UInt8, _ base: UnsafePointer<UInt8>, from start: Int, count n: Int
    ) -> Int {
        var i = start
        let (va, vb, vc) = (ChunkLanes.splat(a), ChunkLanes.splat(b), ChunkLanes.splat(c))
        while i + 16 <= n {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Int8>.self)
            let lane = ChunkLanes.firstLane((v .== va) .| (v .== vb) .| (v .== vc))
            if lane < 16 { return i + lane }
            i += 16
        }
        while i < n {
            let x = base[i]
            if x == a || x == b || x == c { return i }
            i += 1
        }
        return n
    }

    /// The index of the first `byte` at or after `start`, or `n`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, _ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        firstIndex(ofAny: byte, byte, byte, base, from: start, count: n)
    }
}

/// Whether the bytes at `name` are those of `literal`, for as many bytes as it has. Names are
/// a few bytes long: compared inline, where the literal's length is known, without a call to
/// `memcmp`.
@inline(__always)
func isName(_ name: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let expected = literal.utf8Start
    for k in 0..<literal.utf8CodeUnitCount where name[k] != expected[k] { return false }
    return true
}
