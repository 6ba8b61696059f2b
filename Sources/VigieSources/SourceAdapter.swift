import VigieModel

/// Turns a source into requests, and the answers into posts. Adapters do no I/O: the
/// worker fetches what `plan` and each page's `follow` ask for, politely, and stores what
/// `read` gives back.
public protocol SourceAdapter: Sendable {
    /// The first requests of a pass over `source`, from its URL, options and cursor.
    func plan(_ source: Source) -> [PlannedRequest]
    /// Posts, further requests and the new cursor from one answer to `request`.
    func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError) -> AdapterPage
}

/// The adapter of each collected kind.
public enum SourceAdapters {
    public static func adapter(for kind: SourceKind) -> (any SourceAdapter)? {
        switch kind {
        case .feed: FeedAdapter()
        case .mastodon: MastodonAdapter()
        case .wordpress: WordPressAdapter()
        case .blogger: BloggerAdapter()
        case .bluesky: BlueskyAdapter()
        case .reddit: RedditAdapter()
        case .hackernews: HackerNewsAdapter()
        case .file, .synthetic, .sample: nil
        }
    }
}
