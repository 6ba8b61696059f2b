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
