/// Collects plain text as markup is stripped: collapses whitespace, merges line and
/// paragraph breaks, and drops each finished line that is blog furniture, all in one pass
/// into a buffer that never grows (plain text is never longer than the HTML it came from).
///
/// Text may be written with a space at its end, as the stripper's runs of text are when a
/// tag or a reference follows them: that space stands for the one due before whatever is
/// written next, so no second space is written after it, and it is dropped where the line
/// ends. Nothing else writes a space but before text.
///
/// The buffer is never written past: a write that would not fit stops the program with a
/// precondition failure rather than cutting the text. It cannot happen for a buffer of the
/// HTML's length plus 8 bytes, as the stripper never writes more than it has read: a
/// reference or a tag is at least as long as what it is replaced with, breaks included.
struct PlainTextWriter: ~Copyable {
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    /// Where the current line's text starts.
    private var lineStart = 0
    /// Bytes of the break written before the current line: 0, 1 ("\n") or 2 ("\n\n").
    private var lineBreak = 0
    private var pendingBreak = 0
    private var pendingSpace = false
    /// The start and end of the last line found not to be furniture: a closing `</p>` and the
    /// next `<p>` both end the line, and the second check would only repeat the first. Lines
    /// are only ever removed from the end, after which this is cleared.
    private var keptLine: (start: Int, end: Int) = (-1, -1)

