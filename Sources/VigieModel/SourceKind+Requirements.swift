import Foundation

extension SourceKind {
    /// Why a source of this kind with `url` and `options` (and a brand whose saved query it
    /// would search for) cannot be collected, in one line; nil when it can. `vigie source
    /// add` and `POST /v1/sources` refuse the same sources.
    public func missingRequirement(url: String?, options: [String: String], brand: String?) -> String? {
        if let url {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                parsed.host?.isEmpty == false
            else { return "'\(url)' is not an http or https URL" }
        }
        if brand != nil, !isSearch {
            return "a brand needs a kind that searches (mastodon, bluesky, reddit, hackernews)"
        }
        let searched = brand != nil || options["query"] != nil
        switch self {
        case .feed, .wordpress, .blogger, .mastodon:
            guard url != nil else { return "a \(rawValue) source needs a URL" }
            if self == .mastodon, options["hashtag"] == nil, options["account"] == nil, brand == nil {
                return "a mastodon source needs a hashtag, an account or a brand"
            }
        case .bluesky, .hackernews:
            guard searched else { return "a \(rawValue) source needs a query or a brand" }
        case .reddit:
            guard searched || options["subreddit"] != nil else { return "a reddit source needs a query, a subreddit or a brand" }
        case .file, .synthetic, .sample:
            return "sources of kind '\(rawValue)' are filled by imports, not collected"
        }
        return nil
    }
}
