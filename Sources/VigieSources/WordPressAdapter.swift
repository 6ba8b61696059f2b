import Foundation
import VigieFeeds
import VigieModel

/// A WordPress site through its REST API: the newest posts
/// (https://developer.wordpress.org/rest-api/reference/posts/#list-posts), then the comments
/// of each (https://developer.wordpress.org/rest-api/reference/comments/#list-comments),
/// linked to their post. A site whose API is missing (a 404, or an answer that is not
/// JSON) is read from its feeds, `/feed/` and `/comments/feed/`, instead.
///
/// The cursor is the newest post's `date_gmt`. The first pass reads the newest posts; later
/// passes read the oldest posts `after` it, so that a burst of posts between two passes is
/// read over the next passes rather than skipped.
public struct WordPressAdapter: SourceAdapter {
    /// With a comments request for each, a pass stays within the worker's 10 requests.
    static let perPage = 9

    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let base = source.url else { return [] }
        let order = source.state.cursor == nil ? "desc" : "asc"
        var query = [("per_page", String(Self.perPage)), ("orderby", "date"), ("order", order), ("_embed", "author")]
        if let after = source.state.cursor { query.append(("after", after)) }
        let url = ServiceURL.make(base, "/wp-json/wp/v2/posts", query)
        return [PlannedRequest(url: url, accept: "application/json", readsNotFound: true)]
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        guard request.url.contains("/wp-json/") else {
            return FeedRecords.page(try FeedRecords.parse(body, .wordpress), purpose: request.purpose)
        }
        guard body.status != 404, JSONBody.looksLikeJSON(body) else { return fallback(source, request) }
        if case .comments(let parentURL) = request.purpose {
            let comments = try JSONBody.decode([Comment].self, body, .wordpress)
            return AdapterPage(records: comments.compactMap { $0.record(parentURL: parentURL) })
        }
        let posts = try JSONBody.decode([Post].self, body, .wordpress)
        let base = source.url ?? body.url
        let follow = posts.map { post in
            let query = [("post", String(post.id)), ("per_page", "100"), ("orderby", "date"), ("order", "asc")]
            return PlannedRequest(
                url: ServiceURL.make(base, "/wp-json/wp/v2/comments", query), accept: "application/json",
                purpose: .comments(parentURL: post.link))
        }
        let newest = posts.compactMap { post in Post.date(post.dateGMT).map { (post.dateGMT, $0) } }.max { $0.1 < $1.1 }
        return AdapterPage(records: posts.compactMap { $0.record() }, follow: follow, cursor: newest.map { $0.0 + "Z" })
    }

    /// The site's feeds in place of its API, read as a feed source reads them.
    private func fallback(_ source: Source, _ request: PlannedRequest) -> AdapterPage {
        guard request.purpose == .posts, let base = source.url else { return AdapterPage() }
        return AdapterPage(follow: [
            PlannedRequest(url: ServiceURL.make(base, "/feed/"), accept: FeedAdapter.accept),
            PlannedRequest(
                url: ServiceURL.make(base, "/comments/feed/"), accept: FeedAdapter.accept,
                purpose: .comments(parentURL: nil)),
        ])
    }
}

extension WordPressAdapter {
    /// `{"rendered": "…"}`, as WordPress gives titles, contents and excerpts.
    struct Rendered: Decodable {
        var rendered: String
    }

    struct Author: Decodable {
        var name: String?
        var slug: String?
    }

    struct Embedded: Decodable {
        var author: [Author]?
    }

    struct Post: Decodable {
        var id: Int
        /// `2026-12-05T09:30:00`: UTC, without a zone.
        var dateGMT: String
        var link: String
        var title: Rendered
        var content: Rendered
        var excerpt: Rendered?
        var embedded: Embedded?

        enum CodingKeys: String, CodingKey {
            case id, link, title, content, excerpt
            case dateGMT = "date_gmt"
            case embedded = "_embedded"
        }

        static func date(_ gmt: String) -> Date? { FeedDate.parse(gmt + "Z") }

        func record() -> ImportRecord? {
            let title = HTMLText.plainText(title.rendered)
            var body = HTMLText.plainText(content.rendered)
            if body.isEmpty { body = excerpt.map { HTMLText.plainText($0.rendered) } ?? "" }
            if body.isEmpty { body = title }
            guard !body.isEmpty else { return nil }
            let author = embedded?.author?.first.flatMap { $0.name ?? $0.slug }
            return ImportRecord(
                url: link, title: title.isEmpty ? nil : title, author: author, publishedAt: Self.date(dateGMT),
                body: body, kind: .post)
        }
    }

    struct Comment: Decodable {
        var id: Int
        var authorName: String?
        var dateGMT: String
        var link: String?
        var content: Rendered
        var type: String?

        enum CodingKeys: String, CodingKey {
            case id, link, content, type
            case authorName = "author_name"
            case dateGMT = "date_gmt"
        }

        func record(parentURL: String?) -> ImportRecord? {
            let body = HTMLText.plainText(content.rendered)
            guard !body.isEmpty else { return nil }
            let kind: PostKind = type == "pingback" || type == "trackback" ? .pingback : .comment
            return ImportRecord(
                url: link, author: authorName.flatMap { $0.isEmpty ? nil : $0 }, publishedAt: Post.date(dateGMT),
                body: body, kind: kind, parentURL: parentURL)
        }
    }
}
