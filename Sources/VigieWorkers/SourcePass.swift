import Foundation
import Logging
import VigieFetch
import VigieModel
import VigieSources

/// One pass over a source: the adapter's requests, fetched in turn, following pages,
/// comments and a discovered feed. Writes nothing: the collector stores the result, and
/// `vigie source test` prints it.
public struct SourcePass: Sendable {
    let fetcher: Fetcher
    /// Requests a source may make in one pass.
    let maximumRequests: Int

    public init(fetcher: Fetcher, maximumRequests: Int = 10) {
        self.fetcher = fetcher
        self.maximumRequests = maximumRequests
    }

    /// What one pass brought: its records and what to remember.
    public struct Result: Sendable {
        public var records: [ImportRecord] = []
        public var outcome: FetchOutcomeKind = .notModified
        public var status: Int?
        public var etag: String?
        public var lastModified: String?
        public var cursor: String?
        /// The URL to store from now on: a permanent redirect of the source's URL, or the
        /// feed a page announced.
        public var newURL: String?
        public var error: String?
        public var retryAfter: Duration?
        public var bytes = 0
        public var requests = 0
    }

    /// Runs the adapter's requests, following pages, comments and a discovered feed, up to
    /// `maximumRequestsPerPass`.
    public func run(_ source: Source, logger: Logger) async -> Result {
        var pass = Result()
        guard let adapter = SourceAdapters.adapter(for: source.kind) else {
            pass.outcome = .failed
            pass.error = "no collector for sources of kind \(source.kind.rawValue)"
            return pass
        }
        var queue = adapter.plan(source)[...]
        var first = true
        var fetchedAny = false
        while let request = queue.popFirst() {
            if pass.requests >= maximumRequests || Task.isCancelled { break }
            pass.requests += 1
            let isFirst = first
            first = false
            let response: FetchResponse
            do {
                response = try await fetcher.fetch(
                    FetchRequest(
                        url: request.url, method: request.method, headers: request.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                        body: request.body, etag: request.conditional ? source.state.etag : nil,
                        lastModified: request.conditional ? source.state.lastModified : nil, accept: request.accept,
                        isPage: request.isPage))
            } catch {
                pass.outcome = .failed
                pass.error = String(describing: error)
                return pass
            }
            pass.bytes += response.body.count
            if isFirst {
                pass.status = response.status
                if let permanent = response.permanentURL, permanent != source.url { pass.newURL = permanent }
            }
            if response.notModified {
                if isFirst { pass.etag = source.state.etag; pass.lastModified = source.state.lastModified }
                continue
            }
            // A 404 the adapter has a fallback for (WordPress without its REST API) is read.
            let readable = (200..<300).contains(response.status) || (response.status == 404 && request.readsNotFound)
            guard readable else {
                // A later page failing keeps what the first pages brought.
                pass.status = response.status
                pass.outcome = .failed
                pass.retryAfter = response.retryAfter
                pass.error = "HTTP \(response.status) from \(response.url)"
                return pass
            }
            do {
                let page = try adapter.read(
                    FetchedBody(status: response.status, url: response.url, contentType: response.contentType, body: response.body),
                    of: request, source: source)
                pass.records += page.records
                queue.append(contentsOf: page.follow)
                if let cursor = page.cursor { pass.cursor = cursor }
                if let feed = page.discoveredFeedURL { pass.newURL = feed }
                // Validators only once the body was read: a body the adapter refused must be
                // fetched whole again next time, not answered with a 304. A discovered feed's
                // are kept too: it is the URL fetched next time.
                if request.conditional || request.url == pass.newURL {
                    pass.etag = response.etag
                    pass.lastModified = response.lastModified
                }
                fetchedAny = true
            } catch {
                pass.outcome = .failed
                pass.error = String(describing: error)
                return pass
            }
        }
        pass.outcome = fetchedAny ? .fetched : .notModified
        logger.trace("pass done", metadata: ["requests": "\(pass.requests)", "records": "\(pass.records.count)"])
        return pass
    }

}
