#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces references in XML character data: the five XML names, numeric references,
/// HTML named entities (feeds use `&eacute;` and `&nbsp;` without declaring them) and the
/// document's internal DTD entities.
///
/// DTD entities were expanded once when declared; every use spends from one budget for the
/// whole document, so a small entity referenced a million times is refused like a bomb.
/// External entities are never read: a reference to one stays as written.
struct ReferenceDecoder {
    var entities: [String: [UInt8]] = [:]
    var externalEntities: Set<String> = []
    /// Bytes that DTD entity references may still add to the document.
    var budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// Appends `p[start..<end]` to `out` with references decoded. Throws when DTD entities
    /// would expand beyond the budget.
    @inline(__always)
    mutating func append(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8],
        diagnostics: inout Diagnostics
    ) throws(FeedError) {
        let base = p.baseAddress!
        var i = start
        while i < end {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "&")), end - i) else {
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: end - i))
                return
            }
            let amp = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if amp > i { out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: amp - i)) }
            i = amp
            // The XML names, which escaped HTML is full of, without a table lookup.
            if amp + 3 < end, base[amp + 3] == UInt8(ascii: ";"), base[amp + 2] == UInt8(ascii: "t") {
                if base[amp + 1] == UInt8(ascii: "l") {
                    out.append(UInt8(ascii: "<"))
                    i += 4
                    continue
                }
                if base[amp + 1] == UInt8(ascii: "g") {
                    out.append(UInt8(ascii: ">"))
                    i += 4
                    continue
                }
            }
            if amp + 4 < end, base[amp + 1] == UInt8(ascii: "a"), base[amp + 2] == UInt8(ascii: "m"),
                base[amp + 3] == UInt8(ascii: "p"), base[amp + 4] == UInt8(ascii: ";")
            {
                out.append(UInt8(ascii: "&"))
                i += 5
                continue
            }
            if !entities.isEmpty || !externalEntities.isEmpty, let (name, length) = Self.entityName(p, at: amp, end: end)
            {
                if let value = entities[name] {
                    guard budget >= value.count else {
                        throw FeedError(.entityExpansion, "entity references expand beyond the budget")
                    }
                    budget -= value.count
                    out.append(contentsOf: value)
                    i += length
                    continue
                }
                if externalEntities.contains(name) {
                    diagnostics.bozo("xml: external entity &\(name); not loaded")
                    out.append(contentsOf: UnsafeBufferPointer(start: base + amp, count: length))
                    i += length
                    continue
                }
            }
            if let match = CharacterReference.match(p, at: amp, end: end) {
                out.appendScalar(match.scalar)
                i += match.length
            } else {
                if let (name, _) = Self.entityName(p, at: amp, end: end) {
                    diagnostics.bozo("xml: undefined entity &\(name);")
                } else {
                    diagnostics.bozo("xml: unescaped & in text")
                }
                out.append(UInt8(ascii: "&"))
                i += 1
            }
        }
    }

    /// `&name;` at `at`: the name and the reference's length.
    static func entityName(_ p: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (String, Int)? {
        var j = at + 1
        while j < end, j - at < 64, XMLTokenizer.isNameByte(p[j]) { j += 1 }
        guard j > at + 1, j < end, p[j] == UInt8(ascii: ";") else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: p[(at + 1)..<j]), as: UTF8.self), j + 1 - at)
    }
}
