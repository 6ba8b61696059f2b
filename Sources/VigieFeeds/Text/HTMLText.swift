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
        PlainTextWriter.withWriter(capacity: bytes.count) { writer in
            TagStripper.strip(bytes, into: &writer)
            return writer.finish()
        }
    }

    /// The same, written straight into `storage` rather than made into a string. `bytes`
    /// must not be in `storage`.
    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>, into storage: TextStorage) -> FeedText {
        // Plain text is never longer than the HTML; the writer keeps a few bytes free.
        let capacity = bytes.count + 8
        return storage.appending(maxCount: capacity) { destination in
            var writer = PlainTextWriter(buffer: UnsafeMutableBufferPointer(start: destination, count: capacity))
            TagStripper.strip(bytes, into: &writer)
            return writer.finishCount()
        }
    }

    /// Whether ``plainText(utf8:)`` would give `p` back unchanged: it holds no markup,
    /// reference, control or whitespace to collapse, and is not a line of blog furniture.
    static func isPlainAsWritten(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isCollapsed(p, orMarkup: true) else { return false }
        return p.count > Boilerplate.maxLineLength || !Boilerplate.isBoilerplate(p)
    }
}

/// Whitespace collapsing: runs of whitespace, ASCII and Unicode, become one space.
extension HTMLText {
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
        // Most titles, names and terms have nothing to collapse: one string from the bytes.
        isCollapsed(p) ? String(decoding: p, as: UTF8.self) : collapsedCopy(utf8: p)
    }

    /// ``collapsingWhitespace(utf8:)`` written out byte by byte, whatever the text.
    static func collapsedCopy(utf8 p: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: p.count) { out -> Int in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < p.count {
                let width = whitespaceWidth(p, at: i)
                if width > 0 {
                    pendingSpace = count > 0
                    i += width
                } else {
                    if pendingSpace {
                        out[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    // Ordinary bytes, and single spaces between them, go at once; a byte that
                    // may start whitespace (a control, C2, E2 or E3) ends the run.
                    func isOrdinary(_ b: UInt8) -> Bool { b > 0x20 && b != 0xC2 && b & 0xFE != 0xE2 }
                    var end = i + 1
                    while end < p.count {
                        if isOrdinary(p[end]) {
                            end += 1
                        } else if p[end] == 0x20, end + 1 < p.count, isOrdinary(p[end + 1]) {
                            end += 2
                        } else {
                            break
                        }
                    }
                    (out.baseAddress! + count).update(from: p.baseAddress! + i, count: end - i)
                    count += end - i
                    i = end
                }
            }
            return count
        }
    }

    /// Whether collapsing whitespace would leave `p` as it is: it neither starts nor ends
    /// with whitespace, and its only whitespace is single spaces between other characters.
    /// Controls count as whitespace here, which only sends the rare text holding one the
    /// long way.
    static func isCollapsed(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        isCollapsed(p, orMarkup: false)
    }

    /// ``isCollapsed(_:)``, and with `orMarkup` also false for a text holding `<`, `&` or
    /// DEL. A text shorter than 16 bytes is read as one chunk padded with zeros, unless it may
    /// hold whitespace outside ASCII. A longer one is read 16 bytes at a time; the bytes the
    /// last whole chunk leaves are read by one more chunk ending three bytes before the end
    /// (it reads some bytes again, which gives the same answer), and the last three, whose
    /// next bytes are past the end, one at a time, as is a short text the chunk leaves.
    @inline(__always)
    static func isCollapsed(_ p: UnsafeBufferPointer<UInt8>, orMarkup: Bool) -> Bool {
        guard let base = p.baseAddress, !p.isEmpty else { return true }
        let n = p.count
        guard !isCollapseStop(p, 0) else { return false }
        if n < 16, let collapsed = shortIsCollapsed(base, count: n, orMarkup: orMarkup) { return collapsed }
        var j = 0
        if n >= 19 {
            // Each chunk reads three bytes past its sixteen: whitespace is told by up to three.
            while j + 19 <= n {
                guard chunkIsCollapsed(UnsafeRawPointer(base + j), orMarkup: orMarkup) else { return false }
                j += 16
            }
            if j < n - 3 {
                guard chunkIsCollapsed(UnsafeRawPointer(base + n - 19), orMarkup: orMarkup) else { return false }
            }
            j = max(j, n - 3)
        }
        while j < n {
            let b = p[j]
            if orMarkup, b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || b == 0x7F { return false }
            if isCollapseStop(p, j) {
                guard b == 0x20, j + 1 < n, !isCollapseStop(p, j + 1) else { return false }
            }
            j += 1
        }
        return true
    }

    /// ``isCollapsed(_:orMarkup:)`` for the `n` bytes at `base`, 0 < `n` < 16, that do not
    /// start with whitespace, read as one chunk: names, terms, short titles. Nil when they
    /// hold a byte that may start whitespace outside ASCII (0xC2, 0xE2 or 0xE3), which is
    /// left to the byte loop; without one, whitespace is ASCII, below 0x21.
    @inline(__always)
    private static func shortIsCollapsed(_ base: UnsafePointer<UInt8>, count n: Int, orMarkup: Bool) -> Bool? {
        typealias Lanes = SIMD16<Int8>
        func splat(_ b: UInt8) -> Lanes { ChunkLanes.splat(b) }
        func lanes(_ mask: SIMDMask<Lanes>) -> Lanes { ChunkLanes.lanes(mask) }
        let v = ChunkLanes.paddedChunk(base, count: n)
        let leads = lanes(v .== splat(0xC2)) | lanes(v .== splat(0xE2)) | lanes(v .== splat(0xE3))
        guard ChunkLanes.firstLane(leads) == 16 else { return nil }
        let text = lanes(Lanes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) .< Lanes(repeating: Int8(n)))
        let spaces = lanes(v .== splat(0x20))
        // A space is a stop before another or at the end: the lanes after the text count as
        // spaces, and each lane looks at the next one, the lanes moved down by one (lane k is
        // bits 8k of the two words, as ``ChunkLanes`` tells).
        let after = unsafeBitCast(spaces | ~text, to: SIMD2<UInt64>.self)
        let (low, high) = (UInt64(littleEndian: after[0]), UInt64(littleEndian: after[1]))
        let spacesAfter = unsafeBitCast(
            SIMD2<UInt64>((low >> 8 | high << 56).littleEndian, (high >> 8).littleEndian), to: Lanes.self)
        // Flipping the top bit turns the unsigned test `b < 0x20` into a signed one.
        var stops = lanes(v ^ splat(0x80) .< splat(0x80 + 0x20)) | (spaces & spacesAfter)
        if orMarkup {
            stops |= lanes(v .== splat(UInt8(ascii: "<"))) | lanes(v .== splat(UInt8(ascii: "&"))) | lanes(v .== splat(0x7F))
        }
        return ChunkLanes.firstLane(stops & text) == 16
    }

    /// Whether the 16 bytes at `raw` hold no stop: whitespace or a control other than a
    /// space before something else, and with `orMarkup`, `<`, `&` or DEL.
    @inline(__always)
    private static func chunkIsCollapsed(_ raw: UnsafeRawPointer, orMarkup: Bool) -> Bool {
        let v0 = raw.loadUnaligned(as: SIMD16<Int8>.self)
        let v1 = raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<Int8>.self)
        let v2 = raw.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self)
        let v3 = raw.loadUnaligned(fromByteOffset: 3, as: SIMD16<Int8>.self)
        let spaces: SIMDMask<SIMD16<Int8>> = v0 .== SIMD16<Int8>(repeating: 0x20)
        var stops = whitespaceLanes(v0, v1, v2) .& .!(spaces .& .!whitespaceLanes(v1, v2, v3))
        if orMarkup {
            stops = stops .| (v0 .== SIMD16<Int8>(repeating: 0x3C)) .| (v0 .== SIMD16<Int8>(repeating: 0x26))
                .| (v0 .== SIMD16<Int8>(repeating: 0x7F))
        }
        return ChunkLanes.firstLane(stops) == 16
    }

    /// Whether whitespace (as ``collapsingWhitespace(utf8:)`` knows it) or a control starts at `j`.
    private static func isCollapseStop(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        p[j] <= 0x20 || whitespaceWidth(p, at: j) > 0
    }

    /// The length in bytes of the whitespace character at `i`, 0 when it is none: ASCII
    /// spaces and line breaks, U+0085, U+00A0, U+2000–U+200A, U+2028, U+2029, U+202F, U+3000.
    @inline(__always)
    static func whitespaceWidth(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        guard b == 0xC2 || b == 0xE2 || b == 0xE3, i + 1 < p.count else { return 0 }
        let c = p[i + 1]
        if b == 0xC2 { return c == 0xA0 || c == 0x85 ? 2 : 0 }
        guard c == 0x80, i + 2 < p.count else { return 0 }
        let d = p[i + 2]
        if b == 0xE2 { return (0x80...0x8A).contains(d) || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0 }
        return d == 0x80 ? 3 : 0
    }

    /// ``isCollapseStop(_:_:)`` for each lane of `b`, the bytes after it in `c` and `d` (see
    /// ``ChunkLanes`` for why the lanes are signed).
    @inline(__always)
    private static func whitespaceLanes(_ b: SIMD16<Int8>, _ c: SIMD16<Int8>, _ d: SIMD16<Int8>)
        -> SIMDMask<SIMD16<Int8>>
    {
        func lanes(_ v: SIMD16<Int8>, _ byte: UInt8) -> SIMDMask<SIMD16<Int8>> {
            v .== SIMD16<Int8>(repeating: Int8(bitPattern: byte))
        }
        let control: SIMDMask<SIMD16<Int8>> =
            b ^ SIMD16<Int8>(repeating: -0x80) .< SIMD16<Int8>(repeating: -0x80 + 0x21)
        let noBreak = lanes(b, 0xC2) .& (lanes(c, 0xA0) .| lanes(c, 0x85))
        // d is a continuation byte here, 0x80 to 0xBF, which are the lowest signed values.
        let lowD: SIMDMask<SIMD16<Int8>> = d .< SIMD16<Int8>(repeating: Int8(bitPattern: 0x8B))
        let generalSpace =
            lanes(b, 0xE2) .& lanes(c, 0x80) .& (lowD .| lanes(d, 0xA8) .| lanes(d, 0xA9) .| lanes(d, 0xAF))
        let ideographicSpace = lanes(b, 0xE3) .& lanes(c, 0x80) .& lanes(d, 0x80)
        return control .| noBreak .| generalSpace .| ideographicSpace
    }
}

