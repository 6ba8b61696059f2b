#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A publisher's HTML made safe to hand to a client, as feedparser, ammonia or bluemonday
/// make it: elements and attributes from an allow-list (``allowedElements``), no script,
/// no event attribute, no URL whose scheme could run code, no CSS but a few safe
/// properties; relative links resolved against the base.
///
/// One pass over the bytes, tag by tag: text is copied as it is, each tag is read, judged
/// and written again the way feedparser writes it (attributes sorted, `name="value"` with
/// `&quot;`, `<br />` for void elements), so that the output compares equal to feedparser's.
/// Comments, declarations and processing instructions are dropped; a `<` that starts no
/// tag is written `&lt;`.
enum HTMLSanitizer {
    /// The safe form of `html`, its relative links resolved against `base`, asked for at
    /// the first relative link only.
    static func sanitize(_ html: String, base: @autoclosure @escaping () -> String?) -> String {
        var html = html
        return html.withUTF8 { sanitize(utf8: $0, base: base()) } ?? html
    }

    /// The same over UTF-8 bytes; nil when the safe form is the input itself, so that the
    /// caller can keep the bytes it has.
    static func sanitize(utf8 p: UnsafeBufferPointer<UInt8>, base: @autoclosure @escaping () -> String?) -> String? {
        var scanner = Scanner(p, base: base)
        scanner.run()
        guard scanner.changed else { return nil }
        return String(decoding: scanner.out, as: UTF8.self)
    }

    /// The pass itself. Each piece of markup is checked against the bytes it stands for as
    /// it is written (see ``matching``), and written to `tag` only from its first byte that
    /// differs; nothing is written to `out` before the first piece that differs, so that
    /// input already safe, nearly all of it, is never copied. `copied` is where the input
    /// not yet written to `out` starts.
    struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        let base: () -> String?
        var knownBase: String??
        var out: [UInt8] = []
        /// Whether the safe form differs from the input: `out` is only written from then on.
        var changed = false
        var copied = 0
        /// The piece of markup being read, as it is to be written; its capacity is kept from
        /// one piece to the next.
        var tag: [UInt8] = []
        /// Whether the piece of markup written so far is the input from `pieceStart` to
        /// `cursor`: a piece already safe, nearly all of them, is only checked, never copied.
        /// `tag` is written from the first byte that differs.
        var matching = true
        var pieceStart = 0
        var cursor = 0
        /// The allowed attributes of the tag being read (see ``writeAttributes(_:)``).
        var attributes: [Attribute] = []
        /// The first `&` at or after the text last looked at (see ``escapeBareAmpersands(_:)``).
        var nextAmpersand = -1

        init(_ p: UnsafeBufferPointer<UInt8>, base: @escaping () -> String?) {
            self.p = p
            self.base = base
        }

