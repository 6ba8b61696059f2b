import Foundation

/// Atom 1.0 and 0.3, with threading (`thr:in-reply-to`) for Blogger and WordPress comments.
struct AtomMapper {
    let context: MappingContext
    var document: XMLDocument { context.document }

    func map(root: Int) -> (FeedMetadata, [FeedEntry]) {
        var feed = FeedMetadata()
        var links = Links()
        var entries: [Int] = []
        for element in document.topLevelChildren(root) {
            let child = element.node
            guard Self.isAtom(element.ns) else {
                if element.ns == .dc, document.isLocal(child, "language") {
                    feed.language = feed.language ?? document.trimmedText(child)
                }
                continue
            }
            if element.record == .entry {
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
                links.add(child, context)
            } else if document.isLocal(child, "author") {
                feed.author = feed.author ?? personName(child)?.string
            } else if document.isLocal(child, "updated") || document.isLocal(child, "modified") {
                feed.updated = context.date(child, field: document.localName(child))
            } else if document.isLocal(child, "published") || document.isLocal(child, "issued") {
                feed.published = context.date(child, field: document.localName(child))
            }
        }
        feed.link = links.alternate?.string
        feed.language = context.xmlLang(at: root) ?? feed.language
        // Entries without an author of their own share the feed's.
        let feedAuthor = feed.author.map { FeedText($0) }
        var mapped: [FeedEntry] = []
        mapped.reserveCapacity(entries.count)
        for node in entries { entry(node, feed: feed, feedAuthor: feedAuthor, into: &mapped) }
        return (feed, mapped)
    }

    /// The links an Atom element gives, chosen as they are read: the alternate link,
    /// preferring HTML, and the link to the replies, preferring an Atom feed of them.
    private struct Links {
        /// The HTML alternate link once one is read, the first alternate link until then.
        private(set) var alternate: FeedText?
        private var alternateIsHTML = false
        /// The same for the link to the replies, preferring one to an Atom feed.
        private(set) var replies: FeedText?
        private var repliesIsAtom = false

        /// The alternate link, moved out rather than copied: a copy costs a retain, and
        /// the release of the original when the links are dropped.
        mutating func takeAlternate() -> FeedText? {
            var taken: FeedText?
            swap(&taken, &alternate)
            return taken
        }

        mutating func add(_ node: Int, _ context: MappingContext) {
            let document = context.document
            // A link's attributes are found in one pass, then read by index.
            let (rel, type, href) = document.attributeIndices(node, "rel", "type", "href")
            func hrefOrText() -> FeedText? { context.link(attribute: href, orTextOf: node) }
            func typeIs(_ value: StaticString) -> Bool {
                type.map { document.attributeValue(at: $0, equalsIgnoringCase: value) } ?? false
            }
            if rel.map({ document.attributeValue(at: $0, equalsIgnoringCase: "alternate") }) ?? true {
                guard !alternateIsHTML, let href = hrefOrText() else { return }
                if type == nil || typeIs("text/html") || typeIs("application/xhtml+xml") {
                    alternate = href
                    alternateIsHTML = true
                } else if alternate == nil {
                    alternate = href
                }
            } else if let rel, document.attributeValue(at: rel, equalsIgnoringCase: "replies") {
                guard !repliesIsAtom, let href = hrefOrText() else { return }
                if typeIs("application/atom+xml") {
                    replies = href
                    repliesIsAtom = true
                } else if replies == nil {
                    replies = href
                }
            }
        }
    }

    /// Appends the entry for the element `node`, its fields written in its slot of the list
    /// as they are read.
    private func entry(_ node: Int, feed: FeedMetadata, feedAuthor: FeedText?, into entries: inout [FeedEntry]) {
        entries.appendEntry { entry in fill(&entry, node, feed: feed, feedAuthor: feedAuthor) }
    }

