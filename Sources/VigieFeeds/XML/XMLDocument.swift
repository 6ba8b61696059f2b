/// A parsed XML document as flat arrays of nodes, attributes and text segments that point
/// into the UTF-8 input: no string is made until a mapper asks for one.
final class XMLDocument {
    // Offsets and indices are stored in 32 bits (the parser refuses input past 1 GiB), which
    // halves what is written per element and per run of text.

    /// An offset or index kept in 32 bits, read and written as `Int`. Every value fits, so
    /// the conversion is only checked in debug builds: ``FeedParser/largestInput`` bounds
    /// the input and so the number of nodes, and ``parse(_:options:diagnostics:)`` what
    /// entities may add to the decoded text.
    @propertyWrapper
    struct Offset32 {
        private var value: Int32

        @inline(__always)
        init(wrappedValue: Int) {
            assert(Int32(exactly: wrappedValue) != nil, "an offset past 32 bits")
            value = Int32(truncatingIfNeeded: wrappedValue)
        }

        var wrappedValue: Int {
            @inline(__always) get { Int(value) }
            @inline(__always) set {
                assert(Int32(exactly: newValue) != nil, "an offset past 32 bits")
                value = Int32(truncatingIfNeeded: newValue)
            }
        }
    }

    struct Node {
        var ns: XMLNamespace
        @Offset32 var localStart: Int
        @Offset32 var localEnd: Int
        @Offset32 var parent: Int
        @Offset32 var firstChild = -1
        @Offset32 var nextSibling = -1
        @Offset32 var attributeStart: Int
        @Offset32 var attributeEnd: Int
        @Offset32 var contentStart: Int
        @Offset32 var contentEnd: Int
        @Offset32 var segmentStart: Int
        @Offset32 var segmentEnd: Int
    }

    /// An element of ``topLevelChildren(_:)``'s list, with its parent: the list is read
    /// for one parent's children without reading the nodes of the others. The children
    /// that ``topLevelChildren(_:)`` gives are these too.
    struct TopLevelElement {
        @Offset32 var node: Int
        @Offset32 var parent: Int
        var ns: XMLNamespace
        var record: RecordName
    }

    /// Whether an element is named `item` or `entry` (in any namespace), the names of a
    /// feed's records: noted for the top-level elements, so that a mapper finds the records
    /// among a channel's children without reading their nodes and names.
    enum RecordName: UInt8 {
        case other, item, entry

        /// The record name of the element whose local name is the `length` bytes at `name`.
        @inline(__always)
        init(name: UnsafePointer<UInt8>, length: Int) {
            self =
                length == 4 && isName(name, "item") ? .item : length == 5 && isName(name, "entry") ? .entry : .other
        }
    }

    struct Attribute {
        var ns: XMLNamespace
        @Offset32 var localStart: Int
        @Offset32 var localEnd: Int
        @Offset32 var valueStart: Int
        @Offset32 var valueEnd: Int
    }

    /// A run of character data, references already decoded: in `decoded` when
    /// `inDecoded`, else in `bytes` (text without references, CDATA).
    struct Segment {
        @Offset32 var start: Int
        @Offset32 var end: Int
        @Offset32 var owner: Int
        var inDecoded: Bool
    }

    let bytes: [UInt8]
    /// Text whose references the tokenizer decoded.
    let decoded: [UInt8]
    /// The same two buffers, for the texts of entries to point into.
    let input: TextStorage
    let decodedText: TextStorage
    /// Texts made by the mappers: plain text from HTML, collapsed text.
    let plain: TextStorage
    /// Element texts joined from several runs. They are kept apart from `plain` because
    /// plain text is made while one of them is read: appending to the storage being read
    /// would copy all of it each time, which a feed of many such texts would make quadratic.
    let joined: TextStorage
    let nodes: FlatBuffer<Node>
    let attributes: FlatBuffer<Attribute>
    let segments: FlatBuffer<Segment>
    /// The elements at depth 1, and at depth 2 but not inside an `item` or `entry`, in order.
    private let topLevel: FlatBuffer<TopLevelElement>
    /// Whether any element carries `xml:base`, so links may need resolving without a feed URL.
    let hasXMLBase: Bool
    var diagnostics: Diagnostics
    /// Decodes attribute values on demand, with the tokenizer's entities and what remains
    /// of its expansion budget.
    var references: ReferenceDecoder
    var expansionExceeded = false

