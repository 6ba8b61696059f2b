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
    private let start: Int
    public let utf8Count: Int

    init(storage: TextStorage, start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.utf8Count = count
    }

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
        try storage.bytes.withUnsafeBufferPointer { p in
            try body(UnsafeBufferPointer(rebasing: p[start..<(start + utf8Count)]))
        }
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

/// Bytes that ``FeedText`` values point into. The parser appends to it while it builds a
/// feed and never after it returns, so values that reach other threads only read it.
final class TextStorage: @unchecked Sendable {
    private(set) var bytes: [UInt8]

    init(_ bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// A text for `bytes[start..<end]`.
    func text(_ start: Int, _ end: Int) -> FeedText {
        FeedText(storage: self, start: start, count: end - start)
    }

    /// Appends valid UTF-8 and returns it as a text.
    func append(_ utf8: UnsafeBufferPointer<UInt8>) -> FeedText {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        return FeedText(storage: self, start: start, count: utf8.count)
    }

    func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }
}
