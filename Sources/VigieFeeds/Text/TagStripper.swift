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