        mutating func run() {
            guard let start = p.baseAddress else { return }
            var i = 0
            while i < p.count {
                let lt = ByteSearch.firstIndex(of: UInt8(ascii: "<"), start, from: i, count: p.count)
                escapeBareAmpersands(i..<lt)
                guard lt < p.count else { break }
                tag.removeAll(keepingCapacity: true)
                matching = true
                pieceStart = lt
                cursor = lt
                let end = markup(at: lt)
                if !matching || cursor != end {
                    diverge()
                    replace(lt..<end)
                }
                i = end
            }
            if changed { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<p.count])) }
        }

        /// Writes `&amp;` for each `&` of the text `range` that starts no character
        /// reference (`Q&A`), as feedparser writes it; references are kept as written.
        private mutating func escapeBareAmpersands(_ range: Range<Int>) {
            // The next `&` is searched once across the texts that follow it, not once per text.
            if nextAmpersand < range.lowerBound {
                nextAmpersand = ByteSearch.firstIndex(
                    of: UInt8(ascii: "&"), p.baseAddress!, from: range.lowerBound, count: p.count)
            }
            guard nextAmpersand < range.upperBound else { return }
            var k = nextAmpersand
            defer {
                nextAmpersand = ByteSearch.firstIndex(of: UInt8(ascii: "&"), p.baseAddress!, from: range.upperBound, count: p.count)
            }
            while k < range.upperBound {
                let amp = ByteSearch.firstIndex(of: UInt8(ascii: "&"), p.baseAddress!, from: k, count: range.upperBound)
                guard amp < range.upperBound else { return }
                if CharacterReference.match(p, at: amp, end: range.upperBound) == nil {
                    tag.removeAll(keepingCapacity: true)
                    tag.append(contentsOf: "&amp;".utf8)
                    replace(amp..<(amp + 1))
                }
                k = amp + 1
            }
        }

        /// Writes one byte of the piece: while the piece still reads as the input does, only
        /// checked against the input, not written (see ``matching``).
        @inline(__always)
        mutating func put(_ byte: UInt8) {
            if matching {
                if cursor < p.count, p[cursor] == byte {
                    cursor += 1
                    return
                }
                diverge()
            }
            tag.append(byte)
        }

        /// Writes bytes of the piece, as ``put(_:)-(UInt8)`` writes one.
        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty else { return }
            if matching {
                if cursor + bytes.count <= p.count, memcmp(bytes.baseAddress!, p.baseAddress! + cursor, bytes.count) == 0 {
                    cursor += bytes.count
                    return
                }
                diverge()
            }
            tag.append(contentsOf: bytes)
        }

        mutating func put(_ string: StaticString) {
            string.withUTF8Buffer { put($0) }
        }

        /// The piece differs from the input: what was written so far, the input's bytes up to
        /// `cursor`, is copied to `tag`, where the rest is written.
        mutating func diverge() {
            guard matching else { return }
            matching = false
            tag.append(contentsOf: UnsafeBufferPointer(rebasing: p[pieceStart..<cursor]))
        }

        /// Writes `tag` in place of `range`, and the input before it not yet written.
        mutating func replace(_ range: Range<Int>) {
            if !changed {
                changed = true
                out.reserveCapacity(p.count + 16)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<range.lowerBound]))
            out.append(contentsOf: tag)
            copied = range.upperBound
        }

        /// Handles what starts with the `<` at `lt`; returns where the text resumes.
        mutating func markup(at lt: Int) -> Int {
            let next = lt + 1 < p.count ? p[lt + 1] : 0
            if ASCII.isLetter(next) { return startTag(at: lt) }
            if next == UInt8(ascii: "/"), lt + 2 < p.count, ASCII.isLetter(p[lt + 2]) { return endTag(at: lt) }
            if next == UInt8(ascii: "!"), ASCII.hasPrefixIgnoringCase(p, at: lt, "<!--") { return comment(at: lt) }
            if next == UInt8(ascii: "?") || (next == UInt8(ascii: "!") && lt + 2 < p.count && ASCII.isLetter(p[lt + 2])) {
                // A declaration (`<!DOCTYPE`) or a processing instruction: dropped when closed.
                let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), p.baseAddress!, from: lt + 2, count: p.count)
                if close < p.count { return close + 1 }
            }
            return escapedLessThan(at: lt)
        }

        /// A `<` that starts nothing (`a < b`, `<![CDATA[`, an unclosed tag) becomes text.
        mutating func escapedLessThan(at lt: Int) -> Int {
            put("&lt;")
            return lt + 1
        }

        /// A comment is dropped. It ends at `-->`; failing that, as feedparser reads a
        /// malformed one, at the first `>` after `--`; unclosed, it takes the rest.
        mutating func comment(at lt: Int) -> Int {
            var j = lt + 4
            while j + 2 < p.count {
                if p[j] == UInt8(ascii: "-"), p[j + 1] == UInt8(ascii: "-"), p[j + 2] == UInt8(ascii: ">") { return j + 3 }
                j += 1
            }
            j = lt + 4
            while j + 1 < p.count {
                if p[j] == UInt8(ascii: "-"), p[j + 1] == UInt8(ascii: "-") {
                    let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), p.baseAddress!, from: j + 2, count: p.count)
                    return close < p.count ? close + 1 : p.count
                }
                j += 1
            }
            return p.count
        }

        /// Where the tag's name at `start` ends.
        func tagNameEnd(from start: Int) -> Int {
            var j = start
            while j < p.count, Self.isNameByte(p[j]) { j += 1 }
            return j
        }

        /// What the sanitizer knows of the element named by the bytes `name`, in any case:
        /// a name of up to eight bytes, nearly every one, is looked up by its packed key,
        /// with no string made and nothing hashed.
        func elementClass(_ name: Range<Int>) -> ElementClass {
            let bytes = UnsafeBufferPointer(rebasing: p[name])
            if let key = Self.packedLowercased(bytes) { return StaticTables.sanitizerElements[key] ?? [] }
            return HTMLSanitizer.elementClasses[Self.lowercasedName(bytes)] ?? []
        }

        /// The class of the attribute named by the bytes `name`, in any case, nil when it is
        /// not allowed; looked up as ``elementClass(_:)`` looks an element up.
        func attributeClass(_ name: Range<Int>) -> AttributeClass? {
            let bytes = UnsafeBufferPointer(rebasing: p[name])
            if let key = Self.packedLowercased(bytes) { return StaticTables.sanitizerAttributes[key] }
            return HTMLSanitizer.attributeClasses[Self.lowercasedName(bytes)]
        }

        /// A name of one to eight bytes lowercased and packed as ``PackedKey/pack(_:)`` packs
        /// it; nil for a longer name or one holding a zero byte, whose key another name could
        /// share. The tables hold every allowed name of up to eight bytes: a name packed and
        /// not found there is not allowed.
        @inline(__always)
        static func packedLowercased(_ name: UnsafeBufferPointer<UInt8>) -> UInt64? {
            guard name.count <= 8 else { return nil }
            var key: UInt64 = 0
            for k in 0..<name.count {
                let b = name[k]
                if b == 0 { return nil }
                key |= UInt64(ASCII.lowercased(b)) << UInt64(8 * k)
            }
            return key
        }

        /// Appends the bytes of `range` lowercased: an allowed name, as it is written.
        mutating func appendLowercased(_ range: Range<Int>) {
            // A name already in lower case where the piece still reads as the input: checked only.
            if matching, cursor == range.lowerBound, range.allSatisfy({ ASCII.lowercased(p[$0]) == p[$0] }) {
                cursor = range.upperBound
                return
            }
            for k in range { put(ASCII.lowercased(p[k])) }
        }

        /// A tag or attribute name in lower case, at most 32 bytes of it (no allowed name is
        /// longer): up to 15 bytes, nearly every name, it is a small string, made without
        /// allocating.
        static func lowercasedName(_ name: UnsafeBufferPointer<UInt8>) -> String {
            let count = min(name.count, 32)
            return String(unsafeUninitializedCapacity: count) { buffer in
                for k in 0..<count { buffer[k] = ASCII.lowercased(name[k]) }
                return count
            }
        }

        static func isNameByte(_ b: UInt8) -> Bool {
            ASCII.isLetterOrDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: "_")
                || b == UInt8(ascii: ".")
        }

        /// Whether the tag that `skipTag` ended at `end` is closed by a `>`.
        func isClosed(_ end: Int) -> Bool {
            end > 0 && end <= p.count && p[end - 1] == UInt8(ascii: ">")
        }

        mutating func endTag(at lt: Int) -> Int {
            let end = TagStripper.skipTag(p, from: lt + 2)
            guard isClosed(end) else { return escapedLessThan(at: lt) }
            let name = (lt + 2)..<tagNameEnd(from: lt + 2)
            let kind = elementClass(name)
            if kind.contains(.allowed), !kind.contains(.void) {
                put("</")
                appendLowercased(name)
                put(UInt8(ascii: ">"))
            }
            return end
        }

        mutating func startTag(at lt: Int) -> Int {
            let end = TagStripper.skipTag(p, from: lt + 1)
            guard isClosed(end) else { return escapedLessThan(at: lt) }
            let nameEnd = tagNameEnd(from: lt + 1)
            let name = (lt + 1)..<nameEnd
            var inner = end - 1
            // `/>` closes the tag after its name, a space or a quote; after an unquoted
            // value (`href=/x/>`), the `/` is the value's, as HTML reads it.
            let selfClosing =
                inner > nameEnd && p[inner - 1] == UInt8(ascii: "/")
                && (inner - 1 == nameEnd || XMLTokenizer.isSpace(p[inner - 2]) || p[inner - 2] == UInt8(ascii: "\"")
                    || p[inner - 2] == UInt8(ascii: "'"))
            if selfClosing { inner -= 1 }
            let kind = elementClass(name)
            if kind.contains(.droppedWithContent) {
                if selfClosing || kind.contains(.void) { return end }
                let lowercased = Self.lowercasedName(UnsafeBufferPointer(rebasing: p[name]))
                if let after = closingTagEnd(lowercased, from: end) { return after }
                return kind.contains(.rawText) ? p.count : end
            }
            guard kind.contains(.allowed) else { return end }
            put(UInt8(ascii: "<"))
            appendLowercased(name)
            writeAttributes(nameEnd..<inner)
            if kind.contains(.void) {
                put(" />")
            } else {
                put(UInt8(ascii: ">"))
                if selfClosing {
                    // `<a/>` is `<a></a>`, as feedparser writes it.
                    put("</")
                    appendLowercased(name)
                    put(UInt8(ascii: ">"))
                }
            }
            return end
        }

        /// The index after the end tag of the element `name` opened before `from`, counting
        /// nested elements of the same name; nil when it is never closed.
        func closingTagEnd(_ name: String, from: Int) -> Int? {
            let raw = HTMLSanitizer.rawTextElements.contains(name)
            var depth = 1
            var i = from
            while i < p.count {
                let lt = ByteSearch.firstIndex(of: UInt8(ascii: "<"), p.baseAddress!, from: i, count: p.count)
                guard lt + 1 < p.count else { return nil }
                let closing = p[lt + 1] == UInt8(ascii: "/")
                let nameStart = closing ? lt + 2 : lt + 1
                if matchesName(name, at: nameStart) {
                    if closing {
                        depth -= 1
                        if depth == 0 {
                            let end = TagStripper.skipTag(p, from: nameStart)
                            return isClosed(end) ? end : p.count
                        }
                    } else if !raw {
                        depth += 1
                    }
                }
                i = lt + 1
            }
            return nil
        }

        /// Whether the bytes at `start` are `name`, in any case, followed by no name byte.
        func matchesName(_ name: String, at start: Int) -> Bool {
            var k = start
            for byte in name.utf8 {
                guard k < p.count, ASCII.lowercased(p[k]) == byte else { return false }
                k += 1
            }
            return k == p.count || !Self.isNameByte(p[k])
        }
    }
}
