import Foundation
import Hummingbird

/// WordPress's REST API for posts and comments, in its documented shape
/// (https://developer.wordpress.org/rest-api/reference/posts/ and .../comments/):
/// `page` and `per_page` (1 to 100, default 10), `X-WP-Total` and `X-WP-TotalPages`
/// headers, newest first; `after` (ISO 8601) for posts, `post` for comments. Errors are
/// WordPress's `{code, message, data: {status}}`.
extension DemoSite {
    func wordPressPosts(_ request: Request) throws -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        let query = request.uri.queryParameters
        var posts = snapshot.posts
        if let after = query["after"].map(String.init) {
            guard let date = Self.iso8601(after) else { return Self.invalidParameter("after", "not an ISO 8601 date") }
            posts = posts.filter { $0.date > date }
        }
        var authors: [String: Int] = [:]
        for post in content.posts where authors[post.author] == nil { authors[post.author] = authors.count + 1 }
        return Self.wordPressPage(request, route: "posts", items: posts, lastModified: snapshot.lastModified) { post in
            let link = "\(base)/billets/\(post.content.slug)/"
            let date = Markup.wordPressDate(post.date)
            return [
                "id": post.id, "date": date, "date_gmt": date, "modified": date, "modified_gmt": date,
                "guid": ["rendered": "\(base)/?p=\(post.id)"], "slug": post.content.slug, "status": "publish",
                "type": "post", "link": link, "title": ["rendered": Markup.escaped(post.content.title)],
                "content": ["rendered": Markup.html(post.content.paragraphs), "protected": false],
                "excerpt": ["rendered": Markup.html(Array(post.content.paragraphs.prefix(1))), "protected": false],
                "author": authors[post.content.author] ?? 0, "comment_status": "open", "ping_status": "open",
                "format": "standard", "categories": [1], "tags": [Int](),
            ]
        }
    }

    func wordPressComments(_ request: Request) throws -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        var comments = snapshot.comments
        if let post = request.uri.queryParameters["post"].map(String.init) {
            guard let id = Int(post), id > 0 else { return Self.invalidParameter("post", "not a post id") }
            comments = comments.filter { $0.postID == id }
        }
        let slugs = Dictionary(uniqueKeysWithValues: snapshot.posts.map { ($0.id, $0.content.slug) })
        return Self.wordPressPage(request, route: "comments", items: comments, lastModified: comments.first?.date) {
            comment in
            let date = Markup.wordPressDate(comment.date)
            return [
                "id": comment.id, "post": comment.postID, "parent": 0, "author": 0,
                "author_name": comment.content.author, "author_url": "", "date": date, "date_gmt": date,
                "content": ["rendered": Markup.html([comment.content.text])],
                "link": "\(base)/billets/\(slugs[comment.postID] ?? "")/#comment-\(comment.id)",
                "status": "approved", "type": "comment",
            ]
        }
    }

    /// One page of `items` as WordPress pages its collections, with its validators.
    static func wordPressPage<Item>(
        _ request: Request, route: String, items: [Item], lastModified: Date?, _ json: (Item) -> [String: Any]
    ) -> Response {
        let query = request.uri.queryParameters
        guard let page = Int(query["page"].map(String.init) ?? "1"), page >= 1 else {
            return invalidParameter("page", "must be an integer of at least 1")
        }
        guard let perPage = Int(query["per_page"].map(String.init) ?? "10"), (1...100).contains(perPage) else {
            return invalidParameter("per_page", "must be between 1 (inclusive) and 100 (inclusive)")
        }
        let totalPages = (items.count + perPage - 1) / perPage
        guard page <= max(totalPages, 1) else {
            return badRequest([
                "code": "rest_\(route == "posts" ? "post" : "comment")_invalid_page_number",
                "message": "The page number requested is larger than the number of pages available.",
                "data": ["status": 400],
            ])
        }
        let slice = items.dropFirst((page - 1) * perPage).prefix(perPage)
        var headers: HTTPFields = [:]
        headers[HTTPFields.Element.Name("X-WP-Total")!] = String(items.count)
        headers[HTTPFields.Element.Name("X-WP-TotalPages")!] = String(totalPages)
        let validators = ConditionalGET("wp", route, "\(items.count)", "\(page)", "\(perPage)", lastModified: lastModified)
        return validators.response(request, contentType: "application/json; charset=UTF-8", extra: headers) {
            String(decoding: jsonBytes(slice.map(json)), as: UTF8.self)
        }
    }

    static func invalidParameter(_ name: String, _ reason: String) -> Response {
        badRequest([
            "code": "rest_invalid_param", "message": "Invalid parameter(s): \(name)",
            "data": ["status": 400, "params": [name: "\(name) \(reason)."]],
        ])
    }

    /// `2026-12-07T10:00:00`, with or without a zone (UTC when none, as WordPress reads `after`).
    static func iso8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        return formatter.date(from: text + "Z")
    }
}
