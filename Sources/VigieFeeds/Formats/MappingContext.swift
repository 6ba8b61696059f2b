import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What every XML format mapper needs: the document, the feed's URL, and the rules for
/// text, links, languages and authors that are common to RSS and Atom.
struct MappingContext {
    let document: XMLDocument
    let feedURL: String?

    /// Plain text and, when the value carries markup, the HTML it came from.
    struct Text {
        var plain: FeedText
        var html: FeedText?
    }

    /// Sets an entry's text field and its HTML variant from a mapped text, both nil when it
    /// is. The text is taken apart, not copied: a copy costs a retain and a release per part.
    static func set(_ plain: inout FeedText?, _ html: inout FeedText?, _ text: consuming Text?) {
        switch consume text {
        case .some(let text):
            plain = text.plain
            html = text.html
        case .none:
            plain = nil
            html = nil
        }
    }

    // MARK: Text

    /// An element whose content may be HTML (escaped, in CDATA, or unescaped in place).
    func htmlOrText(_ node: Int) -> Text? {
        let raw = document.hasElementChildren(node) ? document.innerXMLText(node) : document.textValue(node)
        return safeHTML(text(fromPossibleHTML: raw), at: node)
    }

    /// The HTML made safe by ``HTMLSanitizer``, its relative links resolved against the
    /// base in scope at `node`: no publisher's HTML leaves the parser otherwise. HTML with
    /// nothing safe in it is nil.
    func safeHTML(_ text: consuming Text?, at node: Int) -> Text? {
        guard var text, let html = text.html else { return text }
        let hasBase = feedURL != nil || document.hasXMLBase
        if let safe = html.withUTF8({ HTMLSanitizer.sanitize(utf8: $0, base: hasBase ? base(at: node) : nil) }) {
            let trimmed = safe.trimmingASCIIWhitespace()
            text.html = trimmed.isEmpty ? nil : FeedText(trimmed)
            if text.html == nil, text.plain.isEmpty { return nil }
        }
        return text
    }

    func text(fromPossibleHTML raw: String) -> Text? {
        text(fromPossibleHTML: FeedText(raw))
    }

    /// Plain text from text that may be HTML, and the HTML when it is.
    func text(fromPossibleHTML written: FeedText) -> Text? {
        // Repaired once: text that still looks double-encoded afterwards is read as it is.
        let raw = written.withUTF8(Mojibake.mayContain) ? FeedText(Mojibake.repair(written.string)) : written
        return raw.withUTF8 { p -> Text? in
            let plain = document.plainText(fromHTML: p)
            let markup = Self.containsMarkup(p)
            guard !plain.isEmpty || markup else { return nil }
            return Text(plain: plain, html: markup ? raw.trimmingASCIIWhitespace() : nil)
        }
    }

    /// A plain text element (titles in RSS are plain but often carry entities or tags): the
    /// plain text ``htmlOrText(_:)`` gives, nil when empty.
    func plainTextValue(_ node: Int) -> FeedText? {
        guard let plain = shortHTMLOrText(node)?.plain, !plain.isEmpty else { return nil }
        return plain
    }

    /// ``plainTextValue(_:)`` as a string, for the feed's own fields.
    func plainText(_ node: Int) -> String? {
        plainTextValue(node)?.string
    }

    /// ``htmlOrText(_:)`` for short fields such as titles. Text that would come out of it
    /// as it went in, nearly every title, is kept as the element's own bytes: nothing is
    /// written for it.
    func shortHTMLOrText(_ node: Int) -> Text? {
        if !document.hasElementChildren(node) {
            let value = document.textValue(node)
            if value.withUTF8(HTMLText.isPlainAsWritten), !value.withUTF8(Mojibake.mayContain) {
                return value.isEmpty ? nil : Text(plain: value, html: nil)
            }
        }
        return htmlOrText(node)
    }

    /// An Atom text construct: `type` is text (default), html or xhtml (Atom 0.3: MIME
    /// types and `mode="escaped"`).
    func atomText(_ node: Int) -> Text? {
        safeHTML(atomTextAsWritten(node), at: node)
    }