/// Removes markup from HTML bytes, leaving text, decoded references and break markers.
enum TagStripper {
    static func strip(_ p: UnsafeBufferPointer<UInt8>, into out: inout PlainTextWriter) {
        guard let base = p.baseAddress else { return }
        let n = p.count
        var i = 0
        var preDepth = 0
        let entities = StaticTables.htmlEntities
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
                if let match = CharacterReference.shortNamed(base, at: i, end: n, entities: entities)
                    ?? CharacterReference.match(p, at: i, end: n, entities: entities)
                {
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
                // A run of text, copied as it is scanned (see ``PlainTextWriter/runDestination(forTheRestOf:)``).
                if let destination = out.runDestination(forTheRestOf: n - i) {
                    let end = copyRun(base, from: i, count: n, to: destination)
                    out.didWrite(end - i)
                    i = end
                } else {
                    i = out.runNearEnd(base, from: i, count: n)
                }
            }
        }
    }

    /// Whether a byte ends a run of ordinary text: whitespace other than a space, controls,
    /// markup, references and the lead byte of a no-break space.
    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x7F || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || b == 0xC2
    }

    /// Where the run of ordinary text from `start` ends: at a special byte, or at the first
    /// of two spaces.
    ///
    /// A single space stays in the run, even the last one before a tag or a reference: the
    /// writer would write it as it is anyway, and keeping it makes runs of prose sentences,
    /// not words. The writer drops a run's last space where a line ends and writes no second
    /// space after it (see ``PlainTextWriter``). A second space in a row, collapsed, is left
    /// to the caller.
    @inline(__always)
    static func runEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        var j = start
        while j &+ chunkReach <= n {
            let raw = UnsafeRawPointer(base + j)
            let stop = firstStop(
                raw.loadUnaligned(as: SIMD16<Int8>.self), next: raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<Int8>.self))
            if stop < 16 { return j &+ stop }
            j &+= 16
        }
        return runEndByBytes(base, from: j, count: n)
    }

    /// The run that starts with the byte at `start`, whatever it is (a lone 0xC2 starts one),
    /// copied to `destination` as it is scanned; returns where it ends, as
    /// `runEnd(base, from: start + 1, count: n)` does.
    ///
    /// `destination` must have room for `n - start` bytes. Each 16-byte chunk is stored
    /// whole before its stop is known, so that text is copied without a call per run:
    /// the bytes stored past the run are later overwritten or never read. Both reads of a
    /// chunk come before its store, which the compiler cannot tell from the input.
    @inline(__always)
    static func copyRun(
        _ base: UnsafePointer<UInt8>, from start: Int, count n: Int, to destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        destination[0] = base[start]
        var j = start + 1
        var out = destination + 1
        // The offsets stay within the input, which is far from the largest `Int`.
        while j &+ chunkReach <= n {
            let raw = UnsafeRawPointer(base + j)
            let chunk = raw.loadUnaligned(as: SIMD16<Int8>.self)
            let next = raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<Int8>.self)
            UnsafeMutableRawPointer(out).storeBytes(of: chunk, as: SIMD16<Int8>.self)
            let stop = firstStop(chunk, next: next)
            if stop < 16 { return j &+ stop }
            j &+= 16
            out += 16
        }
        let end = runEndByBytes(base, from: j, count: n)
        out.update(from: base + j, count: end - j)
        return end
    }

    /// The bytes a chunk reads: sixteen, and the one after them, which tells whether a space
    /// in the last lane ends the run. Chunks are only read where all of them are in the input.
    private static let chunkReach = 17

    /// The lane of the first stop of a run among the 16 bytes `bytes` (16 when none), `next`
    /// holding the same bytes one further: a special byte, or a space followed by a space.
    ///
    /// Lanes are signed and comparisons combined as integer lanes, as ``ChunkLanes`` tells.
    @inline(__always)
    private static func firstStop(_ bytes: SIMD16<Int8>, next: SIMD16<Int8>) -> Int {
        let space = SIMD16<Int8>(repeating: 0x20)
        return ChunkLanes.firstLane(specialLanes(bytes) | (ChunkLanes.lanes(bytes .== space) & ChunkLanes.lanes(next .== space)))
    }

    /// ``isSpecial(_:)`` for each lane, all ones where it holds. Flipping the top bit turns
    /// the unsigned test `b < 0x20` into a signed one.
    @inline(__always)
    private static func specialLanes(_ v: SIMD16<Int8>) -> SIMD16<Int8> {
        let control = ChunkLanes.lanes(v ^ SIMD16<Int8>(repeating: -0x80) .< SIMD16<Int8>(repeating: -0x80 + 0x20))
        let delete = ChunkLanes.lanes(v .== SIMD16<Int8>(repeating: 0x7F))
        let markup = ChunkLanes.lanes(v .== SIMD16<Int8>(repeating: 0x3C))
        let reference = ChunkLanes.lanes(v .== SIMD16<Int8>(repeating: 0x26))
        let noBreakLead = ChunkLanes.lanes(v .== SIMD16<Int8>(repeating: Int8(bitPattern: 0xC2)))
        return control | delete | markup | reference | noBreakLead
    }

    /// ``runEnd(_:from:count:)`` one byte at a time, for the last bytes of the input.
    private static func runEndByBytes(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        var j = start
        while j < n {
            let b = base[j]
            if isSpecial(b) || (b == UInt8(ascii: " ") && j + 1 < n && base[j + 1] == UInt8(ascii: " ")) { return j }
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
    /// `<` is plain text. Inlined in the stripping loop: a post has a tag every few words.
    @inline(__always)
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
        // The name is packed as it is scanned, its first letter known. A namespace prefix
        // (XHTML content written as <xhtml:p>) does not change the element: the key restarts
        // after each colon, which is rare enough to be looked for only where a name stops.
        // The key is packed as ``PackedKey/packFolded(_:)-(C)`` packs a name.
        var nameEnd = nameStart + 1
        var localStart = nameStart
        var key = UInt64(p[nameStart] | 0x20)
        var shift: UInt64 = 8
        while true {
            while nameEnd < n, ASCII.isLetter(p[nameEnd]) || ASCII.isDigit(p[nameEnd]) {
                key |= UInt64(p[nameEnd] | 0x20) << shift
                shift += 8
                nameEnd += 1
            }
            guard nameEnd < n, p[nameEnd] == UInt8(ascii: ":") else { break }
            nameEnd += 1
            localStart = nameEnd
            key = 0
            shift = 0
        }
        let after = nameEnd < n && p[nameEnd] == UInt8(ascii: ">") ? nameEnd + 1 : skipTag(p, from: nameEnd)
        let kind =
            nameEnd - localStart <= 8
            ? ElementKind.classify(packed: key)
            : ElementKind.classify(UnsafeBufferPointer(rebasing: p[localStart..<nameEnd]))
        return apply(
            kind, closing: closing, name: nameStart..<nameEnd, after: after, in: p, preDepth: &preDepth, out: &out)
    }

    /// What a tag of this kind does to the text: a break, a space, an image's alt text, or
    /// for a script or style the skip to its end tag. Returns where reading goes on: `after`,
    /// the index after the tag, or past the end tag of a skipped element.
    static func apply(
        _ kind: ElementKind, closing: Bool, name: Range<Int>, after: Int, in p: UnsafeBufferPointer<UInt8>,
        preDepth: inout Int, out: inout PlainTextWriter
    ) -> Int {
        let n = p.count
        switch kind {
        case .raw where !closing:
            // Skip to the matching close tag of script/style, whatever it contains.
            let name = Array(p[name])
            var i = after
            while let lt = ASCII.findIgnoringCase(p, "</", from: i) {
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
            appendAltText(p, from: name.upperBound, to: after, into: &out)
        default:
            break
        }
        return after
    }

    /// An image stands for its alt text when it has one, e.g. emoji images in blog posts.
    private static func appendAltText(
        _ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: inout PlainTextWriter
    ) {
        guard let at = ASCII.findIgnoringCase(p, "alt=", from: from, limit: to) else { return }
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
        guard let base = p.baseAddress else { return p.count }
        let n = p.count
        var i = start
        while true {
            i = firstTagDelimiter(base, from: i, count: n)
            guard i < n else { return n }
            let b = base[i]
            if b == UInt8(ascii: ">") { return i + 1 }
            // Only an attribute value opens a quote: it follows `=`, possibly after spaces.
            var j = i - 1
            while j >= start, base[j] == UInt8(ascii: " ") { j -= 1 }
            if j >= start, base[j] == UInt8(ascii: "=") {
                i = ByteSearch.firstIndex(of: b, base, from: i + 1, count: n)
                guard i < n else { return n }
            }
            i += 1
        }
    }

    /// The index of the first `>`, `"` or `'` at or after `start`, or `n`.
    @inline(__always)
    private static func firstTagDelimiter(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        ByteSearch.firstIndex(ofAny: UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), base, from: start, count: n)
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
        return classify(packed: PackedKey.packFolded(name))
    }

    /// The kind of an element whose name of at most eight bytes is packed into `key`.
    ///
    /// The keys are constants, so that classifying a tag loads no table: each is a name's
    /// bytes folded and packed as ``PackedKey/packFolded(_:)-(C)`` packs them, read from the
    /// right (`"br"` is `0x72_62`).
    static func classify(packed key: UInt64) -> ElementKind {
        switch key {
        case 0x72_62, 0x69_6C, 0x72_74, 0x74_64, 0x64_64, 0x6E_6F_69_74_70_6F:
            // br, li, tr, dt, dd, option
            return .lineBreak
        case 0x70, 0x76_69_64, 0x31_68, 0x32_68, 0x33_68, 0x34_68, 0x35_68, 0x36_68, 0x6C_75, 0x6C_6F, 0x6C_64:
            // p, div, h1 to h6, ul, ol, dl
            return .paragraph
        case 0x65_6C_62_61_74, 0x6E_6F_69_74_63_65_73, 0x65_6C_63_69_74_72_61, 0x72_65_64_61_65_68,
            0x72_65_74_6F_6F_66, 0x65_64_69_73_61, 0x76_61_6E, 0x72_68, 0x65_72_75_67_69_66:
            // table, section, article, header, footer, aside, nav, hr, figure
            return .paragraph
        case 0x73_73_65_72_64_64_61, 0x6E_69_61_6D, 0x6D_72_6F_66, 0x74_65_73_64_6C_65_69_66,
            0x73_6C_69_61_74_65_64, 0x79_72_61_6D_6D_75_73, 0x72_65_74_6E_65_63, 0x79_64_6F_62_74, 0x64_61_65_68_74:
            // address, main, form, fieldset, details, summary, center, tbody, thead
            return .paragraph
        case 0x64_74, 0x68_74:
            // td, th
            return .cell
        case 0x65_72_70:
            // pre
            return .preformatted
        case 0x74_70_69_72_63_73, 0x65_6C_79_74_73, 0x74_70_69_72_63_73_6F_6E, 0x65_74_61_6C_70_6D_65_74,
            0x65_6D_61_72_66_69, 0x74_63_65_6A_62_6F, 0x67_76_73, 0x64_61_65_68, 0x65_6C_74_69_74,
            0x61_65_72_61_74_78_65_74:
            // script, style, noscript, template, iframe, object, svg, head, title, textarea
            return .raw
        case 0x67_6D_69:
            // img
            return .image
        default:
            return .inline
        }
    }
}
