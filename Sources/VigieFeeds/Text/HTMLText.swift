/// Readable plain text from the HTML of a post.
///
/// Paragraph-level elements become blank lines (`"\n\n"`), `<br>` and list items single
/// line breaks; scripts, styles and comments are dropped; named and numeric character
/// references are decoded, including HTML-only names XML does not define; runs of
/// whitespace collapse to one space; lines that are only blog furniture (share buttons,
/// "Aucun commentaire", "Publié par … à …", "Libellés :") are removed.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { plainText(utf8: $0) }
    }

    /// The same, over UTF-8 bytes, for callers that already hold them.
    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var writer = PlainTextWriter(capacity: bytes.count)
        TagStripper.strip(bytes, into: &writer)
        return writer.finish()
    }

    /// The same, kept in `storage` rather than made into a string.
    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>, into storage: TextStorage) -> FeedText {
        var writer = PlainTextWriter(capacity: bytes.count)
        TagStripper.strip(bytes, into: &writer)
        return writer.finish(into: storage)
    }

    /// Collapses whitespace only, for text that is declared plain (Atom `type="text"`).
    ///
    /// The result is written straight into the new string's storage, which needs no more
    /// room than the text: whitespace is only ever removed.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapsingWhitespace(utf8: $0) }
    }

    /// The same, over valid UTF-8 bytes.
    static func collapsingWhitespace(utf8 p: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: p.count) { out -> Int in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < p.count {
                let b = p[i]
                let isSpace: Bool
                var width = 1
                if b < 0x80 {
                    isSpace = b == 0x20 || (b >= 0x09 && b <= 0x0D)
                } else if b == 0xC2, i + 1 < p.count, p[i + 1] == 0xA0 || p[i + 1] == 0x85 {
                    isSpace = true
                    width = 2
                } else if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80,
                    (0x80...0x8A).contains(p[i + 2]) || p[i + 2] == 0xA8 || p[i + 2] == 0xA9 || p[i + 2] == 0xAF
                {
                    isSpace = true
                    width = 3
                } else if b == 0xE3, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] == 0x80 {
                    isSpace = true
                    width = 3
                } else {
                    isSpace = false
                }
                if isSpace {
                    pendingSpace = count > 0
                    i += width
                } else {
                    if pendingSpace {
                        out[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    // The bytes up to the next one that may start whitespace go at once.
                    var end = i + 1
                    while end < p.count, p[end] > 0x20, p[end] != 0xC2, p[end] & 0xFE != 0xE2 { end += 1 }
                    (out.baseAddress! + count).update(from: p.baseAddress! + i, count: end - i)
                    count += end - i
                    i = end
                }
            }
            return count
        }
    }
}

/// Removes markup from HTML bytes, leaving text, decoded references and break markers.
enum TagStripper {
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

    /// Where the run of ordinary text from `start` ends.
    ///
    /// A single space between ordinary bytes stays in the run: the writer would write it
    /// as it is anyway, and keeping it makes runs of prose sentences, not words. A space
    /// before anything else is left to the caller, which may collapse or drop it.
    @inline(__always)
    static func runEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        let raw = UnsafeRawPointer(base)
        var j = start
        // Seven bytes at a time, the eighth loaded to tell whether a space before it ends the run.
        while j + 8 <= n {
            let stops = runStops(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)))
            if stops != 0 { return j + stops.trailingZeroBitCount >> 3 }
            j += 7
        }
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

    /// The top bit set in each of the first seven bytes of `word` (first byte lowest) where a
    /// run stops: a special byte other than a space, or a space followed by a special byte.
    ///
    /// Bytes are compared within the word without carries between them, so every flag is
    /// exact (the flag of the byte after a space is needed, not only the first flag): with
    /// the top bits cleared, `x + 0x7F` has its top bit clear exactly when `x` is zero, and
    /// `x + 0x5F` exactly when `x` is at most 0x20.
    @inline(__always)
    static func runStops(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & low7
        // Top bit clear where the low seven bits are at most 0x20, `<`, `&`, 0x7F, 0x42 (0xC2
        // without its top bit) or a space.
        let aboveSpace = low &+ (0x7F - 0x20) &* ones
        let notLess = (low ^ UInt64(UInt8(ascii: "<")) &* ones) &+ low7
        let notAmpersand = (low ^ UInt64(UInt8(ascii: "&")) &* ones) &+ low7
        let notDelete = (low ^ 0x7F &* ones) &+ low7
        let notNoBreakLead = (low ^ 0x42 &* ones) &+ low7
        let notSpace = (low ^ UInt64(UInt8(ascii: " ")) &* ones) &+ low7
        // ASCII bytes (top bit clear in `word`) of the first four kinds, and 0xC2.
        let special = high & (~word & ~(aboveSpace & notLess & notAmpersand & notDelete) | word & ~notNoBreakLead)
        let space = high & ~(word | notSpace)
        let specialNext = special >> 8
        return (special & ~space | space & specialNext) & 0x0080_8080_8080_8080
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
        let kind = ElementKind.classify(UnsafeBufferPointer(rebasing: p[localStart..<nameEnd]))
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
}

/// How an HTML element affects plain text.
enum ElementKind {
    case inline, lineBreak, paragraph, cell, preformatted, raw, image

    static func classify(_ name: UnsafeBufferPointer<UInt8>) -> ElementKind {
        guard name.count <= 8 else {
            let key = String(decoding: name, as: UTF8.self).lowercased()
            return key == "blockquote" || key == "figcaption" ? .paragraph : .inline
        }
        return table[packed(name)] ?? .inline
    }

    /// Up to eight lower-cased ASCII bytes packed into an integer key.
    @inline(__always)
    static func packed<C: Collection>(_ name: C) -> UInt64 where C.Element == UInt8 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for b in name.prefix(8) {
            key |= UInt64(b | 0x20) << shift
            shift += 8
        }
        return key
    }

    private static let table: PackedKeyTable<ElementKind> = {
        var table: [(UInt64, ElementKind)] = []
        let groups: [(ElementKind, [String])] = [
            (.lineBreak, ["br", "li", "tr", "dt", "dd", "option"]),
            (
                .paragraph,
                [
                    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
                    "section", "article", "header", "footer", "aside", "nav", "hr", "figure",
                    "address", "main", "form", "fieldset", "details", "summary", "center", "tbody", "thead",
                ]
            ),
            (.cell, ["td", "th"]),
            (.preformatted, ["pre"]),
            (
                .raw,
                ["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title", "textarea"]
            ),
            (.image, ["img"]),
        ]
        for (kind, names) in groups {
            for name in names { table.append((packed(Array(name.utf8)), kind)) }
        }
        return PackedKeyTable(table)
    }()
}
