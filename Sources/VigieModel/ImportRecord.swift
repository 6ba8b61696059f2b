import Foundation

/// One post as it arrives from a local file, a feed or a generator, before storage.
///
/// This is also the JSONL import format, one object per line:
/// `{"url", "title", "author", "published_at", "lang", "body", "kind", "parent_url", "source"}`.
/// Only `body` is required; `kind` defaults to `post`.
public struct ImportRecord: Codable, Sendable, Hashable {
    public var url: String?
    public var title: String?
    public var author: String?
    public var publishedAt: Date?
    public var lang: String?
    public var body: String
    public var kind: PostKind
    public var parentURL: String?
    /// Name of the source (a blog, a feed, a file) the post belongs to.
    public var source: String?

    public init(
        url: String? = nil, title: String? = nil, author: String? = nil, publishedAt: Date? = nil,
        lang: String? = nil, body: String, kind: PostKind = .post, parentURL: String? = nil,
        source: String? = nil
    ) {
        self.url = url
        self.title = title
        self.author = author
        self.publishedAt = publishedAt
        self.lang = lang
        self.body = body
        self.kind = kind
        self.parentURL = parentURL
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case url, title, author, lang, body, kind, source
        case publishedAt = "published_at"
        case parentURL = "parent_url"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        lang = try c.decodeIfPresent(String.self, forKey: .lang)
        body = try c.decode(String.self, forKey: .body)
        kind = try c.decodeChoiceIfPresent(PostKind.self, forKey: .kind) ?? .post
        parentURL = try c.decodeIfPresent(String.self, forKey: .parentURL)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        if let text = try c.decodeIfPresent(String.self, forKey: .publishedAt) {
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .publishedAt, in: c,
                    debugDescription: "'\(text)' is not an RFC 3339 date or YYYY-MM-DD")
            }
            publishedAt = date
        } else {
            publishedAt = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(publishedAt.map(Timestamp.format), forKey: .publishedAt)
        try c.encodeIfPresent(lang, forKey: .lang)
        try c.encode(body, forKey: .body)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(parentURL, forKey: .parentURL)
        try c.encodeIfPresent(source, forKey: .source)
    }
}
