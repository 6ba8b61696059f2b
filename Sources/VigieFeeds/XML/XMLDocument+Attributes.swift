#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Attributes: found by namespace and local name, values decoded on demand.
extension XMLDocument {
    func attribute(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> String? {
        withAttribute(node, ns, local) { String(decoding: $0, as: UTF8.self) }
    }

    func hasAttribute(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> Bool {
        attributeIndex(node, ns, local) != nil
    }

    /// The indices of the element's first attributes without a namespace named `first`,
    /// `second` and `third`, found in one pass: for elements read for several attributes.
    func attributeIndices(
        _ node: Int, _ first: StaticString, _ second: StaticString, _ third: StaticString
    ) -> (Int?, Int?, Int?) {
        let n = nodes[node]
        var found: (Int?, Int?, Int?) = (nil, nil, nil)
        var index = n.attributeStart
        while index < n.attributeEnd {
            let a = attributes[index]
            if a.ns == .none {
                if found.0 == nil, equals(a.localStart, a.localEnd, first) {
                    found.0 = index
                } else if found.1 == nil, equals(a.localStart, a.localEnd, second) {
                    found.1 = index
                } else if found.2 == nil, equals(a.localStart, a.localEnd, third) {
                    found.2 = index
                }
            }
            index += 1
        }
        return found
    }

    /// Calls `body` with the value of the attribute at `index`, references decoded.
    @inline(__always)
    func withAttributeValue<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withDecodedValue(attributes[index].valueStart, attributes[index].valueEnd, body)
    }

    /// Whether the value of the attribute at `index`, references decoded, is `value`
    /// (written in lower case) in any case of ASCII letters.
    func attributeValue(at index: Int, equalsIgnoringCase value: StaticString) -> Bool {
        withAttributeValue(at: index) { Self.equalsIgnoringCase($0, value) }
    }

    fileprivate static func equalsIgnoringCase(_ p: UnsafeBufferPointer<UInt8>, _ value: StaticString) -> Bool {
        let expected = value.utf8Start
        guard p.count == value.utf8CodeUnitCount else { return false }
        for k in 0..<p.count where ASCII.lowercased(p[k]) != expected[k] { return false }
        return true
    }

    /// The index of the element's first attribute so named.
    func attributeIndex(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> Int? {
        let n = nodes[node]
        var index = n.attributeStart
        while index < n.attributeEnd {
            let a = attributes[index]
            if a.ns == ns, equals(a.localStart, a.localEnd, local) { return index }
            index += 1
        }
        return nil
    }

    /// Calls `body` with the value of the first attribute so named, references decoded;
    /// nil when the element has none.
    @inline(__always)
    func withAttribute<R>(
        _ node: Int, _ ns: XMLNamespace, _ local: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        guard let index = attributeIndex(node, ns, local) else { return nil }
        return withAttributeValue(at: index, body)
    }

    /// Whether the attribute is present and its value, references decoded, is `value`
    /// (written in lower case) in any case of ASCII letters (`isPermaLink="False"`).
    func attribute(_ node: Int, _ ns: XMLNamespace, _ local: StaticString, equalsIgnoringCase value: StaticString)
        -> Bool
    {
        guard let index = attributeIndex(node, ns, local) else { return false }
        return attributeValue(at: index, equalsIgnoringCase: value)
    }


    /// Calls `body` with an attribute value's bytes, references decoded: the input itself
    /// when the value has none. Inlined with `body`, as ``withText(_:_:)`` is.
    @inline(__always)
    fileprivate func withDecodedValue<R>(_ start: Int, _ end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let hasReference = bytes.withUnsafeBufferPointer { p in
            memchr(p.baseAddress! + start, Int32(UInt8(ascii: "&")), end - start) != nil
        }
        guard hasReference else {
            return bytes.withUnsafeBufferPointer { p in body(UnsafeBufferPointer(rebasing: p[start..<end])) }
        }
        return decodedValue(start, end).withUnsafeBufferPointer(body)
    }

    /// An attribute value's bytes with their references decoded.
    fileprivate func decodedValue(_ start: Int, _ end: Int) -> [UInt8] {
        bytes.withUnsafeBufferPointer { p in
            var out: [UInt8] = []
            out.reserveCapacity(end - start)
            do throws(FeedError) {
                try references.append(p, start, end, into: &out, diagnostics: &diagnostics)
            } catch {
                expansionExceeded = true
            }
            return out
        }
    }
}
