#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension HTMLText {
    /// ``plainText(utf8:)`` for short text such as a title: the same string, made in one
    /// pass when the text has no `<` and no `&`, as nearly every title has. Such text has
    /// no markup and no references, so stripping it only collapses whitespace, drops
    /// control characters and drops a line of blog furniture.
    static func shortPlainText(utf8 p: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = p.baseAddress, !p.isEmpty else { return "" }
        guard memchr(base, Int32(UInt8(ascii: "<")), p.count) == nil,
            memchr(base, Int32(UInt8(ascii: "&")), p.count) == nil
        else { return plainText(utf8: p) }
        return String(unsafeUninitializedCapacity: p.count) { out -> Int in
            let target = out.baseAddress!
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < p.count {
                let b = p[i]
                if b <= 0x20 || b == 0x7F {
                    // Whitespace as the stripper reads it; other control characters are dropped.
                    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { pendingSpace = true }
                    i += 1
                    continue
                }
                if b == 0xC2, i + 1 < p.count, p[i + 1] == 0xA0 {
                    pendingSpace = true
                    i += 2
                    continue
                }
                if pendingSpace {
                    if count > 0 {
                        target[count] = UInt8(ascii: " ")
                        count += 1
                    }
                    pendingSpace = false
                }
                // Ordinary bytes and the single spaces between them are copied as they are.
                let end = TagStripper.runEnd(base, from: i + 1, count: p.count)
                (target + count).update(from: base + i, count: end - i)
                count += end - i
                i = end
            }
            guard count > 0, count <= Boilerplate.maxLineLength else { return count }
            let line = UnsafeBufferPointer(rebasing: out[0..<count])
            return Boilerplate.isBoilerplate(line) ? 0 : count
        }
    }
}