    private func fill(_ entry: inout FeedEntry, _ node: Int, feed: FeedMetadata, feedAuthor: FeedText?) {
        // Read once: each read of the computed `document` costs a retain and a release.
        let document = document
        var links = Links()
        var replyTarget: String?
        var created: Date?
        var sourceAuthor: FeedText?
        var mediaTitle: FeedText?
        var mediaDescription: MappingContext.Text?
        // The element holding the entry's text, whose language is the entry's.
        var content: Int?
        var summary: Int?
        for child in document.children(node) {
            switch document.nodes[child].ns {
            case .atom10, .atom03, .none:
                if document.isLocal(child, "id") {
                    entry.id = document.trimmedTextValue(child)
                } else if document.isLocal(child, "title") {
                    MappingContext.set(&entry.title, &entry.titleHTML, context.shortAtomText(child))
                } else if document.isLocal(child, "link") {
                    links.add(child, context)
                } else if document.isLocal(child, "author") {
                    if entry.author == nil { entry.author = personName(child) }
                } else if document.isLocal(child, "published") || document.isLocal(child, "issued") {
                    entry.published = context.date(child, field: document.localName(child))
                } else if document.isLocal(child, "created") {
                    created = context.date(child, field: "created")
                } else if document.isLocal(child, "updated") || document.isLocal(child, "modified") {
                    entry.updated = context.date(child, field: document.localName(child))
                } else if document.isLocal(child, "summary") {
                    MappingContext.set(&entry.summary, &entry.summaryHTML, context.atomText(child))
                    summary = child
                } else if document.isLocal(child, "content") {
                    if !document.hasAttribute(child, .none, "src") {
                        content = child
                        MappingContext.set(&entry.content, &entry.contentHTML, context.atomText(child))
                    }
                } else if document.isLocal(child, "category") {
                    if let term = document.withAttribute(child, .none, "term", document.collapsedText(of:))
                        ?? document.withAttribute(child, .none, "label", document.collapsedText(of:))
                    {
                        entry.appendCategory(term)
                    }
                } else if document.isLocal(child, "source") {
                    if let author = document.firstChild(child, document.nodes[child].ns, "author") {
                        sourceAuthor = personName(author)
                    }
                }
            case .thr:
                if document.isLocal(child, "in-reply-to") {
                    replyTarget =
                        context.link(href: child)?.string
                        ?? document.attribute(child, .none, "ref").flatMap(nonEmpty)
                }
            case .dc:
                if document.isLocal(child, "subject"), let value = context.plainTextValue(child) {
                    entry.appendCategory(value)
                } else if document.isLocal(child, "creator"), entry.author == nil {
                    entry.author = context.authorNameValue(child)
                }
            case .media:
                if mediaTitle == nil, document.isLocal(child, "title") || document.isLocal(child, "group") {
                    mediaTitle =
                        document.isLocal(child, "title")
                        ? context.plainTextValue(child)
                        : document.firstChild(child, .media, "title").flatMap(context.plainTextValue)
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
        if entry.summary == nil, entry.content == nil, let mediaDescription {
            entry.summary = mediaDescription.plain
            entry.summaryHTML = mediaDescription.html
        }
        if entry.title == nil { entry.title = mediaTitle }
        entry.link = links.takeAlternate()
        CommentDetection.classify(&entry, commentFeed: false, replyTarget: replyTarget)
        if entry.author == nil { entry.author = sourceAuthor ?? feedAuthor }
        if entry.published == nil { entry.published = created }
        entry.language = context.bodyLanguage(content ?? summary, in: node, inParent: feed.language)
        entry.removeDuplicateCategories()
        entry.commentsLink = links.replies?.string
    }

    private func personName(_ node: Int) -> FeedText? {
        let ns = document.nodes[node].ns
        if let name = document.firstChild(node, ns, "name") {
            let given = document.withText(name) { p -> FeedText?? in
                let range = p.rangeTrimmingASCIIWhitespace()
                return range.isEmpty ? .none : context.authorNameValue(utf8: UnsafeBufferPointer(rebasing: p[range]))
            }
            if let given { return given }
        }
        if let email = document.firstChild(node, ns, "email") { return document.trimmedTextValue(email) }
        return context.authorNameValue(node)
    }

    private static func isAtom(_ ns: XMLNamespace) -> Bool {
        ns == .atom10 || ns == .atom03 || ns == .none
    }
}
