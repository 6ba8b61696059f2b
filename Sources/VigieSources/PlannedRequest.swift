import VigieModel

/// One HTTP request an adapter wants made: the worker fetches it and hands the answer back
/// to the adapter's `read`.
public struct PlannedRequest: Sendable, Hashable, CustomStringConvertible {
    /// Why the request is made, and so how its answer is read.
    public enum Purpose: Sendable, Hashable {
        case posts
        /// Comments of one post (its URL when known: a WordPress post's `link`).
        case comments(parentURL: String?)
        /// A step before the posts: an account looked up, a page searched for its feed.
        case discovery
        /// A login whose token goes on the next requests (Bluesky's `createSession`).
        case session
    }

    public var url: String
    public var method: String
    public var headers: [String: String]
    public var body: [UInt8]?
    public var accept: String?
    /// Send the source's stored ETag and Last-Modified with it.
    public var conditional: Bool
    /// An HTML page, to which robots.txt applies.
    public var isPage: Bool
    /// Hand a 404 to `read` rather than record it as the source's error: the adapter has a
    /// fallback for it (a WordPress site without its REST API is read from its feeds).
    public var readsNotFound: Bool
    public var purpose: Purpose

    public init(
        url: String, method: String = "GET", headers: [String: String] = [:], body: [UInt8]? = nil,
        accept: String? = nil, conditional: Bool = false, isPage: Bool = false, readsNotFound: Bool = false,
        purpose: Purpose = .posts
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.accept = accept
        self.conditional = conditional
        self.isPage = isPage
        self.readsNotFound = readsNotFound
        self.purpose = purpose
    }

    /// The method and URL only: a body or an `Authorization` header may hold a password or
    /// a token, and this is what logs show.
    public var description: String { "\(method) \(url)" }
}

/// What came back for a ``PlannedRequest``, as the adapter reads it.
public struct FetchedBody: Sendable {
    public var status: Int
    /// The final URL, after redirects.
    public var url: String
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int = 200, url: String, contentType: String? = nil, body: [UInt8]) {
        self.status = status
        self.url = url
        self.contentType = contentType
        self.body = body
    }
}

/// What an adapter made of one response.
public struct AdapterPage: Sendable {
    /// Posts and comments; the worker sets their source name.
    public var records: [ImportRecord]
    /// Requests to make next: the next page, the comments of new posts, a discovered feed.
    public var follow: [PlannedRequest]
    /// The resume point to save with the source; nil leaves the saved one as it is.
    public var cursor: String?
    /// Set by autodiscovery: the feed a page announced, to store as the source's URL.
    public var discoveredFeedURL: String?

    public init(
        records: [ImportRecord] = [], follow: [PlannedRequest] = [], cursor: String? = nil,
        discoveredFeedURL: String? = nil
    ) {
        self.records = records
        self.follow = follow
        self.cursor = cursor
        self.discoveredFeedURL = discoveredFeedURL
    }
}
