/// Feeds a web page announces with `<link rel="alternate" type="application/rss+xml">`
/// (or Atom, or JSON Feed): what to suggest when someone saves a blog's page instead of
/// its feed.
public enum FeedDiscovery {
    private static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml", "text/xml", "application/xml",
    ]

    /// Absolute feed URLs in document order, resolved against `<base href>` or `url`.
    public static func alternateFeeds(inHTML bytes: [UInt8], url: String? = nil) -> [String] {
        let decoded = InputDecoder.decode(bytes, contentType: nil)
        let options = FeedParser.Options(maxBytes: bytes.count, maxDepth: 4_096)
        guard let document = try? XMLDocument.parse(decoded.bytes, options: options, diagnostics: Diagnostics()) else {
            return []
        }
        var base = url
        var feeds: [String] = []
        for node in document.nodes.indices {
            let name = document.localName(node).lowercased()
            if name == "base", let href = document.attribute(node, .none, "href") {
                base = base.map { URLResolver.resolve(href, base: $0) } ?? href
            }
            guard name == "link",
                let rel = document.attribute(node, .none, "rel")?.lowercased(),
                rel.split(separator: " ").contains("alternate"),
                let type = document.attribute(node, .none, "type")?.lowercased(),
                feedTypes.contains(String(type.split(separator: ";").first ?? "").trimmingASCIIWhitespace()),
                let href = document.attribute(node, .none, "href").flatMap(nonEmpty)
            else { continue }
            let resolved = URLResolver.resolve(href, base: base)
            if !feeds.contains(resolved) { feeds.append(resolved) }
        }
        return feeds
    }
}
