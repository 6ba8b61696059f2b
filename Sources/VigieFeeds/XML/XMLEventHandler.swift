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
    /// False for a handler that never reads text, so the tokenizer need not decode it.
    static var readsText: Bool { get }
    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int)
    mutating func endElement(contentEnd: Int)
    /// Character data with references decoded: a range of the tokenizer's `decoded`
    /// buffer when `decoded`, else of the input.
    mutating func text(start: Int, end: Int, decoded: Bool)
    mutating func cdata(start: Int, end: Int)
}

extension XMLEventHandler {
    static var readsText: Bool { true }
}
