import Foundation
import VigieFeeds
import VigieModel

/// Hacker News stories and comments that match `options["query"]`, newest first, through
/// its Algolia search API (https://hn.algolia.com/api, `search_by_date`). A comment is
/// linked to its story's page.
///
/// The cursor is the newest `created_at_i` seen, sent as `numericFilters=created_at_i>…`.
/// A later pass reads every page since it; the first pass reads one.
public struct HackerNewsAdapter: SourceAdapter {
    static let hitsPerPage = 100
    static let item = "https://news.ycombinator.com/item?id="

    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let url = searchURL(source, page: 0) else { return [] }
        return [PlannedRequest(url: url, accept: "application/json")]
    }

    private func searchURL(_ source: Source, page: Int) -> String? {
        guard let query = source.options["query"], !query.isEmpty else { return nil }
        var parameters = [("query", query), ("tags", "(story,comment)"), ("hitsPerPage", String(Self.hitsPerPage))]
        if let cursor = source.state.cursor { parameters.append(("numericFilters", "created_at_i>" + cursor)) }
        if page > 0 { parameters.append(("page", String(page))) }
        return ServiceURL.make(source.url ?? "https://hn.algolia.com", "/api/v1/search_by_date", parameters)
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        let result = try JSONBody.decode(SearchResult.self, body, .hackernews)
        var follow: [PlannedRequest] = []
        if source.state.cursor != nil, result.page + 1 < result.nbPages, let url = searchURL(source, page: result.page + 1) {
            follow.append(PlannedRequest(url: url, accept: "application/json"))
        }
        let newest = result.hits.map(\.createdAtI).max()
        let cursor = result.page == 0 ? newest.map(String.init) : nil
        return AdapterPage(records: result.hits.compactMap { $0.record() }, follow: follow, cursor: cursor)
    }
}

extension HackerNewsAdapter {
    struct SearchResult: Decodable {
        var hits: [Hit]
        var page: Int
        var nbPages: Int
    }

    /// A story or a comment (the fields read).
    struct Hit: Decodable {
        var objectID: String
        var createdAtI: Int64
        var title: String?
        var url: String?
        var author: String?
        var storyText: String?
        var commentText: String?
        var storyID: Int64?
        var tags: [String]

        enum CodingKeys: String, CodingKey {
            case objectID, title, url, author
            case createdAtI = "created_at_i"
            case storyText = "story_text"
            case commentText = "comment_text"
            case storyID = "story_id"
            case tags = "_tags"
        }

        func record() -> ImportRecord? {
            let published = Date(timeIntervalSince1970: TimeInterval(createdAtI))
            let url = HackerNewsAdapter.item + objectID
            if tags.contains("comment") {
                let body = HTMLText.plainText(commentText ?? "")
                guard !body.isEmpty else { return nil }
                return ImportRecord(
                    url: url, author: author, publishedAt: published, body: body, kind: .comment,
                    parentURL: storyID.map { HackerNewsAdapter.item + String($0) })
            }
            let title = title ?? ""
            let text = HTMLText.plainText(storyText ?? "")
            let body = !text.isEmpty ? text : self.url.map { title + "\n\n" + $0 } ?? title
            guard !body.isEmpty else { return nil }
            return ImportRecord(url: url, title: title.isEmpty ? nil : title, author: author, publishedAt: published, body: body)
        }
    }
}
