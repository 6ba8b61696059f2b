#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed XML document as flat arrays of nodes, attributes and text segments that point
/// into the UTF-8 input: no string is made until a mapper asks for one.
final class XMLDocument {
    struct Node {
        var ns: XMLNamespace
        var localStart: Int
        var localEnd: Int
        var parent: Int
        var firstChild = -1
        var lastChild = -1
        var nextSibling = -1
        var attributeStart: Int
        var attributeEnd: Int
        var contentStart: Int
        var contentEnd: Int
        var segmentStart: Int
        var segmentEnd: Int
    }

    struct Attribute {
        var ns: XMLNamespace
        var localStart: Int
        var localEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    struct Segment {
        var start: Int
        var end: Int
        var owner: Int
        var isCDATA: Bool
    }

    let bytes: [UInt8]
    var nodes: [Node] = []
    var attributes: [Attribute] = []
    var segments: [Segment] = []
    var diagnostics: Diagnostics
    /// Internal DTD entities, fully expanded when declared.
    var entities: [String: [UInt8]] = [:]
    /// Entities declared as external: never read, left as written.
    var externalEntities: Set<String> = []
    var expansionBudget: Int
    var expansionExceeded = false

    init(bytes: [UInt8], diagnostics: Diagnostics, expansionBudget: Int) {
        self.bytes = bytes
        self.diagnostics = diagnostics
        self.expansionBudget = expansionBudget
    }

    var root: Int? { nodes.isEmpty ? nil : 0 }

    /// Whether any element carries `xml:base`, so links may need resolving without a feed URL.
    private(set) lazy var hasXMLBase: Bool = attributes.contains {
        $0.ns == .xml && equals($0.localStart, $0.localEnd, "base")
    }

    // MARK: Names

    func isNamed(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> Bool {
        let n = nodes[node]
        return n.ns == ns && equals(n.localStart, n.localEnd, local)
    }

    func isLocal(_ node: Int, _ local: StaticString) -> Bool {
        let n = nodes[node]
        return equals(n.localStart, n.localEnd, local)
    }

    /// The prefix the element was written with (`h` for `<h:div>`), if any.
    func prefix(_ node: Int) -> String? {
        let start = nodes[node].localStart
        guard start >= 2, bytes[start - 1] == UInt8(ascii: ":") else { return nil }
        var i = start - 2
        while i > 0, bytes[i] != UInt8(ascii: "<") { i -= 1 }
        guard bytes[i] == UInt8(ascii: "<"), i + 1 < start - 1 else { return nil }
        return String(decoding: bytes[(i + 1)..<(start - 1)], as: UTF8.self)
    }

    func localName(_ node: Int) -> String {
        let n = nodes[node]
        return String(decoding: bytes[n.localStart..<n.localEnd], as: UTF8.self)
    }

    @inline(__always)
    func equals(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - start == count else { return false }
        return bytes.withUnsafeBufferPointer { p in
            memcmp(p.baseAddress! + start, literal.utf8Start, count) == 0
        }
    }

    // MARK: Tree

    func children(_ node: Int) -> ChildSequence {
        ChildSequence(document: self, current: nodes[node].firstChild)
    }

    struct ChildSequence: Sequence, IteratorProtocol {
        let document: XMLDocument
        var current: Int
        mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            defer { current = document.nodes[current].nextSibling }
            return current
        }
    }

