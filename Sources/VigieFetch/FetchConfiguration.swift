/// How a `Fetcher` behaves towards the sites it visits. Every limit has a safe default.
///
/// - `userAgent` (String): `Vigie/<version> (+<contact URL>)`, see `userAgent(version:contact:)`.
/// - `allowPrivateNetworks` (Bool, false): connect to any address (`--allow-private-networks`).
/// - `allowLoopback` (Bool, false): connect to loopback only, every other internal
///   address still refused (the tests' redirect-to-private case).
/// - `connectTimeout` (10 s), `readTimeout` (20 s, idle between two reads),
///   `totalTimeout` (60 s, the whole fetch: redirects, robots.txt and body included).
/// - `maximumBodyBytes` (8 MiB, after decompression), `maximumDecompressionRatio` (50).
/// - `maximumRedirects` (5), `perHostConcurrency` (2), `robotsTxt` (true),
///   `robotsTxtLifetime` (1 h).
public struct FetchConfiguration: Sendable {
    public var userAgent: String
    public var allowPrivateNetworks = false
    public var allowLoopback = false
    public var connectTimeout: Duration = .seconds(10)
    public var readTimeout: Duration = .seconds(20)
    public var totalTimeout: Duration = .seconds(60)
    public var maximumBodyBytes = 8 << 20
    public var maximumDecompressionRatio = 50
    public var maximumRedirects = 5
    public var perHostConcurrency = 2
    public var robotsTxt = true
    public var robotsTxtLifetime: Duration = .seconds(3600)

    public init(userAgent: String) {
        self.userAgent = userAgent
    }

    /// `Vigie/<version> (+<contact>)`: names Vigie and where its operator can be reached.
    public static func userAgent(version: String, contact: String) -> String {
        "Vigie/\(version) (+\(contact))"
    }
}

/// What a `FetchRequest` asks for.
public struct FetchRequest: Sendable {
    public var url: String
    public var method: String
    /// Extra headers, sent as given after the fetcher's own.
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Validators from the last fetch: sent as `If-None-Match` and `If-Modified-Since`.
    public var etag: String?
    public var lastModified: String?
    public var accept: String?
    /// An HTML page: robots.txt applies (APIs and feeds a site publishes are not checked).
    public var isPage: Bool

    public init(
        url: String, method: String = "GET", headers: [(String, String)] = [], body: [UInt8]? = nil,
        etag: String? = nil, lastModified: String? = nil, accept: String? = nil, isPage: Bool = false
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.accept = accept
        self.isPage = isPage
    }
}

/// What came back. Statuses of 400 and above are returned, not thrown.
public struct FetchResponse: Sendable {
    public var status: Int
    /// The final URL, after redirects.
    public var url: String
    /// Set when every hop to `url` was a 301 or 308: the URL to store in place of the old one.
    public var permanentURL: String?
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// Decompressed.
    public var body: [UInt8]
    /// From `Retry-After` (seconds or an HTTP-date) on a 429 or 503.
    public var retryAfter: Duration?
    public var elapsed: Duration

    public var notModified: Bool { status == 304 }

    public init(
        status: Int, url: String, permanentURL: String? = nil, etag: String? = nil, lastModified: String? = nil,
        contentType: String? = nil, body: [UInt8] = [], retryAfter: Duration? = nil, elapsed: Duration = .zero
    ) {
        self.status = status
        self.url = url
        self.permanentURL = permanentURL
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.body = body
        self.retryAfter = retryAfter
        self.elapsed = elapsed
    }
}
