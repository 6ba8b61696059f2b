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
