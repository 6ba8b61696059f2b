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

    public init(format: FeedFormat?, bozo: Bool = false, warnings: [String] = [], feed: FeedMetadata = FeedMetadata(), entries: [FeedEntry] = []) {
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

/// Feed-level fields.
public struct FeedMetadata: Sendable, Hashable, Codable {
    public var title: String?
    public var titleHTML: String?
    public var link: String?
    public var subtitle: String?
    public var subtitleHTML: String?
    public var author: String?
    public var language: String?
    public var updated: Date?
    public var published: Date?

    public init(
        title: String? = nil, titleHTML: String? = nil, link: String? = nil, subtitle: String? = nil,
        subtitleHTML: String? = nil, author: String? = nil, language: String? = nil, updated: Date? = nil,
        published: Date? = nil
    ) {
        self.title = title
        self.titleHTML = titleHTML
        self.link = link
        self.subtitle = subtitle
        self.subtitleHTML = subtitleHTML
        self.author = author
        self.language = language
        self.updated = updated
        self.published = published
    }

    private enum CodingKeys: String, CodingKey {
        case title, titleHTML = "title_html", link, subtitle, subtitleHTML = "subtitle_html", author, language
        case updated, published
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        titleHTML = try c.decodeIfPresent(String.self, forKey: .titleHTML)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        subtitleHTML = try c.decodeIfPresent(String.self, forKey: .subtitleHTML)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        updated = try RFC3339.decode(c, .updated)
        published = try RFC3339.decode(c, .published)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(titleHTML, forKey: .titleHTML)
        try c.encodeIfPresent(link, forKey: .link)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(subtitleHTML, forKey: .subtitleHTML)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(updated.map(RFC3339.string), forKey: .updated)
        try c.encodeIfPresent(published.map(RFC3339.string), forKey: .published)
    }
}

/// One entry: a post, a comment or a pingback.
public struct FeedEntry: Sendable, Hashable, Codable {
    /// The feed's id for the entry, or a stable id derived from its link, title and date.
    public var id: String?
    public var title: String?
    public var titleHTML: String?
    public var link: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    public var summary: String?
    public var summaryHTML: String?
    public var content: String?
    public var contentHTML: String?
    public var language: String?
    public var categories: [String]
    public var kind: EntryKind?
    /// Where the entry's comments are: a comments feed when given, else the comments page.
    public var commentsLink: String?
    /// For a comment or pingback, the post it answers.
    public var inReplyTo: String?

    public init(
        id: String? = nil, title: String? = nil, titleHTML: String? = nil, link: String? = nil, author: String? = nil,
        published: Date? = nil, updated: Date? = nil, summary: String? = nil, summaryHTML: String? = nil,
        content: String? = nil, contentHTML: String? = nil, language: String? = nil, categories: [String] = [],
        kind: EntryKind? = nil, commentsLink: String? = nil, inReplyTo: String? = nil
    ) {
        self.id = id
        self.title = title
        self.titleHTML = titleHTML
        self.link = link
        self.author = author
        self.published = published
        self.updated = updated
        self.summary = summary
        self.summaryHTML = summaryHTML
        self.content = content
        self.contentHTML = contentHTML
        self.language = language
        self.categories = categories
        self.kind = kind
        self.commentsLink = commentsLink
        self.inReplyTo = inReplyTo
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, titleHTML = "title_html", link, author, published, updated, summary
        case summaryHTML = "summary_html", content, contentHTML = "content_html", language, categories, kind
        case commentsLink = "comments_link", inReplyTo = "in_reply_to"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        titleHTML = try c.decodeIfPresent(String.self, forKey: .titleHTML)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        published = try RFC3339.decode(c, .published)
        updated = try RFC3339.decode(c, .updated)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        summaryHTML = try c.decodeIfPresent(String.self, forKey: .summaryHTML)
        content = try c.decodeIfPresent(String.self, forKey: .content)
        contentHTML = try c.decodeIfPresent(String.self, forKey: .contentHTML)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        kind = try c.decodeIfPresent(EntryKind.self, forKey: .kind)
        commentsLink = try c.decodeIfPresent(String.self, forKey: .commentsLink)
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(titleHTML, forKey: .titleHTML)
        try c.encodeIfPresent(link, forKey: .link)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(published.map(RFC3339.string), forKey: .published)
        try c.encodeIfPresent(updated.map(RFC3339.string), forKey: .updated)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(summaryHTML, forKey: .summaryHTML)
        try c.encodeIfPresent(content, forKey: .content)
        try c.encodeIfPresent(contentHTML, forKey: .contentHTML)
        try c.encodeIfPresent(language, forKey: .language)
        if !categories.isEmpty { try c.encode(categories, forKey: .categories) }
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(commentsLink, forKey: .commentsLink)
        try c.encodeIfPresent(inReplyTo, forKey: .inReplyTo)
    }
}

/// RFC 3339 timestamps in UTC, to the second: `2024-03-05T09:30:00Z`.
public enum RFC3339 {
    public static func string(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, m, d) = CivilDate.fromDays(floorDiv(seconds, 86_400))
        let secondOfDay = Int(seconds - floorDiv(seconds, 86_400) * 86_400)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = FeedDate.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an RFC 3339 date")
        }
        return date
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
