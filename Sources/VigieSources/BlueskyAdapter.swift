import Foundation
import VigieFeeds
import VigieModel

/// Bluesky post search (https://docs.bsky.app/docs/api/app-bsky-feed-search-posts) for
/// `options["query"]`, on the public AppView unless the source's URL names another host.
/// With `options["identifier"]` and the password the worker puts in `options["password"]`
/// (read from the variable `password_env` names), the pass starts with a session
/// (https://docs.bsky.app/docs/api/com-atproto-server-create-session) whose token goes on
/// the searches; the password is never part of a request's description.
///
/// The cursor is the newest post's sort time, sent as `since`; a later pass follows the
/// search's own `cursor` page by page down to it, the first pass reads one page.
public struct BlueskyAdapter: SourceAdapter {
    static let limit = 100
    static let publicAppView = "https://public.api.bsky.app"
    static let defaultServer = "https://bsky.social"

    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let query = source.options["query"], !query.isEmpty else { return [] }
        guard let identifier = source.options["identifier"], !identifier.isEmpty,
            let password = source.options["password"], !password.isEmpty
        else { return [search(source, page: nil, token: nil)] }
        let credentials = ["identifier": identifier, "password": password]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(credentials)).map { [UInt8]($0) }
        let url = ServiceURL.make(source.url ?? Self.defaultServer, "/xrpc/com.atproto.server.createSession")
        return [
            PlannedRequest(
                url: url, method: "POST", headers: ["Content-Type": "application/json"], body: body,
                accept: "application/json", purpose: .session)
        ]
    }

    private func search(_ source: Source, page: String?, token: String?) -> PlannedRequest {
        let base = source.url ?? (token == nil ? Self.publicAppView : Self.defaultServer)
        var parameters = [("q", source.options["query"] ?? ""), ("sort", "latest"), ("limit", String(Self.limit))]
        if let since = source.state.cursor { parameters.append(("since", since)) }
        if let page { parameters.append(("cursor", page)) }
        return PlannedRequest(
            url: ServiceURL.make(base, "/xrpc/app.bsky.feed.searchPosts", parameters),
            headers: token.map { ["Authorization": "Bearer " + $0] } ?? [:], accept: "application/json")
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        if request.purpose == .session {
            let session = try JSONBody.decode(Session.self, body, .bluesky)
            return AdapterPage(follow: [search(source, page: nil, token: session.accessJwt)])
        }
        let result = try JSONBody.decode(SearchResult.self, body, .bluesky)
        var follow: [PlannedRequest] = []
        if source.state.cursor != nil, let next = result.cursor, !next.isEmpty, !result.posts.isEmpty {
            // The same search, token included, one page further.
            var request = request
            request.url = ServiceURL.setting("cursor", next, in: request.url)
            follow.append(request)
        }
        // Only the first page moves the cursor, and never back.
        var cursor: String?
        if ServiceURL.parameter("cursor", in: request.url) == nil,
            let newest = result.posts.compactMap(\.sortedAt).max(),
            source.state.cursor.flatMap(FeedDate.parse).map({ newest > $0 }) ?? true
        {
            cursor = Timestamp.format(newest)
        }
        return AdapterPage(records: result.posts.compactMap { $0.importRecord() }, follow: follow, cursor: cursor)
    }
}

extension BlueskyAdapter {
    /// The session's token (the fields read).
    struct Session: Decodable {
        var accessJwt: String
    }

    struct SearchResult: Decodable {
        var cursor: String?
        var posts: [PostView]
    }

    /// `app.bsky.feed.defs#postView` (the fields read).
    struct PostView: Decodable {
        var uri: String
        var author: Author
        var record: Record
        var indexedAt: String

        struct Author: Decodable {
            var did: String
            var handle: String
        }

        /// `app.bsky.feed.post`.
        struct Record: Decodable {
            var text: String
            var createdAt: String
            var langs: [String]?
        }

        /// Search's sort time: the earlier of when the post says it was made and when it was indexed.
        var sortedAt: Date? {
            let dates = [record.createdAt, indexedAt].compactMap(FeedDate.parse)
            return dates.min()
        }

        /// `at://{did}/app.bsky.feed.post/{rkey}` shown at `https://bsky.app/profile/{handle}/post/{rkey}`.
        var webURL: String? {
            let parts = uri.split(separator: "/")
            guard uri.hasPrefix("at://"), parts.count == 4, parts[2] == "app.bsky.feed.post" else { return nil }
            return "https://bsky.app/profile/\(author.handle)/post/\(parts[3])"
        }

        func importRecord() -> ImportRecord? {
            let text = record.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return nil }
            return ImportRecord(
                url: webURL ?? uri, author: author.handle, publishedAt: FeedDate.parse(record.createdAt),
                lang: record.langs?.first, body: text)
        }
    }
}
