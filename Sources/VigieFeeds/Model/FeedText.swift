#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text of a feed entry as valid UTF-8 bytes that share the buffers of the feed they came
/// from: the input, the text whose references the tokenizer decoded, and the plain text
/// made from HTML.
///
/// Post bodies are most of a feed's bytes. Keeping them as slices means a parse makes no
/// string per body and copies none; a `String` is made when one is asked for (`string`,
/// `description`, JSON), and a consumer that writes the bytes elsewhere (a database
/// parameter, a file) never needs one.
public struct FeedText: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    private let storage: TextStorage
    // Offsets in 32 bits make a text 16 bytes rather than 24, and an entry a quarter
    // smaller: no storage holds 4 GiB (the parser reads at most 1 GiB).
    private let start32: UInt32
    private let count32: UInt32

    /// The text's length in bytes of UTF-8.
    public var utf8Count: Int { Int(count32) }
    private var start: Int { Int(start32) }

    init(storage: TextStorage, start: Int, count: Int) {
        self.storage = storage
        start32 = UInt32(start)
        count32 = UInt32(count)
    }

    /// A text holding `string`, which must be shorter than 4 GiB.
    public init(_ string: String) {
        let bytes = Array(string.utf8)
        self.init(storage: TextStorage(bytes), start: 0, count: bytes.count)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var isEmpty: Bool { utf8Count == 0 }

    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    public var description: String { string }

    /// Calls `body` with the text's UTF-8 bytes, valid for the call only.
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withBytes { p in
            try body(UnsafeBufferPointer(rebasing: p[start..<(start + utf8Count)]))
        }
    }

    /// Whether the text holds the byte `b`: one `memchr`.
    func containsByte(_ b: UInt8) -> Bool {
        withUTF8 { p in
            guard let base = p.baseAddress else { return false }
            return memchr(base, Int32(b), p.count) != nil
        }
    }

    /// Byte-wise substring test, as `String.containsBytes` does.
    func containsBytes(_ needle: StaticString) -> Bool {
        withUTF8 { p in
            guard let base = p.baseAddress else { return needle.utf8CodeUnitCount == 0 }
            return findBytes(base, p.count, needle) != nil
        }
    }

    /// Whether the text starts with `prefix`, byte for byte.
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        withUTF8 { $0.count >= prefix.utf8CodeUnitCount && $0.hasBytePrefix(prefix) }
    }

    /// The text without leading and trailing ASCII whitespace and control characters.
    func trimmingASCIIWhitespace() -> FeedText {
        let trimmed = withUTF8 { $0.rangeTrimmingASCIIWhitespace() }
        return FeedText(storage: storage, start: start + trimmed.lowerBound, count: trimmed.count)
    }

    public static func == (a: FeedText, b: FeedText) -> Bool {
        a.utf8Count == b.utf8Count && a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

/// Bytes that ``FeedText`` values point into: either an array the parser already holds (the
/// input, the decoded text), wrapped without a copy, or memory of its own that the parser
/// appends to (plain text made from HTML). The parser appends while it builds a feed and
/// never after it returns, so values that reach other threads only read it.
///
/// The appended bytes are kept in the storage itself, not in a buffer object it holds: a
/// buffer held across the call that writes into it would be retained and released around
/// every body's plain text.
final class TextStorage: @unchecked Sendable {
    private let array: [UInt8]
    /// The appended bytes, nil for a wrapped array; grown with `realloc`.
    private var base: UnsafeMutablePointer<UInt8>?
    private var stored = 0
    private var capacity = 0

    /// The number of bytes stored.
    var count: Int { base == nil ? array.count : stored }

    /// Wraps `bytes`, which are never appended to.
    init(_ bytes: [UInt8]) {
        array = bytes
    }

    /// An empty storage to append to, with room for `capacity` bytes before it grows. Room
    /// that is never written costs no memory: the pages are only touched when written.
    init(capacity: Int) {
        array = []
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit {
        free(base)
    }

    /// Calls `body` with the stored bytes, valid for the call only.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let base { return try body(UnsafeBufferPointer(start: base, count: stored)) }
        return try array.withUnsafeBufferPointer(body)
    }

    /// A text for `bytes[start..<end]`.
    func text(_ start: Int, _ end: Int) -> FeedText {
        FeedText(storage: self, start: start, count: end - start)
    }

    /// Appends valid UTF-8 and returns it as a text.
    func append(_ utf8: UnsafeBufferPointer<UInt8>) -> FeedText {
        appending(maxCount: utf8.count) { destination in
            if let source = utf8.baseAddress { destination.update(from: source, count: utf8.count) }
            return utf8.count
        }
    }

    /// Has `write` write valid UTF-8 of at most `maxCount` bytes straight into the storage,
    /// and returns what it wrote (its return value, the count) as a text. What `write`
    /// reads must not be in this storage: making room may move it.
    @inline(__always)
    func appending(maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> FeedText {
        precondition(base != nil, "appending to a wrapped array")
        if stored + maxCount > capacity { grow(toHold: stored + maxCount) }
        let start = stored
        let written = write(base.unsafelyUnwrapped + start)
        precondition(written >= 0 && written <= maxCount, "wrote more than room was made for")
        stored += written
        return FeedText(storage: self, start: start, count: written)
    }

    @inline(never)
    private func grow(toHold needed: Int) {
        capacity = max(capacity * 2, needed)
        base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
    }
}
