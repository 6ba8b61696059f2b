import Foundation

/// A feed normalized to one shape whatever its format.
///
/// Encodes as `{"format", "bozo", "warnings", "feed": {...}, "entries": [...]}` with
/// snake_case keys; absent values and empty lists are omitted; dates are RFC 3339 in UTC.
public struct ParsedFeed: Sendable, Hashable, Codable {
    public var format: FeedFormat?
    /// True when the input was ill-formed and was read leniently; `warnings` says how.
    public var bozo: Bool
    public var warnings: [String]
    public var feed: FeedMetadata
    public var entries: [FeedEntry]

    public init(
        format: FeedFormat?, bozo: Bool = false, warnings: [String] = [], feed: FeedMetadata = FeedMetadata(),
        entries: [FeedEntry] = []
    ) {
        self.format = format
        self.bozo = bozo
        self.warnings = warnings
        self.feed = feed
        self.entries = entries
    }

    private enum CodingKeys: String, CodingKey {
        case format, bozo, warnings, feed, entries
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(FeedFormat.self, forKey: .format)
        bozo = try c.decodeIfPresent(Bool.self, forKey: .bozo) ?? false
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        feed = try c.decodeIfPresent(FeedMetadata.self, forKey: .feed) ?? FeedMetadata()
        entries = try c.decodeIfPresent([FeedEntry].self, forKey: .entries) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encode(bozo, forKey: .bozo)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(feed, forKey: .feed)
        try c.encode(entries, forKey: .entries)
    }

    /// Pretty, key-sorted JSON, as `vigie feed parse` prints it.
    public func jsonData() throws -> Data {
        try Self.encoder().encode(self)
    }

    /// The bytes of ``jsonData()`` in pieces, a few hundred entries at a time, so that the
    /// JSON of a large feed is never all in memory: the encoder builds a tree of every value
    /// first, which for a 10 MiB feed takes more than the parsed feed itself.
    public func writeJSON(entriesPerPiece: Int = 256, _ write: (Data) throws -> Void) throws {
        let encoder = Self.encoder()
        var outline = self
        outline.entries = []
        let head = try encoder.encode(outline)
        // The encoder writes an empty list on two lines.
        let emptyList = Data("  \"entries\" : [\n\n  ]".utf8)
        guard !entries.isEmpty, let list = head.range(of: emptyList) else { return try write(head) }
        try write(head[..<list.lowerBound] + Data("  \"entries\" : [\n".utf8))
        var start = 0
        while start < entries.count {
            let end = min(start + max(1, entriesPerPiece), entries.count)
            // A list alone has its items two spaces in; inside the feed they are four spaces
            // in. Its brackets are dropped, and empty lines stay empty, as the encoder has them.
            let list = [UInt8](try encoder.encode(Array(entries[start..<end])))
            var piece: [UInt8] = []
            piece.reserveCapacity(list.count + list.count / 8)
            // From the line after "[" to the line before "]".
            var lineStart = (list.firstIndex(of: UInt8(ascii: "\n")) ?? list.count - 1) + 1
            let last = list.lastIndex(of: UInt8(ascii: "\n")) ?? lineStart
            while lineStart < last {
                let lineEnd = list[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? last
                if lineEnd > lineStart { piece.append(contentsOf: "  ".utf8) }
                piece.append(contentsOf: list[lineStart...lineEnd])
                lineStart = lineEnd + 1
            }
            if end < entries.count { piece.insert(UInt8(ascii: ","), at: piece.count - 1) }
            try write(Data(piece))
            start = end
        }
        try write(Data("  ]".utf8) + head[list.upperBound...])
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
