@testable import VigieFeeds

/// The tag stripper as it was before its fast paths: a byte-at-a-time definition kept to
/// check the fast one against, byte for byte. It writes through the same plain-text writer,
/// whose run and scalar paths are checked against its byte path on their own.
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
                    appendDecoded(match.scalar, into: &out)
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
                // A run of ordinary text is copied at once.
                let end = runEnd(base, from: i + 1, count: n)
                out.run(base + i, count: end - i)
                i = end
            }
        }
    }

    /// Whether a byte ends a run of ordinary text: whitespace, controls, markup, references
    /// and the lead byte of a no-break space.
    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x7F || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || b == 0xC2
    }

    /// Where the run of ordinary text from `start` ends: ordinary bytes, and single spaces
    /// between ordinary bytes.
    static func runEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
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

    @inline(__always)
    static func appendDecoded(_ scalar: UInt32, into out: inout PlainTextWriter) {
        switch scalar {
        case 0xA0, 0x09, 0x0A, 0x0D, 0x20: out.space()
        case 0..<0x20, 0x200B, 0xFEFF, 0xAD: break
        default: out.scalar(scalar)
        }
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
            if hasPrefix(p, at: start, "<!--") {
                return find(p, "-->", from: start + 4).map { $0 + 3 } ?? n
            }
            if hasPrefix(p, at: start, "<![CDATA[") {
                let end = find(p, "]]>", from: start + 9) ?? n
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
        guard nameStart < n, isLetter(p[nameStart]) else { return nil }
        var nameEnd = nameStart
        while nameEnd < n, isLetter(p[nameEnd]) || isDigit(p[nameEnd]) || p[nameEnd] == UInt8(ascii: ":") {
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
        switch kind {
        case .raw where !closing:
            // Skip to the matching close tag of script/style, whatever it contains.
            let name = Array(p[nameStart..<nameEnd])
            var i = after
            while let lt = find(p, "</", from: i) {
                let candidate = lt + 2
                if candidate + name.count <= n,
                    zip(p[candidate..<(candidate + name.count)], name).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) })
                {
                    return skipTag(p, from: candidate + name.count)
                }
                i = lt + 2
            }
            return n
        case .lineBreak:
            out.lineBreak(1)
        case .paragraph:
            out.lineBreak(2)
        case .cell:
            out.space()
        case .preformatted:
            out.lineBreak(2)
            preDepth = max(0, preDepth + (closing ? -1 : 1))
        case .image where !closing:
            appendAltText(p, from: nameEnd, to: after, into: &out)
        default:
            break
        }
        return after
    }

    /// An image stands for its alt text when it has one, e.g. emoji images in blog posts.
    private static func appendAltText(
        _ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: inout PlainTextWriter
    ) {
        guard let at = find(p, "alt=", from: from, limit: to) else { return }
        var i = at + 4
        guard i < to else { return }
        let quote = p[i]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return }
        i += 1
        let valueStart = i
        while i < to, p[i] != quote { i += 1 }
        guard i > valueStart, i - valueStart < 200 else { return }
        out.space()
        let value = UnsafeBufferPointer(rebasing: p[valueStart..<i])
        strip(value, into: &out)
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

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= p.count else { return false }
        let base = prefix.utf8Start
        for k in 0..<count where (p[start + k] | 0x20) != (base[k] | 0x20) {
            return false
        }
        return true
    }

    /// The index where `needle` starts at or after `from` (before `limit`), case-insensitively.
    static func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int, limit: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0] | 0x20
        let end = (limit ?? p.count) - count
        var i = from
        while i <= end {
            if (p[i] | 0x20) == first, hasPrefix(p, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
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
