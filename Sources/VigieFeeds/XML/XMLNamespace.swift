/// The namespaces feed mapping cares about; everything else is `.other`.
enum XMLNamespace: UInt8, Sendable {
    case none, rss090, rss10, rdf, atom10, atom03, dc, dcterms, content, slash, wfw, media, thr
    case itunes, xhtml, xml, feedburner, gd, other

    private static let byURI: [String: XMLNamespace] = [
        "http://www.w3.org/2005/atom": .atom10,
        "http://purl.org/atom/ns": .atom03,
        "http://purl.org/rss/1.0": .rss10,
        "http://my.netscape.com/rdf/simple/0.9": .rss090,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns": .rdf,
        "http://purl.org/dc/elements/1.1": .dc,
        "http://purl.org/dc/terms": .dcterms,
        "http://purl.org/rss/1.0/modules/content": .content,
        "http://purl.org/rss/1.0/modules/slash": .slash,
        "http://wellformedweb.org/commentapi": .wfw,
        "http://search.yahoo.com/mrss": .media,
        "http://video.search.yahoo.com/mrss": .media,
        "http://purl.org/syndication/thread/1.0": .thr,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.w3.org/1999/xhtml": .xhtml,
        "http://www.w3.org/xml/1998/namespace": .xml,
        "http://rssnamespace.org/feedburner/ext/1.0": .feedburner,
        "http://schemas.google.com/g/2005": .gd,
        // RSS 2.0 and 0.9x put in a namespace by some publishers.
        "http://backend.userland.com/rss2": .none,
        "http://backend.userland.com/rss": .none,
        "http://blogs.law.harvard.edu/tech/rss": .none,
        "http://purl.org/net/rss1.1": .rss10,
    ]

    /// The namespace a URI names, compared loosely (case, trailing `/` or `#`, https).
    static func forURI(_ uri: String) -> XMLNamespace {
        var key = uri.trimmingASCIIWhitespace().lowercased()
        if key.hasPrefix("https://") { key = "http://" + key.dropFirst(8) }
        while key.hasSuffix("/") || key.hasSuffix("#") { key.removeLast() }
        return byURI[key] ?? .other
    }

    /// The namespace an undeclared prefix most likely means, as publishers use them.
    static func forUndeclaredPrefix(_ prefix: String) -> XMLNamespace {
        switch prefix.lowercased() {
        case "atom", "atom10": .atom10
        case "dc": .dc
        case "dcterms": .dcterms
        case "content": .content
        case "slash": .slash
        case "wfw": .wfw
        case "media": .media
        case "thr": .thr
        case "itunes": .itunes
        case "xhtml", "html": .xhtml
        case "rdf": .rdf
        case "feedburner": .feedburner
        case "gd": .gd
        default: .other
        }
    }
}
