/// A qualified name as byte offsets into the input; `prefixStart == prefixEnd` when the
/// name has no prefix.
struct XMLQName {
    var prefixStart: Int
    var prefixEnd: Int
    var localStart: Int
    var localEnd: Int

    var hasPrefix: Bool { prefixEnd > prefixStart }
    var start: Int { hasPrefix ? prefixStart : localStart }
}

struct XMLRawAttribute {
    var name: XMLQName
    var valueStart: Int
    var valueEnd: Int
}

/// Receives the events of ``XMLTokenizer``, always properly nested.
protocol XMLEventHandler {
    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int)
    mutating func endElement(contentEnd: Int)
    mutating func text(start: Int, end: Int)
    mutating func cdata(start: Int, end: Int)
}
