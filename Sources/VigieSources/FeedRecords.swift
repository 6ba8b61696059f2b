import Foundation
import VigieFeeds
import VigieModel

/// Feeds read through VigieFeeds' parser, for every adapter that falls back on them.
enum FeedRecords {
    /// The parsed feed of `body`, or one line saying why it is none.
    static func parse(_ body: FetchedBody, _ kind: SourceKind) throws(AdapterError) -> ParsedFeed {
        do {
            return try FeedParser.parse(body.body, url: body.url, contentType: body.contentType)
        } catch {
            throw AdapterError(kind, "\(body.url) is not a feed (\(error))")
        }
    }

    /// A page of the feed's entries as records: kinds and replied-to posts as the parser
    /// detected them; in a comments request an entry the parser took for a post is a
    /// comment on the request's post. The cursor is the newest date seen, when any is, in
    /// a request for posts: comments since it come again rather than go missing.
    static func page(_ feed: ParsedFeed, purpose: PlannedRequest.Purpose) -> AdapterPage {
        var records: [ImportRecord] = []
        var newest: Date?
        for entry in feed.entries {
            guard let record = record(entry, feed: feed, purpose: purpose) else { continue }
            if let date = record.publishedAt, newest.map({ date > $0 }) ?? true { newest = date }
            records.append(record)
        }
        if case .comments = purpose { newest = nil }
        return AdapterPage(records: records, cursor: newest.map(Timestamp.format))
    }

    static func record(_ entry: FeedEntry, feed: ParsedFeed, purpose: PlannedRequest.Purpose) -> ImportRecord? {
        let title = entry.title?.string
        let text = (entry.content ?? entry.summary)?.string ?? ""
        let body = text.isEmpty ? (title ?? "") : text
        guard !body.isEmpty else { return nil }
        var kind = entry.kind ?? .post
        var parentURL = entry.inReplyTo
        if case .comments(let requestParent) = purpose {
            if kind == .post { kind = .comment }
            parentURL = parentURL ?? requestParent
        }
        return ImportRecord(
            url: entry.link?.string, title: title, author: entry.author?.string,
            publishedAt: entry.published ?? entry.updated, lang: entry.language ?? feed.feed.language,
            body: body, kind: kind, parentURL: kind == .post ? nil : parentURL)
    }
}
