import Foundation

/// A place the collector watches: a feed, a blog, a search on a social network.
///
/// `url` is where the collector starts (a feed, a site, a service's base URL such as
/// `https://mastodon.social`); `options` say what to read there, by kind:
/// - `mastodon`: `hashtag` or `account` (`@name` or `@name@server`);
/// - `bluesky`: `query`; with `identifier` and `password_env` (the name of an environment
///   variable holding an app password) when the service asks for credentials;
/// - `reddit`: `query` (search) or `subreddit` (listing), optionally both (search within one);
/// - `hackernews`: `query`;
/// - `wordpress`, `blogger`, `feed`: none needed.
/// A brand's saved query, attached to a search source, is `options["brand"]`: the source
/// then searches for the brand's query as it is stored, whatever it becomes.
public struct Source: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var kind: SourceKind
    public var url: String?
    public var options: [String: String]
    /// Time between two fetches when all goes well.
    public var intervalSeconds: Int
    public var paused: Bool
    public var state: FetchState
    /// When `vigie source remove` retired it (its posts kept); never collected again.
    public var removedAt: Date? = nil

    public init(
        id: Int64, name: String, kind: SourceKind, url: String?, options: [String: String] = [:],
        intervalSeconds: Int = 900, paused: Bool = false, state: FetchState = FetchState()
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.url = url
        self.options = options
        self.intervalSeconds = intervalSeconds
        self.paused = paused
        self.state = state
    }
}

/// What a source's last fetches left behind: validators for conditional GET, the paging
/// cursor, and the health `vigie source list` shows.
public struct FetchState: Sendable, Hashable, Codable {
    public var etag: String?
    public var lastModified: String?
    /// The adapter's own resume point (a Mastodon `since_id`, a Bluesky cursor, the newest
    /// timestamp seen): opaque to storage.
    public var cursor: String?
    public var lastFetchAt: Date?
    public var lastStatus: Int?
    public var consecutiveErrors: Int
    public var nextFetchAt: Date?
    public var lastError: String?

    public init(
        etag: String? = nil, lastModified: String? = nil, cursor: String? = nil, lastFetchAt: Date? = nil,
        lastStatus: Int? = nil, consecutiveErrors: Int = 0, nextFetchAt: Date? = nil, lastError: String? = nil
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.cursor = cursor
        self.lastFetchAt = lastFetchAt
        self.lastStatus = lastStatus
        self.consecutiveErrors = consecutiveErrors
        self.nextFetchAt = nextFetchAt
        self.lastError = lastError
    }
}
