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
            if name == "base", let href = attribute(document, node, "href") {
                base = base.map { URLResolver.resolve(href, base: $0) } ?? href
            }
            guard name == "link",
                let rel = attribute(document, node, "rel")?.lowercased(),
                rel.split(separator: " ").contains("alternate"),
                let type = attribute(document, node, "type")?.lowercased(),
                feedTypes.contains(String(type.split(separator: ";").first ?? "").trimmingASCIIWhitespace()),
                let href = attribute(document, node, "href").flatMap(nonEmpty)
            else { continue }
            let resolved = URLResolver.resolve(href, base: base)
            if !feeds.contains(resolved) { feeds.append(resolved) }
        }
        return feeds
    }

    /// The first attribute without a namespace named `lowercased` in any case: HTML
    /// attribute names are case-insensitive (`<LINK REL="alternate" HREF=…>`).
    private static func attribute(_ document: XMLDocument, _ node: Int, _ lowercased: String) -> String? {
        let n = document.nodes[node]
        for index in n.attributeStart..<n.attributeEnd where document.attributes[index].ns == .none {
            let a = document.attributes[index]
            let name = document.bytes[a.localStart..<a.localEnd]
            guard name.count == lowercased.utf8.count,
                zip(name, lowercased.utf8).allSatisfy({ ASCII.lowercased($0) == $1 })
            else { continue }
            return document.withAttributeValue(at: index) { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }
}
