#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds an ``XMLDocument`` from tokenizer events, resolving namespace prefixes.
struct XMLDocumentBuilder: XMLEventHandler {
    private let p: UnsafeBufferPointer<UInt8>
    let nodes: FlatBuffer<XMLDocument.Node>
    let attributes: FlatBuffer<XMLDocument.Attribute>
    let segments: FlatBuffer<XMLDocument.Segment>
    /// The elements at depth 1, and at depth 2 but not inside an `item` or `entry`, in order:
    /// the children of the root and of its other children, which the mappers walk.
    let topLevel: FlatBuffer<XMLDocument.TopLevelElement>
    var diagnostics = Diagnostics()
    /// Whether any element carries `xml:base`.
    private(set) var sawXMLBase = false
    /// Whether the depth-1 element open is an `item` or `entry`.
    private var inTopLevelRecord = false
    /// The innermost open element (-1 before the root) and its last child so far (-1 for
    /// none), kept in the builder rather than on the stack: every event reads them.
    private var current = -1
    private var currentLastChild = -1
    /// The number of open elements.
    private var depth = 0
    /// The elements open around `current`, innermost last, each with its last child.
    private let open = FlatBuffer<OpenElement>(capacity: 32)

    private struct OpenElement {
        var node: Int
        var lastChild: Int
    }

    private struct Binding {
        var prefixStart: Int
        var prefixEnd: Int
        var ns: XMLNamespace
        var depth: Int
    }

    private var bindings: [Binding] = []
    private var defaults: [(ns: XMLNamespace, depth: Int)] = []
    /// The default namespace in scope, and the depths of the innermost prefix and default
    /// declarations (-1 for none): most end tags close no scope, which these tell at once.
    private var defaultNS = XMLNamespace.none
    private var bindingDepth = -1
    private var defaultDepth = -1
    private var undeclared: [String: XMLNamespace] = [:]

    init(_ bytes: UnsafeBufferPointer<UInt8>, capacity: Int) {
        p = bytes
        nodes = FlatBuffer(capacity: capacity)
        segments = FlatBuffer(capacity: capacity)
        attributes = FlatBuffer(capacity: capacity / 2)
        topLevel = FlatBuffer(capacity: capacity / 8)
    }

    @inline(__always)
    mutating func startElement(_ name: XMLQName, attributes raw: [XMLRawAttribute], contentStart: Int) {
        // Most elements have no attribute: their namespace is the default in scope or their
        // prefix's, and nothing else is to be read. This is inlined in the tokenizer; the
        // rest is not, to keep the tokenizer's loop small.
        if raw.isEmpty {
            let ns = name.hasPrefix ? resolve(name.prefixStart, name.prefixEnd) : defaultNS
            appendNode(ns: ns, name: name, attributeStart: attributes.count, contentStart: contentStart)
            return
        }
        startElement(name, declaringOrHolding: raw, contentStart: contentStart)
    }

    @inline(never)
    private mutating func startElement(
        _ name: XMLQName, declaringOrHolding raw: [XMLRawAttribute], contentStart: Int
    ) {
        // Declarations first: they apply to the element that carries them.
        for attribute in raw {
            let q = attribute.name
            if q.hasPrefix {
                if equals(q.prefixStart, q.prefixEnd, "xmlns") {
                    let uri = UnsafeBufferPointer(rebasing: p[attribute.valueStart..<attribute.valueEnd])
                    bindings.append(
                        Binding(
                            prefixStart: q.localStart, prefixEnd: q.localEnd, ns: XMLNamespace.forURI(utf8: uri),
                            depth: depth))
                    bindingDepth = depth
                }
            } else if equals(q.localStart, q.localEnd, "xmlns") {
                let uri = UnsafeBufferPointer(rebasing: p[attribute.valueStart..<attribute.valueEnd])
                defaultNS = uri.isEmpty ? .none : XMLNamespace.forURI(utf8: uri)
                defaults.append((defaultNS, depth))
                defaultDepth = depth
            }
        }
        let ns = name.hasPrefix ? resolve(name.prefixStart, name.prefixEnd) : defaultNS
        let attributeStart = attributes.count
        for attribute in raw {
            let q = attribute.name
            if q.hasPrefix {
                if equals(q.prefixStart, q.prefixEnd, "xmlns") { continue }
                let ns = resolve(q.prefixStart, q.prefixEnd)
                if ns == .xml, equals(q.localStart, q.localEnd, "base") { sawXMLBase = true }
                attributes.append(
                    XMLDocument.Attribute(
                        ns: ns, localStart: q.localStart, localEnd: q.localEnd,
                        valueStart: attribute.valueStart, valueEnd: attribute.valueEnd))
            } else {
                if equals(q.localStart, q.localEnd, "xmlns") { continue }
                attributes.append(
                    XMLDocument.Attribute(
                        ns: .none, localStart: q.localStart, localEnd: q.localEnd,
                        valueStart: attribute.valueStart, valueEnd: attribute.valueEnd))
            }
        }
        appendNode(ns: ns, name: name, attributeStart: attributeStart, contentStart: contentStart)
    }