    /// The document `built` made of `bytes`, the text whose references the tokenizer
    /// decoded in `decoded`.
    init(
        bytes: [UInt8], decoded: [UInt8], built: XMLDocumentBuilder, diagnostics: Diagnostics,
        references: ReferenceDecoder
    ) {
        self.bytes = bytes
        self.decoded = decoded
        nodes = built.nodes
        attributes = built.attributes
        segments = built.segments
        topLevel = built.topLevel
        hasXMLBase = built.sawXMLBase
        input = TextStorage(bytes)
        decodedText = TextStorage(decoded)
        // Plain text is mostly made from the decoded text (escaped HTML) or the input (CDATA).
        plain = TextStorage(capacity: max(decoded.count, bytes.count / 2))
        joined = TextStorage(capacity: 256)
        self.diagnostics = diagnostics
        self.references = references
    }

    var root: Int? { nodes.isEmpty ? nil : 0 }

    // MARK: Names

    @inline(__always)
    func isNamed(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> Bool {
        let n = nodes[node]
        return n.ns == ns && equals(n.localStart, n.localEnd, local)
    }

    @inline(__always)
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
        end - start == literal.utf8CodeUnitCount && bytes.withUnsafeBufferPointer { isName($0.baseAddress! + start, literal) }
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

    /// The children of the root, or of a child of the root not named `item` or `entry` (a
    /// channel), in order; of any other element, ``children(_:)``.
    ///
    /// A feed's items are children of one of these, thousands of siblings apart in the node
    /// list. Following the chain of siblings reads each item's node in turn, every read
    /// waiting on the one before, and its name in the input; the builder's list gives each
    /// child with its namespace and record name, and reads neither.
    func topLevelChildren(_ node: Int) -> TopLevelChildren {
        let n = nodes[node]
        let covered = node == 0 || (n.parent == 0 && recordName(node) == .other)
        return TopLevelChildren(document: self, parent: node, index: 0, children: covered ? nil : children(node))
    }

    /// The element's ``RecordName``, from its name.
    func recordName(_ node: Int) -> RecordName {
        let n = nodes[node]
        return bytes.withUnsafeBufferPointer {
            RecordName(name: $0.baseAddress! + n.localStart, length: n.localEnd - n.localStart)
        }
    }

    struct TopLevelChildren: Sequence, IteratorProtocol {
        let document: XMLDocument
        let parent: Int
        var index: Int
        var children: ChildSequence?

        mutating func next() -> TopLevelElement? {
            if children != nil {
                guard let node = children!.next() else { return nil }
                return TopLevelElement(
                    node: node, parent: parent, ns: document.nodes[node].ns, record: document.recordName(node))
            }
            let list = document.topLevel
            while index < list.count {
                let element = list[index]
                index += 1
                if element.parent == parent { return element }
            }
            return nil
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
}

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

/// Element text: the runs of one element, joined only when there are several, and the
/// texts the mappers keep with the document.
extension XMLDocument {
    /// The element's own text (not its children's), references decoded, CDATA as is.
    func text(_ node: Int) -> String {
        withText(node) { String(decoding: $0, as: UTF8.self) }
    }

    /// The element's own text without leading and trailing ASCII whitespace; nil when
    /// nothing is left.
    func trimmedText(_ node: Int) -> String? {
        withText(node) { p in
            let range = p.rangeTrimmingASCIIWhitespace()
            return range.isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
        }
    }

    /// Calls `body` with the element's own text as UTF-8, without making a string when the
    /// text is one run (nearly always). Inlined, so that `body` is too: a closure passed to
    /// a call is given a copy of what it captures, a mapper's context, retained and released
    /// for every field read.
    @inline(__always)
    func withText<R>(_ node: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = nodes[node]
        if n.segmentEnd - n.segmentStart == 1, segments[n.segmentStart].owner == node {
            return withSegment(segments[n.segmentStart], body)
        }
        return joinedText(node).withUnsafeBufferPointer(body)
    }

    /// The element's own text from its runs, joined.
    private func joinedText(_ node: Int) -> [UInt8] {
        let n = nodes[node]
        var out: [UInt8] = []
        var index = n.segmentStart
        while index < n.segmentEnd {
            let s = segments[index]
            if s.owner == node {
                withSegment(s) { out.append(contentsOf: $0) }
            }
            index += 1
        }
        return out
    }

    /// Each array is read where it is: choosing one first would copy it, a retain and a
    /// release per call.
    @inline(__always)
    private func withSegment<R>(_ s: Segment, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if s.inDecoded {
            return decoded.withUnsafeBufferPointer { p in body(UnsafeBufferPointer(rebasing: p[s.start..<s.end])) }
        }
        return bytes.withUnsafeBufferPointer { p in body(UnsafeBufferPointer(rebasing: p[s.start..<s.end])) }
    }

    /// The element's content as written, markup included (XHTML content, unescaped HTML).
    func innerXML(_ node: Int) -> String {
        innerXMLText(node).string
    }

    /// The element's own text as a ``FeedText``: a slice of the input or of the decoded
    /// text when it is one run, a copy of its runs otherwise.
    ///
    /// Runs of whitespace only around one other run, as in CDATA written on a line of its own,
    /// are left out, so that the text is still a slice: this is only for callers that trim
    /// the text or strip it of markup, for which such whitespace changes nothing.
    func textValue(_ node: Int) -> FeedText {
        let n = nodes[node]
        // The one run that is not whitespace only; else the first run, when all are.
        var content: Segment?
        var whitespace: Segment?
        for index in n.segmentStart..<n.segmentEnd where segments[index].owner == node {
            let s = segments[index]
            if isWhitespace(s) {
                whitespace = whitespace ?? s
            } else if content == nil {
                content = s
            } else {
                return withText(node) { joined.append($0) }
            }
        }
        guard let s = content ?? whitespace else { return input.text(0, 0) }
        return s.inDecoded ? decodedText.text(s.start, s.end) : input.text(s.start, s.end)
    }

    /// Whether a run is XML whitespace only.
    private func isWhitespace(_ s: Segment) -> Bool {
        withSegment(s) { $0.allSatisfy(XMLTokenizer.isSpace) }
    }

    /// The element's content as written, as a slice of the input.
    func innerXMLText(_ node: Int) -> FeedText {
        let n = nodes[node]
        return input.text(n.contentStart, max(n.contentStart, n.contentEnd))
    }

    /// Bytes handed out by ``withText(_:_:)`` or ``withAttribute(_:_:_:_:)`` as a text: a
    /// slice of the input or of the decoded text when they are in one of them (a single run,
    /// a value without references), else a copy kept with the document's other texts.
    func text(of p: UnsafeBufferPointer<UInt8>) -> FeedText {
        guard let address = p.baseAddress else { return input.text(0, 0) }
        func slice(of storage: TextStorage) -> FeedText? {
            let start = storage.withBytes { bytes -> Int? in
                guard let base = bytes.baseAddress, address >= base, address + p.count <= base + bytes.count else {
                    return nil
                }
                return address - base
            }
            return start.map { storage.text($0, $0 + p.count) }
        }
        return slice(of: input) ?? slice(of: decodedText) ?? plain.append(p)
    }

    /// Valid UTF-8 with its whitespace collapsed (``HTMLText/collapsingWhitespace(utf8:)``),
    /// as a text: the bytes themselves, by ``text(of:)``, when there is nothing to collapse.
    func collapsedText(of p: UnsafeBufferPointer<UInt8>) -> FeedText {
        HTMLText.isCollapsed(p) ? text(of: p) : storedText(HTMLText.collapsedCopy(utf8: p))
    }

    /// ``trimmedText(_:)`` as a text.
    func trimmedTextValue(_ node: Int) -> FeedText? {
        withText(node) { p in
            let range = p.rangeTrimmingASCIIWhitespace()
            return range.isEmpty ? nil : text(of: UnsafeBufferPointer(rebasing: p[range]))
        }
    }

    /// ``attribute(_:_:_:)`` as a text.
    func attributeValue(_ node: Int, _ ns: XMLNamespace, _ local: StaticString) -> FeedText? {
        withAttribute(node, ns, local) { text(of: $0) }
    }

    /// A string kept with the document's other texts.
    func storedText(_ text: String) -> FeedText {
        var text = text
        return text.withUTF8 { plain.append($0) }
    }

    /// Readable plain text from HTML bytes, kept with the document's other texts.
    func plainText(fromHTML p: UnsafeBufferPointer<UInt8>) -> FeedText {
        HTMLText.plainText(utf8: p, into: plain)
    }
}
