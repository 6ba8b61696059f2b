import Foundation

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
        case title
        case titleHTML = "title_html"
        case link, subtitle
        case subtitleHTML = "subtitle_html"
        case author, language
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
