import Foundation
import VigieModel

/// Reddit search (`options["query"]`, within `options["subreddit"]` when both are given) or
/// a subreddit's newest posts, as JSON listings (https://www.reddit.com/dev/api/#GET_search,
/// https://www.reddit.com/dev/api/#GET_new): `t3` links become posts.
///
/// The cursor is the newest `created_utc` seen, in whole seconds. A later pass follows
/// `after` while a page holds nothing older than the cursor; the first pass reads one page.
public struct RedditAdapter: SourceAdapter {
    static let limit = 100
    static let site = "https://www.reddit.com"

    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let url = listingURL(source, after: nil) else { return [] }
        return [PlannedRequest(url: url, accept: "application/json")]
    }

    private func listingURL(_ source: Source, after: String?) -> String? {
        let base = source.url ?? Self.site
        let query = source.options["query"].flatMap { $0.isEmpty ? nil : $0 }
        let subreddit = source.options["subreddit"].map { name in
            name.hasPrefix("r/") ? String(name.dropFirst(2)) : name
        }.flatMap { $0.isEmpty ? nil : $0 }
        var parameters = [("limit", String(Self.limit)), ("raw_json", "1")]
        if let after { parameters.append(("after", after)) }
        switch (query, subreddit) {
        case (let query?, let subreddit?):
            let path = "/r/\(ServiceURL.encode(subreddit))/search.json"
            return ServiceURL.make(base, path, [("q", query), ("restrict_sr", "1"), ("sort", "new")] + parameters)
        case (let query?, nil):
            return ServiceURL.make(base, "/search.json", [("q", query), ("sort", "new")] + parameters)
        case (nil, let subreddit?):
            return ServiceURL.make(base, "/r/\(ServiceURL.encode(subreddit))/new.json", parameters)
        case (nil, nil):
            return nil
        }
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        let listing = try JSONBody.decode(Listing.self, body, .reddit)
        let since = source.state.cursor.flatMap(Double.init)
        let links = listing.data.children.filter { $0.kind == "t3" }.map(\.data)
        let records = links.filter { link in since.map { link.createdUTC > $0 } ?? true }.compactMap { $0.record() }
        var follow: [PlannedRequest] = []
        if let since, let after = listing.data.after, !links.isEmpty, links.allSatisfy({ $0.createdUTC > since }),
            let url = listingURL(source, after: after)
        {
            follow.append(PlannedRequest(url: url, accept: "application/json"))
        }
        // Only the newest page moves the cursor, and never back.
        var cursor: String?
        if ServiceURL.parameter("after", in: request.url) == nil, let newest = links.map(\.createdUTC).max(),
            newest > since ?? -.infinity
        {
            cursor = String(Int64(newest))
        }
        return AdapterPage(records: records, follow: follow, cursor: cursor)
    }
}

extension RedditAdapter {
    struct Listing: Decodable {
        var data: Page

        struct Page: Decodable {
            var after: String?
            var children: [Thing]
        }

        struct Thing: Decodable {
            var kind: String
            var data: Link
        }
    }

    /// A `t3` (the fields read).
    struct Link: Decodable {
        var title: String
        var selftext: String?
        var url: String?
        var permalink: String
        var author: String?
        var createdUTC: Double

        enum CodingKeys: String, CodingKey {
            case title, selftext, url, permalink, author
            case createdUTC = "created_utc"
        }

        func record() -> ImportRecord? {
            let page = RedditAdapter.site + permalink
            let text = selftext?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let link = url.flatMap { $0 == page || $0.isEmpty ? nil : $0 }
            let body = !text.isEmpty ? text : link.map { title + "\n\n" + $0 } ?? title
            guard !body.isEmpty else { return nil }
            return ImportRecord(
                url: page, title: title, author: author == "[deleted]" ? nil : author,
                publishedAt: Date(timeIntervalSince1970: createdUTC), body: body)
        }
    }
}
