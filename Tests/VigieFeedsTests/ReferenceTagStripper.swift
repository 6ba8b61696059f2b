@testable import VigieFeeds

/// The tag stripper as it was before its fast paths: a byte-at-a-time definition kept to
/// check the fast one against, byte for byte. It writes through the same plain-text writer,
/// whose run and scalar paths are checked against its byte path on their own, the
/// stripper's small helpers (byte classes, matching, decoded references), which did not change,
/// and `TagStripper.apply` for what an element does once it is named: what this defines is
/// runs of text, tags and element names.
enum ReferenceStripper {
    static func strip(_ p: UnsafeBufferPointer<UInt8>, into out: inout PlainTextWriter) {
        guard let base = p.baseAddress else { return }
        let n = p.count
        var i = 0
        var preDepth = 0
        while i < n {
            let b = base[i]
            switch b {
            case UInt8(ascii: "<"):
                if let next = markup(p, at: i, preDepth: &preDepth, out: &out) {
                    i = next
                } else {
                    out.byte(b)
                    i += 1
                }
            case UInt8(ascii: "&"):
                if let match = CharacterReference.match(p, at: i, end: n) {
                    TagStripper.appendDecoded(match.scalar, into: &out)
                    i += match.length
                } else {
                    out.byte(b)
                    i += 1
                }
            case UInt8(ascii: " "):
                out.space()
                i += 1
            case UInt8(ascii: "\n"):
                if preDepth > 0 { out.lineBreak(1) } else { out.space() }
                i += 1
            case 0..<0x20, 0x7F:
                if b == 0x09 || b == 0x0D || b == 0x0C || b == 0x20 { out.space() }
                i += 1
            case 0xC2 where i + 1 < n && base[i + 1] == 0xA0:
                out.space()
                i += 2
            default:
                // A run of words is copied at once.
                let end = wordsEnd(base, from: i + 1, count: n)
                out.run(base + i, count: end - i)
                i = end
            }
        }
    }

    /// Where the words from `start` end: ordinary bytes, and single spaces between ordinary
    /// bytes. Unlike the stripper's runs, these never end with a space, so the writer's
    /// handling of a text's last space is checked too.
    static func wordsEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        func isSpecial(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || TagStripper.isSpecial(b) }
        var j = start
        while j < n {
            let b = base[j]
            if isSpecial(b) {
                guard b == UInt8(ascii: " "), j + 1 < n, !isSpecial(base[j + 1]) else { return j }
                j += 1
            }
            j += 1
        }
        return n
    }

    /// ``TagStripper/runEnd(_:from:count:)`` by its definition, one byte at a time: a run of
    /// text ends at a special byte or at the first of two spaces.
    static func runEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        var j = start
        while j < n {
            if TagStripper.isSpecial(base[j]) { return j }
            if base[j] == UInt8(ascii: " "), j + 1 < n, base[j + 1] == UInt8(ascii: " ") { return j }
            j += 1
        }
        return n
    }

    /// Handles markup starting at `start` (a `<`); returns the index after it, or nil when the
    /// `<` is plain text.
    private static func markup(
        _ p: UnsafeBufferPointer<UInt8>, at start: Int, preDepth: inout Int, out: inout PlainTextWriter
    ) -> Int? {
        let n = p.count
        guard start + 1 < n else { return nil }
        let c = p[start + 1]
        if c == UInt8(ascii: "!") {
            if ASCII.hasPrefixIgnoringCase(p, at: start, "<!--") {
                return ASCII.findIgnoringCase(p, "-->", from: start + 4).map { $0 + 3 } ?? n
            }
            if ASCII.hasPrefixIgnoringCase(p, at: start, "<![CDATA[") {
                let end = ASCII.findIgnoringCase(p, "]]>", from: start + 9) ?? n
                var i = start + 9
                while i < end {
                    let b = p[i]
                    if b <= 0x20 || b == 0x7F { out.space() } else { out.byte(b) }
                    i += 1
                }
                return min(end + 3, n)
            }
            return skipTag(p, from: start + 2)
        }
        if c == UInt8(ascii: "?") {
            return skipTag(p, from: start + 2)
        }
        let closing = c == UInt8(ascii: "/")
        let nameStart = start + (closing ? 2 : 1)
        guard nameStart < n, ASCII.isLetter(p[nameStart]) else { return nil }
        var nameEnd = nameStart
        while nameEnd < n,
            ASCII.isLetter(p[nameEnd]) || ASCII.isDigit(p[nameEnd]) || p[nameEnd] == UInt8(ascii: ":")
        {
            nameEnd += 1
        }
        let after = skipTag(p, from: nameEnd)
        // A namespace prefix (XHTML content written as <xhtml:p>) does not change the element.
        var localStart = nameStart
        var k = nameStart
        while k < nameEnd {
            if p[k] == UInt8(ascii: ":") { localStart = k + 1 }
            k += 1
        }
        let kind = Self.kinds[String(decoding: p[localStart..<nameEnd], as: UTF8.self).lowercased()] ?? .inline
        return TagStripper.apply(
            kind, closing: closing, name: nameStart..<nameEnd, after: after, in: p, preDepth: &preDepth, out: &out)
    }

    /// The index after the `>` that closes a tag, honouring quoted attribute values.
    static func skipTag(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: ">") {
                return i + 1
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                // Only an attribute value opens a quote: it follows `=`, possibly after spaces.
                var j = i - 1
                while j >= start, p[j] == UInt8(ascii: " ") { j -= 1 }
                if j >= start, p[j] == UInt8(ascii: "=") { quote = b }
            }
            i += 1
        }
        return n
    }

    /// Every element that is not inline, spelled out rather than packed into keys.
    static let kinds: [String: ElementKind] = {
        var kinds: [String: ElementKind] = [:]
        for name in ["br", "li", "tr", "dt", "dd", "option"] { kinds[name] = .lineBreak }
        for name in [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "section", "article",
            "header", "footer", "aside", "nav", "hr", "figure", "address", "main", "form", "fieldset", "details",
            "summary", "center", "tbody", "thead", "blockquote", "figcaption",
        ] {
            kinds[name] = .paragraph
        }
        for name in ["td", "th"] { kinds[name] = .cell }
        kinds["pre"] = .preformatted
        for name in [
            "script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title", "textarea",
        ] {
            kinds[name] = .raw
        }
        kinds["img"] = .image
        return kinds
    }()
}