    /// A writer into `buffer`, which must outlive it and have room for the HTML's length
    /// plus 8 bytes. The parser has it write straight into a feed's text storage.
    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Calls `body` with a writer for the plain text of up to `capacity` bytes of HTML, for
    /// text made into a `String`. Short texts get their buffer on the stack and cost no
    /// allocation; longer ones get one from the heap.
    static func withWriter<R>(capacity: Int, _ body: (inout PlainTextWriter) -> R) -> R {
        guard capacity <= 248 else {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity + 8)
            defer { buffer.deallocate() }
            var writer = PlainTextWriter(buffer: buffer)
            return body(&writer)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            var writer = PlainTextWriter(buffer: buffer)
            return body(&writer)
        }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        // Room for the byte, a pending break of up to two bytes, and none past the end.
        precondition(count + 3 < capacity, "plain text longer than the writer's buffer")
        writePending()
        buffer[count] = b
        count += 1
    }

    /// Writes the break or space that is due before the next byte of text.
    @inline(__always)
    private mutating func writePending() {
        if pendingBreak > 0 {
            if count > 0 {
                buffer[count] = UInt8(ascii: "\n")
                count += 1
                if pendingBreak == 2 {
                    buffer[count] = UInt8(ascii: "\n")
                    count += 1
                }
                lineBreak = pendingBreak
            } else {
                lineBreak = 0
            }
            lineStart = count
            pendingBreak = 0
            pendingSpace = false
        } else if pendingSpace {
            if count > lineStart, buffer[count - 1] != UInt8(ascii: " ") {
                buffer[count] = UInt8(ascii: " ")
                count += 1
            }
            pendingSpace = false
        }
    }

    /// Text bytes written as they are: the same as calling ``byte(_:)`` for each, with one
    /// copy. The room needed is that for the bytes, a pending break of up to two bytes and
    /// the three bytes ``byte(_:)`` keeps free.
    @inline(__always)
    mutating func run(_ start: UnsafePointer<UInt8>, count length: Int) {
        guard length > 0 else { return }
        precondition(count + length + 5 < capacity, "plain text longer than the writer's buffer")
        writePending()
        UnsafeMutableRawPointer(buffer + count).copyMemory(from: start, byteCount: length)
        count += length
    }

    /// The run of ordinary text that starts at `start` (see ``TagStripper/runEnd(_:from:count:)``),
    /// found and then written as ``run(_:count:)`` writes; returns where the run ends. For a
    /// run that ``runDestination(forTheRestOf:)`` found no sure room for, near the end of
    /// the buffer, where the run alone may still fit (else ``run(_:count:)`` stops the
    /// program): any other is scanned and copied in one pass by the stripping loop itself.
    mutating func runNearEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        let end = TagStripper.runEnd(base, from: start + 1, count: n)
        run(base + start, count: end - start)
        return end
    }

    /// Where a run of text goes when up to `length` bytes fit with the break or space due
    /// before them, which is written; nil when they might not, and nothing is written.
    ///
    /// The stripping loop copies a run there with ``TagStripper/copyRun(_:from:count:to:)``
    /// and counts it with ``didWrite(_:)``, rather than calling the writer: a run is a few
    /// words between tags, and a call for each costs saving registers and loading the vector
    /// constants again.
    @inline(__always)
    mutating func runDestination(forTheRestOf length: Int) -> UnsafeMutablePointer<UInt8>? {
        guard count + length + 5 < capacity else { return nil }
        writePending()
        return buffer + count
    }

    /// Counts `length` bytes written at ``runDestination(forTheRestOf:)``.
    @inline(__always)
    mutating func didWrite(_ length: Int) {
        count += length
    }

    /// A Unicode scalar as UTF-8, the same as calling ``byte(_:)`` for each of its bytes.
    @inline(__always)
    mutating func scalar(_ value: UInt32) {
        if value < 0x80 {
            byte(UInt8(truncatingIfNeeded: value))
            return
        }
        let encoded: UInt32
        let length: Int
        switch value {
        case 0x80..<0x800:
            encoded = (0xC0 | value >> 6) | (0x80 | value & 0x3F) << 8
            length = 2
        case 0x800..<0x10000:
            encoded = (0xE0 | value >> 12) | (0x80 | (value >> 6) & 0x3F) << 8 | (0x80 | value & 0x3F) << 16
            length = 3
        default:
            encoded =
                (0xF0 | value >> 18) | (0x80 | (value >> 12) & 0x3F) << 8 | (0x80 | (value >> 6) & 0x3F) << 16
                | (0x80 | value & 0x3F) << 24
            length = 4
        }
        precondition(count + length + 5 < capacity, "plain text longer than the writer's buffer")
        writePending()
        // All four bytes are stored, the first lowest (little-endian, whatever the machine);
        // those past the scalar are overwritten by what follows, and fit in the room checked.
        UnsafeMutableRawPointer(buffer + count).storeBytes(of: encoded.littleEndian, as: UInt32.self)
        count += length
    }

    @inline(__always)
    mutating func space() {
        pendingSpace = true
    }

    /// 1 for a line break, 2 for a paragraph break.
    mutating func lineBreak(_ strength: Int) {
        if count > lineStart { endLine() }
        pendingBreak = max(pendingBreak, strength)
        pendingSpace = false
    }

    /// Ends the current line, which has text: drops its last space, then the line if it is
    /// furniture.
    private mutating func endLine() {
        if buffer[count - 1] == UInt8(ascii: " ") {
            // A line never starts with a space: it still has text.
            count -= 1
        }
        let length = count - lineStart
        guard length <= Boilerplate.maxLineLength, keptLine != (lineStart, count) else { return }
        let line = UnsafeBufferPointer(start: buffer + lineStart, count: length)
        if Boilerplate.isBoilerplate(line) {
            count = lineStart - lineBreak
            pendingBreak = max(pendingBreak, lineBreak)
            lineStart = count
            lineBreak = 0
            keptLine = (-1, -1)
        } else {
            keptLine = (lineStart, count)
        }
    }

    mutating func finish() -> String {
        if count > lineStart { endLine() }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// Ends the text and returns its length in bytes, for a writer whose buffer is where the
    /// text is kept. The writer only ever writes valid UTF-8 (whole runs of valid input,
    /// encoded scalars, ASCII).
    mutating func finishCount() -> Int {
        if count > lineStart { endLine() }
        return count
    }
}
