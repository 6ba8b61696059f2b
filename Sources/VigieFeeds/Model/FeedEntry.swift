import Foundation
import VigieModel

/// One entry: a post, a comment or a pingback.
///
/// Texts read from the feed are ``FeedText``: slices of the feed's bytes, or of the plain
/// text the parser made, with no string made per field. The language is a `String`, most
/// often the feed's own, shared by its entries; the comments link and the post replied to
/// are made by the parser for the few entries that have them.
public struct FeedEntry: Sendable, Hashable, Codable {
    /// The feed's id for the entry, or a stable id derived from its link, title and date.
    public var id: FeedText?
    public var title: FeedText?
    public var titleHTML: FeedText?
    public var link: FeedText?
    public var author: FeedText?
    public var published: Date?
    public var updated: Date?
    public var summary: FeedText?
    public var summaryHTML: FeedText?
    public var content: FeedText?
    public var contentHTML: FeedText?
    public var language: String?
    /// The entry's categories, first occurrences only.
    public var categories: [FeedText] {
        get {
            guard let firstCategory else { return [] }
            return moreCategories.isEmpty ? [firstCategory] : [firstCategory] + moreCategories
        }
        set {
            firstCategory = newValue.first
            moreCategories = Array(newValue.dropFirst())
        }
    }
    /// The first category is kept apart from the others: most entries have one or none, and
    /// a list of one would cost the parse an allocation per entry. `moreCategories` is empty
    /// whenever `firstCategory` is nil.
    private var firstCategory: FeedText?
    private var moreCategories: [FeedText] = []
    public var kind: PostKind?
    /// Where the entry's comments are: a comments feed when given, else the comments page.
    public var commentsLink: String?
    /// For a comment or pingback, the post it answers.
    public var inReplyTo: String?

    public init(
        id: FeedText? = nil, title: FeedText? = nil, titleHTML: FeedText? = nil, link: FeedText? = nil,
        author: FeedText? = nil,
        published: Date? = nil, updated: Date? = nil, summary: FeedText? = nil, summaryHTML: FeedText? = nil,
        content: FeedText? = nil, contentHTML: FeedText? = nil, language: String? = nil, categories: [FeedText] = [],
        kind: PostKind? = nil, commentsLink: String? = nil, inReplyTo: String? = nil
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
        self.kind = kind
        self.commentsLink = commentsLink
        self.inReplyTo = inReplyTo
        self.categories = categories
    }

    /// An entry with no field set, for the mappers to fill. The public initializer called
    /// with its default arguments builds the entry aside and then copies it, with a
    /// runtime call per field.
    init(blank: Void) {}

    /// Adds a category after the others.
    mutating func appendCategory(_ category: consuming FeedText) {
        if firstCategory == nil {
            firstCategory = category
        } else {
            moreCategories.append(category)
        }
    }

    /// Removes empty and repeated categories, keeping the first of each; a single category
    /// that is not empty is left as it is.
    mutating func removeDuplicateCategories() {
        if moreCategories.isEmpty {
            if firstCategory?.isEmpty == true { firstCategory = nil }
            return
        }
        // Entries carry a few categories: a linear search beats hashing them.
        var kept: [FeedText] = []
        for category in categories where !category.isEmpty && !kept.contains(category) { kept.append(category) }
        categories = kept
    }

    private enum CodingKeys: String, CodingKey {
        case id, title
        case titleHTML = "title_html"
        case link, author, published, updated, summary
        case summaryHTML = "summary_html"
        case content
        case contentHTML = "content_html"
        case language, categories, kind
        case commentsLink = "comments_link"
        case inReplyTo = "in_reply_to"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(FeedText.self, forKey: .id)
        title = try c.decodeIfPresent(FeedText.self, forKey: .title)
        titleHTML = try c.decodeIfPresent(FeedText.self, forKey: .titleHTML)
        link = try c.decodeIfPresent(FeedText.self, forKey: .link)
        author = try c.decodeIfPresent(FeedText.self, forKey: .author)
        published = try RFC3339.decode(c, .published)
        updated = try RFC3339.decode(c, .updated)
        summary = try c.decodeIfPresent(FeedText.self, forKey: .summary)
        summaryHTML = try c.decodeIfPresent(FeedText.self, forKey: .summaryHTML)
        content = try c.decodeIfPresent(FeedText.self, forKey: .content)
        contentHTML = try c.decodeIfPresent(FeedText.self, forKey: .contentHTML)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        kind = try c.decodeIfPresent(PostKind.self, forKey: .kind)
        commentsLink = try c.decodeIfPresent(String.self, forKey: .commentsLink)
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo)
        categories = try c.decodeIfPresent([FeedText].self, forKey: .categories) ?? []
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

extension [FeedEntry] {
    /// Appends an entry that `fill` sets up in place, in the list's own storage: an entry
    /// filled aside and then appended is copied there, twice, and without `consume` with a
    /// retain and a release for each of its texts.
    mutating func appendEntry(_ fill: (inout FeedEntry) -> Void) {
        append(FeedEntry(blank: ()))
        withUnsafeMutableBufferPointer { entries in fill(&entries[entries.count - 1]) }
    }
}
