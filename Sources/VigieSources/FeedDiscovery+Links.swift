import VigieFeeds
import VigieModel

extension FeedDiscovery {
    /// The feeds an HTML page announces with `<link rel="alternate">` (RSS, Atom, JSON
    /// Feed), in the order the page lists them, relative hrefs resolved against its
    /// `<base href>` or `baseURL`.
    public static func feedLinks(html: [UInt8], baseURL: String) -> [String] {
        alternateFeeds(inHTML: html, url: baseURL)
    }

    /// Whether an answer is an HTML page rather than a feed: by its media type, else by
    /// its first markup.
    static func isHTML(_ body: FetchedBody) -> Bool {
        if let type = body.contentType?.lowercased() {
            if type.contains("html") && !type.contains("xhtml") { return true }
            if type.contains("xml") || type.contains("json") { return false }
        }
        let head = String(decoding: body.body.prefix(512), as: UTF8.self).lowercased()
        guard let open = head.firstIndex(of: "<") else { return false }
        let rest = head[open...]
        return rest.hasPrefix("<!doctype html") || rest.hasPrefix("<html")
    }
}
