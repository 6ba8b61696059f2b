/// Where a source's posts come from. Stored in `sources.kind`, whose CHECK constraint
/// lists the same values: a new kind needs a migration too.
public enum SourceKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Files given to `vigie import`.
    case file
    /// An RSS, Atom or JSON Feed fetched over HTTP.
    case feed
    /// The generated corpus of `vigie generate` and `vigie demo --synthetic`.
    case synthetic
    /// The bundled sample corpus.
    case sample
    /// A WordPress site: its REST API (`/wp-json/wp/v2/posts`, `/comments`), else its feeds.
    case wordpress
    /// A Blogger blog: its posts and comments feeds.
    case blogger
    /// A Mastodon server: a hashtag's public timeline or an account's public statuses.
    case mastodon
    /// Bluesky post search.
    case bluesky
    /// Reddit search or a subreddit's listing, as JSON.
    case reddit
    /// Hacker News, through its Algolia search API.
    case hackernews

    /// Kinds a collector fetches; the others are filled by imports and generators.
    public var isCollected: Bool {
        switch self {
        case .file, .synthetic, .sample: false
        case .feed, .wordpress, .blogger, .mastodon, .bluesky, .reddit, .hackernews: true
        }
    }

    /// Kinds that search a service for a query (a brand's saved query can be attached).
    public var isSearch: Bool {
        switch self {
        case .bluesky, .reddit, .hackernews: true
        case .mastodon: true  // a hashtag is the search Mastodon offers without an account
        case .file, .feed, .synthetic, .sample, .wordpress, .blogger: false
        }
    }
}
