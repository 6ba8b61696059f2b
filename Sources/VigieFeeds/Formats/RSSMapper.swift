import Foundation

/// RSS 0.90–0.94, RSS 1.0 (RDF) and RSS 2.0, with the namespaces publishers add: Dublin
/// Core, content:encoded, atom:link, slash, wfw, media and iTunes.
struct RSSMapper {
    let context: MappingContext
    var document: XMLDocument { context.document }

    func map(root: Int) -> (FeedMetadata, [FeedEntry]) {
        let channel = firstRSS(root, "channel") ?? (document.isLocal(root, "channel") ? root : nil)
        var feed = FeedMetadata()
        // RSS 2.0 and 0.9x keep items in the channel, found as its metadata is read; RSS 1.0
        // and 0.90 beside it.
        var items: [Int] = []
        if let channel {
            feed = metadata(channel, items: &items)
        }
        if feed.language == nil { feed.language = context.xmlLang(at: channel ?? root) }
        if channel != root {
            for child in document.topLevelChildren(root) where child.record == .item && Self.isRSS(child.ns) {
                items.append(child.node)
            }
        }
        let commentFeed = CommentDetection.isCommentFeedTitle(feed.title)
        // Items are children of the channel or of the root: their languages are read once.
        let channelLanguage = channel.map(context.xmlLang(at:)) ?? nil
        let rootLanguage = context.xmlLang(at: root)
        var entries: [FeedEntry] = []
        entries.reserveCapacity(items.count)
        for item in items {
            let inParent = document.nodes[item].parent == channel ? channelLanguage : rootLanguage
            entry(item, feed: feed, commentFeed: commentFeed, parentLanguage: inParent, into: &entries)
        }
        return (feed, entries)
    }

    /// The channel's metadata; its items are added to `items` on the way.
    private func metadata(_ channel: Int, items: inout [Int]) -> FeedMetadata {
        var feed = FeedMetadata()
        var alternate: String?
        var webMaster: String?
        for element in document.topLevelChildren(channel) {
            let child = element.node
            switch element.ns {
            case .none, .rss10, .rss090:
                if element.record == .item {
                    items.append(child)
                } else if document.isLocal(child, "title") {
                    if let text = context.htmlOrText(child) {
                        feed.title = text.plain.string
                        feed.titleHTML = text.html?.string
                    }
                } else if document.isLocal(child, "link") {
                    if feed.link == nil { feed.link = context.link(text: child)?.string }
                } else if document.isLocal(child, "description") {
                    if let text = context.htmlOrText(child) {
                        feed.subtitle = text.plain.string
                        feed.subtitleHTML = text.html?.string
                    }
                } else if document.isLocal(child, "language") {
                    feed.language = document.trimmedText(child)
                } else if document.isLocal(child, "managingEditor") || document.isLocal(child, "author") {
                    feed.author = feed.author ?? context.authorName(child)
                } else if document.isLocal(child, "webMaster") {
                    webMaster = webMaster ?? context.authorName(child)
                } else if document.isLocal(child, "lastBuildDate") {
                    feed.updated = context.date(child, field: "lastBuildDate")
                } else if document.isLocal(child, "pubDate") {
                    feed.published = context.date(child, field: "pubDate")
                }
            case .dc:
                if document.isLocal(child, "creator") || document.isLocal(child, "author") || document.isLocal(child, "publisher") {
                    feed.author = feed.author ?? context.authorName(child)
                } else if document.isLocal(child, "language") {
                    feed.language = feed.language ?? document.trimmedText(child)
                } else if document.isLocal(child, "date") {
                    feed.updated = feed.updated ?? context.date(child, field: "dc:date")
                } else if document.isLocal(child, "title") {
                    feed.title = feed.title ?? context.plainText(child)
                } else if document.isLocal(child, "description") {
                    feed.subtitle = feed.subtitle ?? context.plainText(child)
                }
            case .dcterms:
                if document.isLocal(child, "modified") {
                    feed.updated = feed.updated ?? context.date(child, field: "dcterms:modified")
                } else if document.isLocal(child, "issued") || document.isLocal(child, "created") {
                    feed.published = feed.published ?? context.date(child, field: "dcterms:issued")
                }
            case .atom10:
                if document.isLocal(child, "link") {
                    let rel = document.attribute(child, .none, "rel") ?? "alternate"
                    if rel == "alternate", alternate == nil {
                        alternate = context.link(href: child)?.string
                    }
                } else if document.isLocal(child, "updated") {
                    feed.updated = feed.updated ?? context.date(child, field: "atom:updated")
                }
            case .itunes:
                if document.isLocal(child, "author") {
                    feed.author = feed.author ?? context.authorName(child)
                } else if document.isLocal(child, "subtitle") || document.isLocal(child, "summary") {
                    feed.subtitle = feed.subtitle ?? context.plainText(child)
                }
            default:
                break
            }
        }
        if feed.link == nil { feed.link = alternate }
        // The webmaster runs the site; the editor or the author is a better name for its words.
        if feed.author == nil { feed.author = webMaster }
        return feed
    }

