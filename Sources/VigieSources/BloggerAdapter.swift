import VigieModel

/// A Blogger blog through its Atom feeds, posts and comments
/// (https://developers.google.com/blogger/docs/2.0/developers_guide_protocol): comments
/// are linked to their post by `thr:in-reply-to`, else by their `alternate` link, as the
/// feed parser reads them.
///
/// The cursor is the newest post's date, sent as `updated-min` to both feeds: an edited
/// post or a new comment since then comes again, nothing older is fetched twice.
public struct BloggerAdapter: SourceAdapter {
    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let base = source.url else { return [] }
        var query: [(String, String)] = []
        // Blogger lists newest first, 25 by default: since a cursor, up to its maximum of 500.
        if let cursor = source.state.cursor { query = [("updated-min", cursor), ("orderby", "updated"), ("max-results", "500")] }
        let accept = "application/atom+xml"
        return [
            PlannedRequest(url: ServiceURL.make(base, "/feeds/posts/default", query), accept: accept, conditional: true),
            PlannedRequest(
                url: ServiceURL.make(base, "/feeds/comments/default", query), accept: accept,
                purpose: .comments(parentURL: nil)),
        ]
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        FeedRecords.page(try FeedRecords.parse(body, .blogger), purpose: request.purpose)
    }
}
