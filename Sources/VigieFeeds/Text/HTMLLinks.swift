#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Relative `href` and `src` values in HTML made absolute, as a reader displaying the
/// HTML away from its site needs them.
enum HTMLLinks {
    /// The HTML with each relative `href`/`src` resolved against `base`; the same string
    /// when nothing needed resolving.
    static func resolvingRelativeLinks(_ html: String, base: String) -> String {
        var html = html
        return html.withUTF8 { resolvingRelativeLinks(utf8: $0, base: base) } ?? html
    }

    /// The same over UTF-8 bytes; nil when nothing needed resolving. `base` is asked for
    /// once, at the first relative link: most posts have none, and it can cost a walk of
    /// the document's `xml:base` attributes.
    static func resolvingRelativeLinks(utf8 p: UnsafeBufferPointer<UInt8>, base: @autoclosure () -> String?)
        -> String?
    {
        guard mayHaveRelativeLinks(p) else { return nil }
        return resolvingLinksInTags(utf8: p, base: base())
    }

    /// The tag-by-tag scan behind ``resolvingRelativeLinks(utf8:base:)``.
    static func resolvingLinksInTags(utf8 p: UnsafeBufferPointer<UInt8>, base: @autoclosure () -> String?) -> String? {
        guard let start = p.baseAddress else { return nil }
        var knownBase: String??
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i < p.count, let hit = memchr(start + i, Int32(UInt8(ascii: "<")), p.count - i) {
            let lt = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - start
            guard lt + 1 < p.count, ASCII.isLetter(p[lt + 1]) else {
                i = lt + 1
                continue
            }
            let end = TagStripper.skipTag(p, from: lt + 1)
            var j = lt + 1
            while j < end {
                guard let (valueStart, valueEnd) = linkValue(p, from: &j, end: end) else { continue }
                let bytes = UnsafeBufferPointer(rebasing: p[valueStart..<valueEnd])
                guard !isWebLink(bytes) else { continue }
                let value = String(decoding: bytes, as: UTF8.self)
                guard isRelative(value) else { continue }
                if knownBase == nil { knownBase = .some(base()) }
                guard let base = knownBase ?? nil else { return nil }
                let resolved = URLResolver.resolve(value, base: base)
                guard resolved != value else { continue }
                if out.isEmpty { out.reserveCapacity(p.count + 256) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<valueStart]))
                out.append(contentsOf: resolved.utf8)
                copied = valueEnd
            }
            i = end
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<p.count]))
        return String(decoding: out, as: UTF8.self)
    }

    /// False when every `href` or `src` followed by `=` has an http(s) link for its value,
    /// so that the tags need not be read: the usual post links only to other sites.
    ///
    /// Every `=` is looked at, inside tags or not, so any value the tag scan could resolve
    /// is seen; a false true only costs that scan.
    static func mayHaveRelativeLinks(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = p.baseAddress else { return false }
        var i = 0
        while i < p.count, let hit = memchr(start + i, Int32(UInt8(ascii: "=")), p.count - i) {
            let equals = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - start
            i = equals + 1
            var nameEnd = equals
            while nameEnd > 0, XMLTokenizer.isSpace(p[nameEnd - 1]) { nameEnd -= 1 }
            let isLinkName =
                (nameEnd >= 4 && ASCII.hasPrefixIgnoringCase(p, at: nameEnd - 4, "href"))
                || (nameEnd >= 3 && ASCII.hasPrefixIgnoringCase(p, at: nameEnd - 3, "src"))
            guard isLinkName else { continue }
            var value = equals + 1
            while value < p.count, XMLTokenizer.isSpace(p[value]) { value += 1 }
            if value < p.count, p[value] == UInt8(ascii: "\"") || p[value] == UInt8(ascii: "'") { value += 1 }
            if !isWebLink(UnsafeBufferPointer(rebasing: p[value..<min(p.count, value + 6)])) { return true }
        }
        return false
    }

    /// Finds the next `href=` or `src=` value in a tag, advancing `j`; nil when the tag
    /// holds no more (with `j` at `end`), or when the attribute at `j` is another one.
    private static func linkValue(_ p: UnsafeBufferPointer<UInt8>, from j: inout Int, end: Int) -> (Int, Int)? {
        // Move to the start of the next attribute name.
        while j < end, !XMLTokenizer.isSpace(p[j]) { j += 1 }
        while j < end, XMLTokenizer.isSpace(p[j]) { j += 1 }
        let nameStart = j
        while j < end, ASCII.isLetter(p[j]) || p[j] == UInt8(ascii: "-") { j += 1 }
        let name = UnsafeBufferPointer(rebasing: p[nameStart..<j])
        let isLink =
            (name.count == 4 && ASCII.hasPrefixIgnoringCase(name, at: 0, "href"))
            || (name.count == 3 && ASCII.hasPrefixIgnoringCase(name, at: 0, "src"))
        let afterName = j
        while j < end, XMLTokenizer.isSpace(p[j]) { j += 1 }
        guard j < end, p[j] == UInt8(ascii: "=") else {
            // An attribute without a value: the next one starts after its name.
            j = afterName
            return nil
        }
        j += 1
        while j < end, XMLTokenizer.isSpace(p[j]) { j += 1 }
        guard j < end else { return nil }
        let quote = p[j]
        let valueStart: Int
        var valueEnd: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            valueStart = j + 1
            valueEnd = valueStart
            while valueEnd < end, p[valueEnd] != quote { valueEnd += 1 }
            j = min(valueEnd + 1, end)
        } else {
            valueStart = j
            valueEnd = j
            while valueEnd < end, !XMLTokenizer.isSpace(p[valueEnd]), p[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
            j = valueEnd
        }
        // Back up so the scan for the next attribute does not skip it.
        if j > valueStart { j -= 1 }
        return isLink && valueEnd > valueStart ? (valueStart, valueEnd) : nil
    }

    /// Whether the value starts with `http:` or `https:` in any case: absolute, the usual
    /// case, told without making a string.
    private static func isWebLink(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 5, value[0] | 0x20 == UInt8(ascii: "h"), value[1] | 0x20 == UInt8(ascii: "t"),
            value[2] | 0x20 == UInt8(ascii: "t"), value[3] | 0x20 == UInt8(ascii: "p")
        else { return false }
        return value[4] == UInt8(ascii: ":")
            || (value.count >= 6 && value[4] | 0x20 == UInt8(ascii: "s") && value[5] == UInt8(ascii: ":"))
    }

    private static func isRelative(_ value: String) -> Bool {
        let lowered = value.trimmingASCIIWhitespace().lowercased()
        if lowered.isEmpty || lowered.hasPrefix("#") { return false }
        for scheme in ["http:", "https:", "mailto:", "data:", "javascript:", "tel:", "ftp:", "cid:"]
        where lowered.hasPrefix(scheme) {
            return false
        }
        // Any other scheme ("urn:", "magnet:") is absolute too.
        if let colon = lowered.firstIndex(of: ":"), !lowered[..<colon].contains("/"), !lowered[..<colon].contains("?") {
            return false
        }
        return true
    }
}
