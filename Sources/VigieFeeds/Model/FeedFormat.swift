/// The syndication format a feed was detected as, from its content.
public enum FeedFormat: String, Sendable, Codable, Hashable, CaseIterable {
    case rss20
    case rss10
    /// RSS 0.90 (RDF with the Netscape namespace) through 0.94.
    case rss09x
    case atom10
    case atom03
    case jsonfeed
}