    /// Adds the element's node, links it to its parent and last sibling, and opens it.
    @inline(__always)
    private mutating func appendNode(ns: XMLNamespace, name: XMLQName, attributeStart: Int, contentStart: Int) {
        let index = nodes.count
        let parent = current
        nodes.append(
            XMLDocument.Node(
                ns: ns, localStart: name.localStart, localEnd: name.localEnd, parent: parent,
                attributeStart: attributeStart, attributeEnd: attributes.count,
                contentStart: contentStart, contentEnd: contentStart,
                segmentStart: segments.count, segmentEnd: segments.count))
        if depth == 1 {
            let record = recordName(name)
            inTopLevelRecord = record != .other
            topLevel.append(XMLDocument.TopLevelElement(node: index, parent: parent, ns: ns, record: record))
        } else if depth == 2, !inTopLevelRecord {
            topLevel.append(XMLDocument.TopLevelElement(node: index, parent: parent, ns: ns, record: recordName(name)))
        }
        if parent >= 0 {
            if currentLastChild >= 0 {
                nodes[currentLastChild].nextSibling = index
            } else {
                nodes[parent].firstChild = index
            }
            open.append(OpenElement(node: parent, lastChild: index))
        }
        current = index
        currentLastChild = -1
        depth += 1
    }

    @inline(__always)
    mutating func endElement(contentEnd: Int) {
        let index = current
        guard index >= 0 else { return }
        nodes[index].contentEnd = max(contentEnd, nodes[index].contentStart)
        nodes[index].segmentEnd = segments.count
        if let parent = open.last {
            open.removeLast()
            current = parent.node
            currentLastChild = parent.lastChild
        } else {
            current = -1
            currentLastChild = -1
        }
        depth -= 1
        if bindingDepth >= depth {
            while let last = bindings.last, last.depth >= depth { bindings.removeLast() }
            bindingDepth = bindings.last?.depth ?? -1
        }
        if defaultDepth >= depth {
            while let last = defaults.last, last.depth >= depth { defaults.removeLast() }
            defaultNS = defaults.last?.ns ?? .none
            defaultDepth = defaults.last?.depth ?? -1
        }
    }

    @inline(__always)
    mutating func text(start: Int, end: Int, decoded: Bool) {
        guard current >= 0 else { return }
        segments.append(XMLDocument.Segment(start: start, end: end, owner: current, inDecoded: decoded))
    }

    mutating func cdata(start: Int, end: Int) {
        guard current >= 0 else { return }
        segments.append(XMLDocument.Segment(start: start, end: end, owner: current, inDecoded: false))
    }

    @inline(__always)
    private func recordName(_ name: XMLQName) -> XMLDocument.RecordName {
        XMLDocument.RecordName(name: p.baseAddress! + name.localStart, length: name.localEnd - name.localStart)
    }

    private mutating func resolve(_ start: Int, _ end: Int) -> XMLNamespace {
        let length = end - start
        for binding in bindings.reversed() where binding.prefixEnd - binding.prefixStart == length {
            if memcmp(p.baseAddress! + binding.prefixStart, p.baseAddress! + start, length) == 0 { return binding.ns }
        }
        if equals(start, end, "xml") { return .xml }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        if let known = undeclared[prefix] { return known }
        diagnostics.bozo("xml: undeclared namespace prefix \(prefix)")
        let guess = XMLNamespace.forUndeclaredPrefix(prefix)
        undeclared[prefix] = guess
        return guess
    }

    @inline(__always)
    private func equals(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        end - start == literal.utf8CodeUnitCount && isName(p.baseAddress! + start, literal)
    }
}

extension XMLDocument {
    /// Tokenizes `bytes` (UTF-8) into a document.
    static func parse(_ bytes: [UInt8], options: FeedParser.Options, diagnostics: Diagnostics) throws(FeedError)
        -> XMLDocument
    {
        var tokenizerDiagnostics = Diagnostics()
        var references = ReferenceDecoder(budget: 0)
        var decoded: [UInt8] = []
        var built: XMLDocumentBuilder?
        let result: Result<Void, FeedError> = bytes.withUnsafeBufferPointer { p in
            var tokenizer = XMLTokenizer(
                p, maxDepth: options.maxDepth,
                maxEntityExpansion: min(options.maxEntityExpansion, FeedParser.largestInput))
            // Offsets into the decoded text are kept in 32 bits: what entities add is held
            // to what the input leaves of them, whatever the options allow.
            tokenizer.references.budget = min(tokenizer.references.budget, Int(Int32.max) - p.count)
            var builder = XMLDocumentBuilder(p, capacity: max(16, p.count / 64))
            do throws(FeedError) {
                try tokenizer.run(&builder)
            } catch {
                return .failure(error)
            }
            tokenizerDiagnostics = tokenizer.diagnostics
            references = tokenizer.references
            decoded = tokenizer.decoded
            built = builder
            return .success(())
        }
        if case .failure(let error) = result { throw error }
        guard let built else { preconditionFailure("a tokenizer run that succeeded built no document") }
        var all = diagnostics
        all.merge(tokenizerDiagnostics)
        all.merge(built.diagnostics)
        return XMLDocument(bytes: bytes, decoded: decoded, built: built, diagnostics: all, references: references)
    }
}