    /// Appends the entry for `item`, its fields written in its slot of the list as they are
    /// read (see ``Swift/Array/appendEntry(_:)``).
    private func entry(
        _ item: Int, feed: FeedMetadata, commentFeed: Bool, parentLanguage: String?, into entries: inout [FeedEntry]
    ) {
        entries.appendEntry { entry in
            fill(&entry, item, feed: feed, commentFeed: commentFeed, parentLanguage: parentLanguage)
        }
    }

    private func fill(
        _ entry: inout FeedEntry, _ item: Int, feed: FeedMetadata, commentFeed: Bool, parentLanguage: String?
    ) {
        // Read once: each read of the computed `document` costs a retain and a release.
        let document = document
        // The entry's id holds the guid until the end.
        var guidIsPermalink = true
        var atomLink: FeedText?
        var mediaTitle: FeedText?
        var comments: String?
        var commentRSS: String?
        var replies: String?
        var dcDate: Date?
        var language: String?
        var rssAuthor: FeedText?
        var dcCreator: FeedText?
        var itunesAuthor: FeedText?

        for child in document.children(item) {
            switch document.nodes[child].ns {
            case .none, .rss10, .rss090:
                if document.isLocal(child, "title") {
                    if let text = context.shortHTMLOrText(child), !text.plain.isEmpty {
                        MappingContext.set(&entry.title, &entry.titleHTML, text)
                    }
                } else if document.isLocal(child, "link") {
                    if entry.link == nil { entry.link = context.link(text: child) }
                } else if document.isLocal(child, "description") {
                    MappingContext.set(&entry.summary, &entry.summaryHTML, context.htmlOrText(child))
                } else if document.isLocal(child, "guid") {
                    entry.id = document.trimmedTextValue(child)
                    guidIsPermalink = !document.attribute(child, .none, "isPermaLink", equalsIgnoringCase: "false")
                } else if document.isLocal(child, "author") {
                    rssAuthor = rssAuthor ?? context.authorNameValue(child)
                } else if document.isLocal(child, "pubDate") {
                    entry.published = context.date(child, field: "pubDate")
                } else if document.isLocal(child, "category") {
                    if let value = context.plainTextValue(child) { entry.appendCategory(value) }
                } else if document.isLocal(child, "comments") {
                    comments = context.link(text: child)?.string
                } else if document.isLocal(child, "fullitem") {
                    // feedparser reads `fullitem` as content:encoded, and a bare `body` as
                    // xhtml:body.
                    if entry.content == nil { MappingContext.set(&entry.content, &entry.contentHTML, context.htmlOrText(child)) }
                } else if document.isLocal(child, "body"), entry.content == nil {
                    MappingContext.set(&entry.content, &entry.contentHTML, xhtmlBody(child))
                }
            case .dc:
                if document.isLocal(child, "creator") || document.isLocal(child, "author") || document.isLocal(child, "contributor") {
                    dcCreator = dcCreator ?? context.authorNameValue(child)
                } else if document.isLocal(child, "date") {
                    dcDate = context.date(child, field: "dc:date")
                } else if document.isLocal(child, "subject") {
                    if let value = context.plainTextValue(child) { entry.appendCategory(value) }
                } else if document.isLocal(child, "title") {
                    if entry.title == nil { entry.title = context.plainTextValue(child) }
                } else if document.isLocal(child, "description") {
                    if entry.summary == nil { MappingContext.set(&entry.summary, &entry.summaryHTML, context.htmlOrText(child)) }
                } else if document.isLocal(child, "language") {
                    language = document.trimmedText(child)
                } else if document.isLocal(child, "identifier") {
                    if entry.id == nil { entry.id = document.trimmedTextValue(child) }
                }
            case .dcterms:
                if document.isLocal(child, "modified") {
                    entry.updated = context.date(child, field: "dcterms:modified")
                } else if document.isLocal(child, "issued") || document.isLocal(child, "created") {
                    dcDate = dcDate ?? context.date(child, field: "dcterms:issued")
                }
            case .content:
                if document.isLocal(child, "encoded") {
                    MappingContext.set(&entry.content, &entry.contentHTML, context.htmlOrText(child))
                }
            case .xhtml:
                if document.isLocal(child, "body"), entry.content == nil {
                    MappingContext.set(&entry.content, &entry.contentHTML, xhtmlBody(child))
                }
            case .atom10:
                if document.isLocal(child, "link") {
                    let rel = document.attribute(child, .none, "rel") ?? "alternate"
                    if rel == "alternate" { atomLink = atomLink ?? context.link(href: child) }
                    if rel == "replies" { replies = replies ?? context.link(href: child)?.string }
                } else if document.isLocal(child, "updated") {
                    if entry.updated == nil { entry.updated = context.date(child, field: "atom:updated") }
                } else if document.isLocal(child, "id") {
                    if entry.id == nil { entry.id = document.trimmedTextValue(child) }
                }
            case .wfw:
                if document.isLocal(child, "commentRss") || document.isLocal(child, "commentRSS") {
                    commentRSS = context.link(text: child)?.string
                }
            case .media:
                if mediaTitle == nil { mediaTitle = self.mediaTitle(child) }
                if entry.summary == nil, document.isLocal(child, "description") {
                    MappingContext.set(&entry.summary, &entry.summaryHTML, context.htmlOrText(child))
                }
            case .itunes:
                if document.isLocal(child, "author") {
                    itunesAuthor = itunesAuthor ?? context.authorNameValue(child)
                } else if document.isLocal(child, "summary"), entry.summary == nil {
                    MappingContext.set(&entry.summary, &entry.summaryHTML, context.htmlOrText(child))
                } else if document.isLocal(child, "title"), mediaTitle == nil {
                    mediaTitle = context.plainTextValue(child)
                }
            default:
                break
            }
        }
        // A name is preferred to a bare address, whichever element gives it.
        entry.author = MappingContext.preferringNames(consume rssAuthor, consume dcCreator, consume itunesAuthor)
        if entry.published == nil {
            entry.published = dcDate
        } else if entry.updated == nil, let dcDate, dcDate != entry.published {
            entry.updated = dcDate
        }
        if entry.link == nil { entry.link = atomLink }
        if entry.link == nil, guidIsPermalink,
            entry.id?.hasBytePrefix("http://") == true || entry.id?.hasBytePrefix("https://") == true
        {
            entry.link = entry.id
        }
        // RSS 1.0 names its item by rdf:about.
        if entry.id == nil {
            entry.id = document.attributeValue(item, .rdf, "about").map { $0.trimmingASCIIWhitespace() }.flatMap {
                $0.isEmpty ? nil : $0
            }
        }
        if entry.title == nil { entry.title = mediaTitle }
        CommentDetection.classify(&entry, commentFeed: commentFeed, replyTarget: nil)
        entry.language = language ?? context.xmlLang(at: item, inParent: parentLanguage) ?? feed.language
        entry.removeDuplicateCategories()
        entry.commentsLink = commentRSS ?? replies ?? comments
    }

    /// An XHTML `body`'s markup, made safe.
    private func xhtmlBody(_ node: Int) -> MappingContext.Text? {
        context.safeHTML(context.text(fromPossibleHTML: document.innerXML(node)), at: node)
    }

    /// media:title directly, or inside media:content or media:group.
    private func mediaTitle(_ node: Int) -> FeedText? {
        if document.isLocal(node, "title") { return context.plainTextValue(node) }
        if document.isLocal(node, "content") || document.isLocal(node, "group") {
            for child in document.children(node) where document.nodes[child].ns == .media {
                if let title = mediaTitle(child) { return title }
            }
        }
        return nil
    }

    /// The namespaces of RSS elements: none (RSS 0.9x, 2.0), RSS 1.0's and RSS 0.90's.
    private static func isRSS(_ ns: XMLNamespace) -> Bool {
        ns == .none || ns == .rss10 || ns == .rss090
    }

    private func firstRSS(_ node: Int, _ local: StaticString) -> Int? {
        document.topLevelChildren(node).first { Self.isRSS($0.ns) && document.isLocal($0.node, local) }?.node
    }
}

func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingASCIIWhitespace()
    return trimmed.isEmpty ? nil : trimmed
}
