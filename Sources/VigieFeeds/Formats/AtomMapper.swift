import Foundation

/// Atom 1.0 and 0.3, with threading (`thr:in-reply-to`) for Blogger and WordPress comments.
struct AtomMapper {
    let context: MappingContext
    var document: XMLDocument { context.document }

    func map(root: Int) -> (FeedMetadata, [FeedEntry]) {
        var feed = FeedMetadata()
        var links: [Link] = []
        var entries: [Int] = []
        for child in document.children(root) {
            guard isAtom(child) else {
                if document.nodes[child].ns == .dc, document.isLocal(child, "language") {
                    feed.language = feed.language ?? document.trimmedText(child)
                }
                continue
            }
            if document.isLocal(child, "entry") {
                entries.append(child)
            } else if document.isLocal(child, "title") {
                let text = context.atomText(child)
                feed.title = text?.plain.string
                feed.titleHTML = text?.html?.string
            } else if document.isLocal(child, "subtitle") || document.isLocal(child, "tagline") {
                let text = context.atomText(child)
                feed.subtitle = text?.plain.string
                feed.subtitleHTML = text?.html?.string
            } else if document.isLocal(child, "link") {
                links.append(link(child))
            } else if document.isLocal(child, "author") {
                feed.author = feed.author ?? personName(child)
            } else if document.isLocal(child, "updated") || document.isLocal(child, "modified") {
                feed.updated = context.date(child, field: document.localName(child))
            } else if document.isLocal(child, "published") || document.isLocal(child, "issued") {
                feed.published = context.date(child, field: document.localName(child))
            }
        }
        feed.link = alternate(links)
        feed.language = context.xmlLang(at: root) ?? feed.language
        let mapped = entries.map { entry($0, feed: feed) }
        return (feed, mapped)
    }

    private struct Link {
        var rel: String
        var type: String?
        var href: String?
    }

    private func link(_ node: Int) -> Link {
        Link(
            rel: document.lowercasedAttribute(node, .none, "rel") ?? "alternate",
            type: document.lowercasedAttribute(node, .none, "type"),
            href: context.link(hrefOrText: node))
    }

    /// The alternate link, preferring HTML.
    private func alternate(_ links: [Link]) -> String? {
        var first: String?
        for link in links where link.rel == "alternate" {
            guard let href = link.href else { continue }
            if link.type == nil || link.type == "text/html" || link.type == "application/xhtml+xml" { return href }
            first = first ?? href
        }
        return first
    }

    /// The link to an entry's replies, preferring an Atom feed of them.
    private static func replies(_ links: [Link]) -> String? {
        var first: String?
        for link in links where link.rel == "replies" {
            guard let href = link.href else { continue }
            if link.type == "application/atom+xml" { return href }
            first = first ?? href
        }
        return first
    }

    private func entry(_ node: Int, feed: FeedMetadata) -> FeedEntry {
        var entry = FeedEntry()
        var links: [Link] = []
        var categories: [String] = []
        var replyTarget: String?
        var created: Date?
        var sourceAuthor: String?
        var mediaTitle: String?
        var mediaDescription: MappingContext.Text?
        for child in document.children(node) {
            switch document.nodes[child].ns {
            case .atom10, .atom03, .none:
                if document.isLocal(child, "id") {
                    entry.id = document.trimmedText(child)
                } else if document.isLocal(child, "title") {
                    let text = context.atomTextStrings(child)
                    entry.title = text?.plain
                    entry.titleHTML = text?.html
                } else if document.isLocal(child, "link") {
                    links.append(link(child))
                } else if document.isLocal(child, "author") {
                    entry.author = entry.author ?? personName(child)
                } else if document.isLocal(child, "published") || document.isLocal(child, "issued") {
                    entry.published = context.date(child, field: document.localName(child))
                } else if document.isLocal(child, "created") {
                    created = context.date(child, field: "created")
                } else if document.isLocal(child, "updated") || document.isLocal(child, "modified") {
                    entry.updated = context.date(child, field: document.localName(child))
                } else if document.isLocal(child, "summary") {
                    let text = context.atomText(child)
                    entry.summary = text?.plain
                    entry.summaryHTML = text?.html
                } else if document.isLocal(child, "content") {
                    if document.attribute(child, .none, "src") == nil {
                        let text = context.atomText(child)
                        entry.content = text?.plain
                        entry.contentHTML = text?.html
                    }
                } else if document.isLocal(child, "category") {
                    if let term = document.withAttribute(child, .none, "term", HTMLText.collapsingWhitespace(utf8:))
                        ?? document.withAttribute(child, .none, "label", HTMLText.collapsingWhitespace(utf8:))
                    {
                        categories.append(term)
                    }
                } else if document.isLocal(child, "source") {
                    if let author = document.firstChild(child, document.nodes[child].ns, "author") {
                        sourceAuthor = personName(author)
                    }
                }
            case .thr:
                if document.isLocal(child, "in-reply-to") {
                    replyTarget =
                        context.link(document.attribute(child, .none, "href"), at: child)
                        ?? document.attribute(child, .none, "ref").flatMap(nonEmpty)
                }
            case .dc:
                if document.isLocal(child, "subject"), let value = context.plainText(child) {
                    categories.append(value)
                } else if document.isLocal(child, "creator"), entry.author == nil {
                    entry.author = context.authorName(child)
                }
            case .media:
                if mediaTitle == nil, document.isLocal(child, "title") || document.isLocal(child, "group") {
                    mediaTitle =
                        document.isLocal(child, "title")
                        ? context.plainText(child)
                        : document.firstChild(child, .media, "title").flatMap(context.plainText)
                }
                // Video sites (YouTube) describe an entry only in media:group/media:description.
                if mediaDescription == nil {
                    let node =
                        document.isLocal(child, "description")
                        ? child : document.firstChild(child, .media, "description")
                    mediaDescription = node.flatMap(context.htmlOrText)
                }
            default:
                break
            }
        }
        if entry.title == nil { entry.title = mediaTitle }
        if entry.summary == nil, entry.content == nil, let mediaDescription {
            entry.summary = mediaDescription.plain
            entry.summaryHTML = mediaDescription.html
        }
        if entry.published == nil { entry.published = created }
        entry.link = alternate(links)
        entry.author = entry.author ?? sourceAuthor ?? feed.author
        entry.language = context.xmlLang(at: node) ?? feed.language
        entry.categories = RSSMapper.unique(categories)
        entry.commentsLink = Self.replies(links)
        CommentDetection.classify(&entry, commentFeed: false, replyTarget: replyTarget)
        return entry
    }

    private func personName(_ node: Int) -> String? {
        let ns = document.nodes[node].ns
        if let name = document.firstChild(node, ns, "name") {
            let given = document.withText(name) { p -> String?? in
                let range = p.rangeTrimmingASCIIWhitespace()
                return range.isEmpty ? .none : MappingContext.authorName(utf8: UnsafeBufferPointer(rebasing: p[range]))
            }
            if let given { return given }
        }
        if let email = document.firstChild(node, ns, "email") { return document.trimmedText(email) }
        return document.trimmedText(node).flatMap(MappingContext.authorName)
    }

    private func isAtom(_ node: Int) -> Bool {
        let ns = document.nodes[node].ns
        return ns == .atom10 || ns == .atom03 || ns == .none
    }
}