    /// ``atomText(_:)`` for short fields such as titles. Plain text with nothing to
    /// collapse, nearly every title, is kept as the element's own bytes.
    func shortAtomText(_ node: Int) -> Text? {
        if !document.hasElementChildren(node), isPlainAtomText(node) {
            let value = document.textValue(node)
            if value.withUTF8(HTMLText.isCollapsed) { return value.isEmpty ? nil : Text(plain: value, html: nil) }
        }
        return atomText(node)
    }

    /// Whether an Atom text construct is declared plain text (the default), neither
    /// markup nor base64.
    private func isPlainAtomText(_ node: Int) -> Bool {
        atomTextType(node) == .text && !isBase64(node)
    }

    /// What an Atom text construct's `type` declares, read without making a string: text
    /// when it has none, as Atom says, or any type other than HTML and XHTML.
    private enum AtomTextType {
        case text, html, xhtml
    }

    private func atomTextType(_ node: Int) -> AtomTextType {
        guard let type = document.attributeIndex(node, .none, "type") else { return .text }
        if document.attributeValue(at: type, equalsIgnoringCase: "html")
            || document.attributeValue(at: type, equalsIgnoringCase: "text/html")
        {
            return .html
        }
        if document.attributeValue(at: type, equalsIgnoringCase: "xhtml")
            || document.attributeValue(at: type, equalsIgnoringCase: "application/xhtml+xml")
        {
            return .xhtml
        }
        return .text
    }

    /// Whether an Atom text is base64: Atom 0.3's `mode="base64"`, or a media type that is
    /// neither text nor XML (RFC 4287, 4.1.3.3).
    private func isBase64(_ node: Int) -> Bool {
        if atomMode(node, is: "base64") { return true }
        return document.withAttribute(node, .none, "type") { p -> Bool in
            // Without a slash, nearly every type (`html`), or in ASCII, read from the bytes.
            guard p.contains(UInt8(ascii: "/")) else { return false }
            if p.allSatisfy({ $0 < 0x80 }) { return Self.isBinaryMediaType(p) }
            let type = String(decoding: p, as: UTF8.self).trimmingASCIIWhitespace().lowercased()
            guard type.contains("/") else { return false }
            return !(type.hasPrefix("text/") || type.hasSuffix("/xml") || type.hasSuffix("+xml"))
        } ?? false
    }

    /// ``isBase64(_:)``'s test of an ASCII media type holding a slash, on its bytes: not
    /// `text/…`, `…/xml` nor `…+xml`, in any case, once trimmed.
    private static func isBinaryMediaType(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = p.rangeTrimmingASCIIWhitespace()
        let type = UnsafeBufferPointer(rebasing: p[range])
        func matches(_ pattern: StaticString, at start: Int) -> Bool {
            let count = pattern.utf8CodeUnitCount
            guard start >= 0, start + count <= type.count else { return false }
            for k in 0..<count where ASCII.lowercased(type[start + k]) != pattern.utf8Start[k] { return false }
            return true
        }
        return !(matches("text/", at: 0) || matches("/xml", at: type.count - 4) || matches("+xml", at: type.count - 4))
    }

    /// Whether an Atom 0.3 text construct's `mode` is `mode`, in any case.
    private func atomMode(_ node: Int, is mode: StaticString) -> Bool {
        guard let index = document.attributeIndex(node, .none, "mode") else { return false }
        return document.attributeValue(at: index, equalsIgnoringCase: mode)
    }

