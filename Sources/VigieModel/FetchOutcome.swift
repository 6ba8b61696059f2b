import Foundation

/// How a fetch of a source ended, as far as its schedule is concerned.
public enum FetchOutcomeKind: String, Sendable, Hashable, Codable {
    /// New content read (a 2xx answer).
    case fetched
    /// The source answered 304: nothing new since the validators it was sent.
    case notModified
    /// A network error, a timeout, an HTTP error status, a body the adapter could not read.
    case failed
}

/// What a collector learned from one pass over a source, stored on the source's row by
/// `SourceLeases.complete`. The worker computes `nextFetchAt` with ``SourceSchedule``.
///
/// On success (`fetched`, `notModified`) the consecutive errors go back to 0 and
/// `lastError` is cleared; on `failed` they grow by one and `error` is kept. Validators
/// (`etag`, `lastModified`) and `cursor` replace the stored ones only when not nil.
public struct FetchOutcome: Sendable, Hashable {
    public var kind: FetchOutcomeKind
    /// The last HTTP status seen, nil when no answer came (DNS, connect, timeout).
    public var status: Int?
    public var etag: String?
    public var lastModified: String?
    /// The adapter's new resume point; nil leaves the stored one.
    public var cursor: String?
    /// One line for `last_error` (a failure's description).
    public var error: String?
    public var retryAfter: Duration?
    /// Set when every redirect to the final URL was permanent: the URL to store.
    public var permanentURL: String?
    public var fetchedAt: Date
    public var nextFetchAt: Date

    public init(
        kind: FetchOutcomeKind, status: Int? = nil, etag: String? = nil, lastModified: String? = nil,
        cursor: String? = nil, error: String? = nil, retryAfter: Duration? = nil, permanentURL: String? = nil,
        fetchedAt: Date, nextFetchAt: Date
    ) {
        self.kind = kind
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.cursor = cursor
        self.error = error
        self.retryAfter = retryAfter
        self.permanentURL = permanentURL
        self.fetchedAt = fetchedAt
        self.nextFetchAt = nextFetchAt
    }

    public var isSuccess: Bool { kind != .failed }
}
