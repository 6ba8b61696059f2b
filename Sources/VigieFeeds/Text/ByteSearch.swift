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

/// The offset of `needle` in `count` bytes at `base`: memchr for the first byte, memcmp for the rest.
func findBytes(_ base: UnsafePointer<UInt8>, _ count: Int, _ needle: StaticString) -> Int? {
    let length = needle.utf8CodeUnitCount
    guard length > 0, count >= length else { return length == 0 ? 0 : nil }
    let first = Int32(needle.utf8Start[0])
    var offset = 0
    while offset <= count - length {
        guard let hit = memchr(base + offset, first, count - length + 1 - offset) else { return nil }
        let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        if memcmp(base + at, needle.utf8Start, length) == 0 { return at }
        offset = at + 1
    }
    return nil
}
