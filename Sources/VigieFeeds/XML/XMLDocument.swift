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
