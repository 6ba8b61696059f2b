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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