    private func atomTextAsWritten(_ node: Int) -> Text? {
        if isBase64(node) {
            guard
                let data = Data(
                    base64Encoded: document.text(node).trimmingASCIIWhitespace(), options: .ignoreUnknownCharacters)
            else { return nil }
            return text(fromPossibleHTML: String(decoding: data, as: UTF8.self))
        }
        switch atomTextType(node) {
        case .xhtml:
            // Atom 1.0 wraps XHTML in a div that is not part of the text; Atom 0.3's div is.
            let div = document.nodes[node].ns == .atom03 ? nil : document.firstChild(node, .xhtml, "div")
            var html = document.innerXML(div ?? node).trimmingASCIIWhitespace()
            if let div, let prefix = document.prefix(div) {
                // XHTML written with a prefix (<h:p>) becomes plain HTML (<p>).
                html = html.replacingOccurrences(of: "<\(prefix):", with: "<").replacingOccurrences(
                    of: "</\(prefix):", with: "</")
            }
            let plain = FeedText(HTMLText.plainText(html))
            // Text with no element in it and nothing to escape (`&#x41;`) is plain text.
            let markup = html.withUTF8(Self.containsMarkup) || plain.containsBytes("<") || plain.containsBytes("&")
            return plain.isEmpty && !markup ? nil : Text(plain: plain, html: markup ? FeedText(html) : nil)
        case .html:
            if atomMode(node, is: "xml") || document.hasElementChildren(node) {
                return text(fromPossibleHTML: document.innerXMLText(node))
            }
            let html = document.textValue(node)
            let (plain, markup) = html.withUTF8 { (document.plainText(fromHTML: $0), Self.containsMarkup($0)) }
            // Markup without text (an image) is still content.
            return plain.isEmpty && !markup ? nil : Text(plain: plain, html: html.trimmingASCIIWhitespace())
        case .text:
            if document.hasElementChildren(node) {
                // Declared text but holding elements: read what a person would see. The XML
                // is well-formed, so this is a note, not bozo (as in feedparser).
                document.diagnostics.note("atom: markup inside a text construct <\(document.localName(node))>")
                return text(fromPossibleHTML: document.innerXMLText(node))
            }
            let plain = document.withText(node) { document.collapsedText(of: $0) }
            return plain.isEmpty ? nil : Text(plain: plain, html: nil)
        }
    }

