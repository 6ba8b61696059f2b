import Foundation

/// Splits a stream of byte chunks into lines, holding at most one chunk plus one line.
///
/// The caller's `read` closure does the I/O (a file, standard input) and returns the next
/// chunk, or nil at the end. A line longer than `maximumLineBytes` is not kept: its bytes
/// are dropped as they arrive and it comes out as ``Line/tooLong``, so memory stays
/// bounded whatever the input holds.
public struct LineSplitter {
    public enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong
    }

    let read: () throws -> [UInt8]?
    let maximumLineBytes: Int
    var buffer: [UInt8] = []
    /// Start of the current line in `buffer`, and how far it has been searched for a newline.
    var start = 0
    var searched = 0
    var atEnd = false
    /// Dropping the rest of an over-long line.
    var discarding = false
    /// Bytes returned by `read` so far.
    var bytesRead = 0
    /// The number of the last line returned, from 1.
    public private(set) var lineNumber = 0

    public init(maximumLineBytes: Int, read: @escaping () throws -> [UInt8]?) {
        self.maximumLineBytes = maximumLineBytes
        self.read = read
    }

    /// Bytes of the input consumed up to the end of the last line returned.
    public var offset: Int { bytesRead - (buffer.count - start) }

    /// The next line without its newline, or nil at the end of the input.
    public mutating func next() throws -> Line? {
        while true {
            if let newline = findNewline() {
                let line = buffer[start..<newline]
                start = newline + 1
                searched = start
                lineNumber += 1
                if discarding || line.count > maximumLineBytes {
                    discarding = false
                    return .tooLong
                }
                return .text(line)
            }
            searched = buffer.count
            if buffer.count - start > maximumLineBytes {
                discarding = true
            }
            if discarding {
                start = buffer.count
                searched = start
            }
            if atEnd {
                guard start < buffer.count || discarding else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                if discarding {
                    discarding = false
                    return .tooLong
                }
                return .text(line)
            }
            try refill()
        }
    }

    private mutating func refill() throws {
        guard let chunk = try read() else {
            atEnd = true
            return
        }
        bytesRead += chunk.count
        // Keep only the unfinished line, so the buffer holds at most a line and a chunk.
        if start > 0 {
            buffer.removeSubrange(0..<start)
            searched -= start
            start = 0
        }
        buffer += chunk
    }

    private func findNewline() -> Int? {
        guard searched < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            let base = raw.baseAddress!
            guard let hit = memchr(base + searched, Int32(UInt8(ascii: "\n")), raw.count - searched) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
    }
}
