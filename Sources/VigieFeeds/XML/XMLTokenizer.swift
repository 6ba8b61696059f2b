#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A tolerant XML tokenizer over UTF-8 bytes.
///
/// It never reads anything but its input: DOCTYPE declarations (see
/// `XMLTokenizer+DOCTYPE.swift`) are parsed only for
/// internal entity values, which are expanded once, within a byte budget; external
/// entities are recorded and never loaded. Ill-formed input is recovered the way a
/// lenient reader would (unclosed and mismatched tags, stray `<` and `&`, unquoted
/// attributes, content after the root), each recovery reported as a bozo warning.
struct XMLTokenizer {
    let p: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let maxEntityExpansion: Int
    var diagnostics = Diagnostics()
    /// Decodes references in text as it is read; holds the DTD's internal entities.
    var references: ReferenceDecoder
    /// Text whose references were decoded: text events with `decoded: true` point here,
    /// the others into the input, which they match byte for byte.
    var decoded: [UInt8] = []
    private var stack: [XMLQName] = []
    private var attributes: [XMLRawAttribute] = []
    private var rootClosed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxEntityExpansion: Int) {
        self.p = bytes
        self.maxDepth = maxDepth
        self.maxEntityExpansion = maxEntityExpansion
        // Each entity within the limit, and all uses of them together within sixteen times it.
        references = ReferenceDecoder(budget: maxEntityExpansion * 16)
        // Decoded text is shorter than the input it comes from; pages are only touched as
        // they are written, so this costs nothing for a feed without references.
        decoded.reserveCapacity(bytes.count)
        stack.reserveCapacity(32)
        attributes.reserveCapacity(16)
    }

    mutating func run<H: XMLEventHandler>(_ handler: inout H) throws(FeedError) {
        let n = p.count
        guard let base = p.baseAddress, n > 0 else { return }
        var i = 0
        while i < n {
            let lt: Int
            if let found = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) {
                lt = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            } else {
                lt = n
            }
            if lt > i { try emitText(i, lt, &handler) }
            if lt >= n { break }
            i = lt
            if rootClosed {
                trailingContent(from: i)
                break
            }
            guard i + 1 < n else {
                diagnostics.bozo("xml: stray < at end of input")
                break
            }
            let c = p[i + 1]
            if c == UInt8(ascii: "/") {
                i = endTag(at: i, &handler)
            } else if c == UInt8(ascii: "!") {
                i = try bang(at: i, &handler)
            } else if c == UInt8(ascii: "?") {
                i = skipProcessingInstruction(at: i)
            } else if Self.isNameStart(c) {
                i = try startTag(at: i, &handler)
            } else {
                diagnostics.bozo("xml: unescaped < in text")
                if !stack.isEmpty { handler.text(start: i, end: i + 1, decoded: false) }
                i += 1
            }
        }
        if !stack.isEmpty {
            diagnostics.bozo("xml: \(stack.count) element(s) not closed at end of input, first <\(name(stack[0]))>")
            while !stack.isEmpty {
                stack.removeLast()
                handler.endElement(contentEnd: n)
            }
        }
    }

    // MARK: Text

    /// Text as the application sees it: references decoded, in the `decoded` buffer when
    /// there were any.
    @inline(__always)
    private mutating func emitText<H: XMLEventHandler>(_ start: Int, _ end: Int, _ handler: inout H)
        throws(FeedError)
    {
        if !stack.isEmpty {
            guard H.readsText, memchr(p.baseAddress! + start, Int32(UInt8(ascii: "&")), end - start) != nil else {
                handler.text(start: start, end: end, decoded: false)
                return
            }
            let from = decoded.count
            try references.append(p, start, end, into: &decoded, diagnostics: &diagnostics)
            handler.text(start: from, end: decoded.count, decoded: true)
            return
        }
        var i = start
        while i < end, Self.isSpace(p[i]) { i += 1 }
        if i < end {
            diagnostics.bozo(
                rootClosed ? "xml: content after the root element ignored" : "xml: text before the root element ignored"
            )
        }
    }

    private mutating func trailingContent(from start: Int) {
        var i = start
        while i < p.count {
            if Self.isSpace(p[i]) {
                i += 1
            } else if p.hasBytePrefix("<!--", at: i) {
                i = p.firstIndex(of: "-->", from: i + 4).map { $0 + 3 } ?? p.count
            } else if p.hasBytePrefix("<?", at: i) {
                i = p.firstIndex(of: "?>", from: i + 2).map { $0 + 2 } ?? p.count
            } else {
                diagnostics.bozo("xml: content after the root element ignored")
                return
            }
        }
    }

    // MARK: Tags

    private mutating func startTag<H: XMLEventHandler>(at start: Int, _ handler: inout H) throws(FeedError) -> Int {
        let n = p.count
        var j = start + 1
        let qname = scanName(&j)
        attributes.removeAll(keepingCapacity: true)
        var selfClosing = false
        var closed = false
        while j < n {
            let b = p[j]
            if Self.isSpace(b) {
                j += 1
                continue
            }
            if b == UInt8(ascii: ">") {
                j += 1
                closed = true
                break
            }
            if b == UInt8(ascii: "/") {
                if j + 1 < n, p[j + 1] == UInt8(ascii: ">") {
                    selfClosing = true
                    closed = true
                    j += 2
                    break
                }
                j += 1
                continue
            }
            if b == UInt8(ascii: "<") {
                break
            }
            let attributeName = scanName(&j)
            if attributeName.localEnd == attributeName.localStart {
                diagnostics.bozo("xml: invalid character in tag <\(name(qname))>")
                j += 1
                continue
            }
            while j < n, Self.isSpace(p[j]) { j += 1 }
            guard j < n, p[j] == UInt8(ascii: "=") else {
                diagnostics.bozo("xml: attribute without value in <\(name(qname))>")
                attributes.append(XMLRawAttribute(name: attributeName, valueStart: j, valueEnd: j))
                continue
            }
            j += 1
            while j < n, Self.isSpace(p[j]) { j += 1 }
            guard j < n else { break }
            let quote = p[j]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let valueStart = j + 1
                if let close = p.firstIndex(of: quote, from: valueStart, to: n) {
                    attributes.append(XMLRawAttribute(name: attributeName, valueStart: valueStart, valueEnd: close))
                    j = close + 1
                } else {
                    diagnostics.bozo("xml: unterminated attribute value in <\(name(qname))>")
                    let stop = p.firstIndex(of: UInt8(ascii: ">"), from: valueStart, to: n) ?? n
                    attributes.append(XMLRawAttribute(name: attributeName, valueStart: valueStart, valueEnd: stop))
                    j = stop
                }
            } else {
                diagnostics.bozo("xml: unquoted attribute value in <\(name(qname))>")
                let valueStart = j
                while j < n, !Self.isSpace(p[j]), p[j] != UInt8(ascii: ">") { j += 1 }
                attributes.append(XMLRawAttribute(name: attributeName, valueStart: valueStart, valueEnd: j))
            }
        }
        if !closed {
            diagnostics.bozo("xml: start tag <\(name(qname))> not closed")
        }
        if isRecord(qname), let open = stack.lastIndex(where: { sameName($0, qname) }) {
            // An item or entry never contains another: the earlier one was left open.
            diagnostics.bozo("xml: <\(name(qname))> opened inside an unclosed <\(name(qname))>")
            while stack.count > open {
                stack.removeLast()
                handler.endElement(contentEnd: start)
            }
        }
        if stack.count >= maxDepth {
            throw FeedError(.tooDeep, "more than \(maxDepth) nested elements")
        }
        handler.startElement(qname, attributes: attributes, contentStart: j)
        if selfClosing {
            handler.endElement(contentEnd: j)
            if stack.isEmpty { rootClosed = true }
        } else {
            stack.append(qname)
        }
        return j
    }

    private mutating func endTag<H: XMLEventHandler>(at start: Int, _ handler: inout H) -> Int {
        var j = start + 2
        let qname = scanName(&j)
        let close = p.firstIndex(of: UInt8(ascii: ">"), from: j, to: p.count)
        if close == nil { diagnostics.bozo("xml: end tag </\(name(qname))> not closed") }
        let after = close.map { $0 + 1 } ?? p.count
        guard !stack.isEmpty else {
            diagnostics.bozo("xml: end tag </\(name(qname))> without start tag")
            return after
        }
        if sameName(stack[stack.count - 1], qname) {
            stack.removeLast()
            handler.endElement(contentEnd: start)
        } else if let match = stack.lastIndex(where: { sameName($0, qname) }) {
            diagnostics.bozo("xml: <\(name(stack[stack.count - 1]))> closed by </\(name(qname))>")
            while stack.count > match {
                stack.removeLast()
                handler.endElement(contentEnd: start)
            }
        } else {
            diagnostics.bozo("xml: end tag </\(name(qname))> without start tag")
            return after
        }
        if stack.isEmpty { rootClosed = true }
        return after
    }

    private mutating func bang<H: XMLEventHandler>(at start: Int, _ handler: inout H) throws(FeedError) -> Int {
        if p.hasBytePrefix("<!--", at: start) {
            if let close = p.firstIndex(of: "-->", from: start + 4) { return close + 3 }
            diagnostics.bozo("xml: comment not closed")
            return p.count
        }
        if p.hasBytePrefix("<![CDATA[", at: start) {
            let contentStart = start + 9
            let close = p.firstIndex(of: "]]>", from: contentStart)
            if close == nil { diagnostics.bozo("xml: CDATA section not closed") }
            let contentEnd = close ?? p.count
            if !stack.isEmpty {
                handler.cdata(start: contentStart, end: contentEnd)
            } else if contentEnd > contentStart {
                diagnostics.bozo("xml: CDATA outside the root element ignored")
            }
            return min(contentEnd + 3, p.count)
        }
        if ASCII.hasPrefixIgnoringCase(p, at: start, "<!DOCTYPE") {
            return try doctype(at: start)
        }
        diagnostics.bozo("xml: unknown <! declaration")
        return skipTag(from: start + 2)
    }

    private mutating func skipProcessingInstruction(at start: Int) -> Int {
        if start > 0, p.hasBytePrefix("<?xml", at: start), start + 5 < p.count, Self.isSpace(p[start + 5]) {
            // Typically blank lines printed by a blog plugin before the feed.
            diagnostics.bozo("xml: XML declaration not at the start of the document")
        }
        if let close = p.firstIndex(of: "?>", from: start + 2) { return close + 2 }
        diagnostics.bozo("xml: processing instruction not closed")
        return skipTag(from: start + 2)
    }

    // MARK: Scanning helpers

    /// Reads a (possibly prefixed) name; stops at space, `>`, `/`, `=`, `<` or a quote.
    @inline(__always)
    private func scanName(_ j: inout Int) -> XMLQName {
        let n = p.count
        let start = j
        var colon = -1
        while j < n {
            let b = p[j]
            if b == UInt8(ascii: ":") {
                if colon < 0 { colon = j }
            } else if !Self.isNameByte(b) {
                break
            }
            j += 1
        }
        if colon >= 0, colon > start, colon + 1 < j {
            return XMLQName(prefixStart: start, prefixEnd: colon, localStart: colon + 1, localEnd: j)
        }
        return XMLQName(prefixStart: start, prefixEnd: start, localStart: start, localEnd: j)
    }

    /// `item` and `entry`, whatever their prefix.
    @inline(__always)
    private func isRecord(_ q: XMLQName) -> Bool {
        let length = q.localEnd - q.localStart
        guard length == 4 || length == 5 else { return false }
        let base = p.baseAddress! + q.localStart
        return length == 4 ? memcmp(base, "item", 4) == 0 : memcmp(base, "entry", 5) == 0
    }

    private func sameName(_ a: XMLQName, _ b: XMLQName) -> Bool {
        let aLength = a.localEnd - a.start
        guard aLength == b.localEnd - b.start else { return false }
        return memcmp(p.baseAddress! + a.start, p.baseAddress! + b.start, aLength) == 0
    }

    func name(_ q: XMLQName) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[q.start..<min(q.localEnd, q.start + 64)]), as: UTF8.self)
    }

    @inline(__always)
    /// The index after the `>` ending a declaration, honouring quotes.
    func skipTag(from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        while i < p.count {
            let b = p[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i + 1
            }
            i += 1
        }
        return p.count
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    @inline(__always)
    static func isNameStart(_ b: UInt8) -> Bool {
        ASCII.isLetter(b) || b == UInt8(ascii: "_") || b >= 0x80
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || ASCII.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
}