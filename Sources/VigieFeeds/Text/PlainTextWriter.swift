/// Collects plain text as markup is stripped: collapses whitespace, merges line and
/// paragraph breaks, and drops each finished line that is blog furniture, all in one pass
/// into a buffer that never grows (plain text is never longer than the HTML it came from).
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

    init(capacity: Int) {
        self.capacity = capacity + 8
        buffer = .allocate(capacity: self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        // Never past the end, whatever the input: extra text is cut, not written out of bounds.
        guard count + 3 < capacity else { return }
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
            if count > lineStart {
                buffer[count] = UInt8(ascii: " ")
                count += 1
            }
            pendingSpace = false
        }
        buffer[count] = b
        count += 1
    }

    /// Ordinary text bytes (no spaces, markup or references).
    @inline(__always)
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first else { return }
        byte(first)
        let rest = bytes.count - 1
        guard rest > 0, count + rest + 3 < capacity else {
            for b in bytes.dropFirst() { byte(b) }
            return
        }
        (buffer + count).update(from: bytes.baseAddress! + 1, count: rest)
        count += rest
    }

    @inline(__always)
    mutating func scalar(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            byte(UInt8(value))
        case 0x80..<0x800:
            byte(UInt8(0xC0 | (value >> 6)))
            byte(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            byte(UInt8(0xE0 | (value >> 12)))
            byte(UInt8(0x80 | ((value >> 6) & 0x3F)))
            byte(UInt8(0x80 | (value & 0x3F)))
        default:
            byte(UInt8(0xF0 | (value >> 18)))
            byte(UInt8(0x80 | ((value >> 12) & 0x3F)))
            byte(UInt8(0x80 | ((value >> 6) & 0x3F)))
            byte(UInt8(0x80 | (value & 0x3F)))
        }
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

    private mutating func endLine() {
        let length = count - lineStart
        guard length <= Boilerplate.maxLineLength else { return }
        let line = UnsafeBufferPointer(start: buffer + lineStart, count: length)
        if Boilerplate.isBoilerplate(line) {
            count = lineStart - lineBreak
            pendingBreak = max(pendingBreak, lineBreak)
            lineStart = count
            lineBreak = 0
        }
    }

    consuming func finish() -> String {
        if count > lineStart { endLine() }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }
}