    static func containsMarkup(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count > 1, let base = p.baseAddress else { return false }
        var i = 0
        while i < p.count - 1 {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), p.count - 1 - i) else { return false }
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            let next = p[at + 1]
            if ASCII.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") { return true }
            i = at + 1
        }
        return false
    }

    // MARK: Links

    /// The element's text as a link, resolved as ``link(utf8:at:)`` does: an absolute link,
    /// the usual case, is the element's own bytes.
    func link(text node: Int) -> FeedText? {
        document.withText(node) { link(utf8: $0, at: node) }
    }

    /// The attribute at `index` as a link, or the element's text when there is none (Atom 0.3
    /// writes links so): for an element whose attributes were found at once.
    func link(attribute index: Int?, orTextOf node: Int) -> FeedText? {
        guard let index else { return link(text: node) }
        return document.withAttributeValue(at: index) { link(utf8: $0, at: node) }
    }

    /// The element's `href` attribute as a link.
    func link(href node: Int) -> FeedText? {
        document.withAttribute(node, .none, "href") { link(utf8: $0, at: node) } ?? nil
    }

    /// A link resolved against `xml:base` in scope at `node`, then the feed's URL.
    func link(utf8 p: UnsafeBufferPointer<UInt8>, at node: Int) -> FeedText? {
        let range = p.rangeTrimmingASCIIWhitespace()
        guard !range.isEmpty else { return nil }
        let trimmed = UnsafeBufferPointer(rebasing: p[range])
        if trimmed.hasBytePrefix("http://") || trimmed.hasBytePrefix("https://") { return document.text(of: trimmed) }
        return document.storedText(URLResolver.resolve(String(decoding: trimmed, as: UTF8.self), base: base(at: node)))
    }

    /// The effective base URL at `node`: every `xml:base` from the root down, applied in
    /// turn to the feed's URL.
    func base(at node: Int) -> String? {
        var chain: [String] = []
        var current = node
        while current >= 0 {
            if let value = document.attribute(current, .xml, "base") { chain.append(value) }
            current = document.nodes[current].parent
        }
        var base = feedURL
        for value in chain.reversed() {
            if let current = base {
                base = URLResolver.resolve(value, base: current)
            } else {
                base = value
            }
        }
        return base
    }

    // MARK: Language

    /// `xml:lang` in scope at `node`.
    func xmlLang(at node: Int) -> String? {
        var current = node
        while current >= 0 {
            if document.hasAttribute(current, .xml, "lang") { return xmlLang(at: current, inParent: nil) }
            current = document.nodes[current].parent
        }
        return nil
    }

    /// `xml:lang` in scope at `node` when `inParent` is the one in scope at its parent: the
    /// element's own, else its parent's. Entries share a parent, whose language is read once.
    func xmlLang(at node: Int, inParent: String?) -> String? {
        guard let value = document.attribute(node, .xml, "lang") else { return inParent }
        let trimmed = value.trimmingASCIIWhitespace()
        // `en_US`, as some publishers write it, is the tag `en-US`.
        return trimmed.isEmpty ? nil : trimmed.replacingOccurrences(of: "_", with: "-")
    }

    /// The language of an entry's text: `xml:lang` on the element holding it (`body`), else
    /// on the entry, else `inParent`. An empty `xml:lang` says the language is unknown.
    func bodyLanguage(_ body: Int?, in entry: Int, inParent: String?) -> String? {
        let language = xmlLang(at: entry, inParent: inParent)
        guard let body else { return language }
        return xmlLang(at: body, inParent: language)
    }

    // MARK: Authors

    /// `name (email)`, `email (name)`, `<email> name` and `name <email>` reduced to the
    /// name; a bare address stays as it is.
    static func authorName(_ raw: String) -> String? {
        let text = HTMLText.collapsingWhitespace(raw)
        guard !text.isEmpty else { return nil }
        guard text.containsBytes("@") else { return text }
        if let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let inside = trimmed(text[text.index(after: open)..<close])
            let outside = trimmed(text[..<open] + text[text.index(after: close)...])
            if outside.containsBytes("@"), !inside.isEmpty, !inside.containsBytes("@") { return inside }
            if inside.containsBytes("@"), !outside.isEmpty { return outside }
        }
        if let open = text.firstIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let outside = trimmed(text[..<open] + text[text.index(after: close)...])
            if !outside.isEmpty { return outside.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            return String(text[text.index(after: open)..<close])
        }
        return text
    }

    /// ``authorName(_:)`` of the element's text, for the feed's own author.
    func authorName(_ node: Int) -> String? {
        authorNameValue(node)?.string
    }

    /// ``authorName(_:)`` of the element's text, as a text: a name without an address, the
    /// usual case, is only collapsed, and is the element's own bytes when there is nothing
    /// to collapse.
    func authorNameValue(_ node: Int) -> FeedText? {
        document.withText(node) { authorNameValue(utf8: $0) }
    }

    /// ``authorName(_:)`` over UTF-8 bytes, as a text.
    func authorNameValue(utf8 p: UnsafeBufferPointer<UInt8>) -> FeedText? {
        guard !p.isEmpty else { return nil }
        if memchr(p.baseAddress!, Int32(UInt8(ascii: "@")), p.count) == nil {
            let name = document.collapsedText(of: p)
            return name.isEmpty ? nil : name
        }
        return Self.authorName(String(decoding: p, as: UTF8.self)).map { document.storedText($0) }
    }

    /// The first of the authors that is not a bare address, else the first one given.
    static func preferringNames(
        _ first: consuming FeedText?, _ second: consuming FeedText?, _ third: consuming FeedText?
    ) -> FeedText? {
        if let first, !isBareEmail(first) { return first }
        if let second, !isBareEmail(second) { return second }
        if let third, !isBareEmail(third) { return third }
        if first != nil { return first }
        if second != nil { return second }
        return third
    }

    /// `someone@example.com` with nothing else.
    static func isBareEmail(_ text: FeedText) -> Bool {
        text.containsBytes("@") && !text.containsBytes(" ")
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        String(text).trimmingASCIIWhitespace()
    }

    // MARK: Dates

    /// The element's date; `field` names it in the warning for a date that cannot be read,
    /// and is only made then.
    func date(_ node: Int?, field: @autoclosure () -> String) -> Date? {
        guard let node else { return nil }
        if let date = document.withText(node, FeedDate.parse(utf8:)) { return date }
        let raw = document.text(node).trimmingASCIIWhitespace()
        if !raw.isEmpty { document.diagnostics.note("date: unreadable \(field()) \"\(raw.prefix(60))\"") }
        return nil
    }
}
