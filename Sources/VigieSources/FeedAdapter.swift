import VigieFeeds
import VigieModel

/// An RSS, Atom or JSON Feed at the source's URL, fetched conditionally. A page saved in
/// place of its feed is searched for the feed it announces, which becomes the source's URL.
public struct FeedAdapter: SourceAdapter {
    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let url = source.url else { return [] }
        return [PlannedRequest(url: url, accept: Self.accept, conditional: true, purpose: .posts)]
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        guard FeedDiscovery.isHTML(body) else {
            return FeedRecords.page(try FeedRecords.parse(body, .feed), purpose: request.purpose)
        }
        guard request.purpose != .discovery else {
            throw AdapterError(.feed, "\(body.url) announced a feed that is an HTML page")
        }
        guard let feed = FeedDiscovery.feedLinks(html: body.body, baseURL: body.url).first else {
            throw AdapterError(.feed, "\(body.url) is an HTML page that announces no feed")
        }
        return AdapterPage(
            follow: [PlannedRequest(url: feed, accept: Self.accept, purpose: .discovery)], discoveredFeedURL: feed)
    }

    static let accept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
}