    func firstChild(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> Int? {
        var child = nodes[node].firstChild
        while child >= 0 {
            if isNamed(child, ns, local) { return child }
            child = nodes[child].nextSibling
        }
        return nil
    }

    func hasElementChildren(_ node: Int) -> Bool { nodes[node].firstChild >= 0 }

    // MARK: Attributes

    func attribute(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> String? {
        let n = nodes[node]
        var index = n.attributeStart
        while index < n.attributeEnd {
            let a = attributes[index]
            if a.ns == ns, equals(a.localStart, a.localEnd, local) {
                return decodedString(a.valueStart, a.valueEnd)
            }
            index += 1
        }
        return nil
    }

    // MARK: Text

    /// The element's own text (not its children's), references decoded, CDATA as is.
    func text(_ node: Int) -> String {
        let n = nodes[node]
        if n.segmentEnd - n.segmentStart == 1, segments[n.segmentStart].owner == node {
            let s = segments[n.segmentStart]
            return s.isCDATA ? String(decoding: bytes[s.start..<s.end], as: UTF8.self) : decodedString(s.start, s.end)
        }
        var out: [UInt8] = []
        var index = n.segmentStart
        while index < n.segmentEnd {
            let s = segments[index]
            if s.owner == node {
                if s.isCDATA {
                    out.append(contentsOf: bytes[s.start..<s.end])
                } else {
                    appendDecoded(s.start, s.end, into: &out)
                }
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The element's content as written, markup included (XHTML content, unescaped HTML).
    func innerXML(_ node: Int) -> String {
        let n = nodes[node]
        guard n.contentEnd > n.contentStart else { return "" }
        return String(decoding: bytes[n.contentStart..<n.contentEnd], as: UTF8.self)
    }

    func decodedString(_ start: Int, _ end: Int) -> String {
        let hasReference = bytes.withUnsafeBufferPointer { p in
            memchr(p.baseAddress! + start, Int32(UInt8(ascii: "&")), end - start) != nil
        }
        if !hasReference { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        appendDecoded(start, end, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends text with references decoded: the XML five, numeric, HTML named entities
    /// and internal DTD entities (within the expansion budget). Unknown references stay as
    /// written and are reported.
    func appendDecoded(_ start: Int, _ end: Int, into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            var i = start
            while i < end {
                guard let found = memchr(p.baseAddress! + i, Int32(UInt8(ascii: "&")), end - i) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<end]))
                    return
                }
                let amp = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p.baseAddress!
                if amp > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<amp])) }
                i = amp
                // The XML names, which escaped HTML is full of, without a table lookup.
                if amp + 3 < end, p[amp + 3] == UInt8(ascii: ";"), p[amp + 2] == UInt8(ascii: "t") {
                    if p[amp + 1] == UInt8(ascii: "l") {
                        out.append(UInt8(ascii: "<"))
                        i += 4
                        continue
                    }
                    if p[amp + 1] == UInt8(ascii: "g") {
                        out.append(UInt8(ascii: ">"))
                        i += 4
                        continue
                    }
                }
                if amp + 4 < end, p[amp + 1] == UInt8(ascii: "a"), p[amp + 2] == UInt8(ascii: "m"),
                    p[amp + 3] == UInt8(ascii: "p"), p[amp + 4] == UInt8(ascii: ";")
                {
                    out.append(UInt8(ascii: "&"))
                    i += 5
                    continue
                }
                if !entities.isEmpty || !externalEntities.isEmpty, let (name, length) = entityName(p, at: amp, end: end)
                {
                    if let value = entities[name] {
                        if expansionBudget >= value.count {
                            expansionBudget -= value.count
                            out.append(contentsOf: value)
                        } else {
                            expansionExceeded = true
                        }
                        i += length
                        continue
                    }
                    if externalEntities.contains(name) {
                        diagnostics.bozo("xml: external entity &\(name); not loaded")
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[amp..<(amp + length)]))
                        i += length
                        continue
                    }
                }
                let segment = UnsafeBufferPointer(rebasing: p[0..<end])
                if let match = CharacterReference.match(segment, at: amp, end: end) {
                    out.appendScalar(match.scalar)
                    i += match.length
                } else {
                    if let (name, _) = entityName(p, at: amp, end: end) {
                        diagnostics.bozo("xml: undefined entity &\(name);")
                    } else {
                        diagnostics.bozo("xml: unescaped & in text")
                    }
                    out.append(UInt8(ascii: "&"))
                    i += 1
                }
            }
        }
    }

    /// `&name;` at `at`: the name and the reference's length.
    private func entityName(_ p: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (String, Int)? {
        var j = at + 1
        while j < end, j - at < 64, XMLTokenizer.isNameByte(p[j]) { j += 1 }
        guard j > at + 1, j < end, p[j] == UInt8(ascii: ";") else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: p[(at + 1)..<j]), as: UTF8.self), j + 1 - at)
    }
}
