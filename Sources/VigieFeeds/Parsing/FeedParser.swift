import Foundation
import VigieDigest

/// Parses RSS 0.90–2.0, RSS 1.0, Atom 0.3 and 1.0 and JSON Feed into one shape.
///
/// The format is detected from the content. Ill-formed input is read leniently and marked
/// `bozo` with warnings; only input that yields nothing (too large, too deep, an entity
/// bomb, not a feed) throws.
public enum FeedParser {
    public static func parse(_ data: Data, url: String? = nil, contentType: String? = nil, options: Options = .default)
        throws(FeedError) -> ParsedFeed
    {
        try parse([UInt8](data), url: url, contentType: contentType, options: options)
    }

    public static func parse(
        _ bytes: [UInt8], url: String? = nil, contentType: String? = nil, options: Options = .default
    ) throws(FeedError) -> ParsedFeed {
        let limit = min(options.maxBytes, largestInput)
        guard bytes.count <= limit else {
            throw FeedError(.tooLarge, "\(bytes.count) bytes, limit \(limit)")
        }
        guard bytes.contains(where: { !XMLTokenizer.isSpace($0) && $0 != 0 }) else {
            throw FeedError(.empty, "no content")
        }
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            throw FeedError(.compressed, "gzip magic number")
        }
        let decoded = InputDecoder.decode(bytes, contentType: contentType)
        guard decoded.bytes.count <= largestInput else {
            throw FeedError(.tooLarge, "\(decoded.bytes.count) bytes once in UTF-8, limit \(largestInput)")
        }
        let first = decoded.bytes.first(where: { !XMLTokenizer.isSpace($0) })
        if first == UInt8(ascii: "{") {
            var mapper = JSONFeedMapper(feedURL: url, diagnostics: decoded.diagnostics)
            guard let (feed, entries) = mapper.map(decoded.bytes) else {
                throw FeedError(.notAFeed, "JSON that is not a JSON Feed")
            }
            return finish(.jsonfeed, feed, entries, mapper.diagnostics)
        }
        let document = try XMLDocument.parse(decoded.bytes, options: options, diagnostics: decoded.diagnostics)
        guard let root = document.root else {
            throw FeedError(.notAFeed, "no XML element")
        }
        guard let format = detect(document, root: root) else {
            throw FeedError(.notAFeed, "root element <\(document.localName(root))>")
        }
        let context = MappingContext(document: document, feedURL: url)
        let feed: FeedMetadata
        let entries: [FeedEntry]
        switch format {
        case .atom10, .atom03:
            (feed, entries) = AtomMapper(context: context).map(root: root)
        default:
            (feed, entries) = RSSMapper(context: context).map(root: root)
        }
        if document.expansionExceeded {
            throw FeedError(.entityExpansion, "entity references expand beyond the budget")
        }
        return finish(format, feed, entries, document.diagnostics)
    }

    /// The most bytes any parse reads, whatever `Options.maxBytes` says, in the input and
    /// once converted to UTF-8: with entity expansion also held to it, every offset in the
    /// document fits the 32 bits it is stored in.
    static let largestInput = 1 << 30

    /// The format from the root element, its namespace and version.
    static func detect(_ document: XMLDocument, root: Int) -> FeedFormat? {
        let ns = document.nodes[root].ns
        if document.isLocal(root, "rss") {
            let version = document.attribute(root, .none, "version")?.trimmingASCIIWhitespace() ?? ""
            if version.hasPrefix("0.9") { return .rss09x }
            if !version.hasPrefix("2") { document.diagnostics.note("rss: version \"\(version)\" read as 2.0") }
            return .rss20
        }
        if document.isLocal(root, "RDF") {
            let usesNetscape = document.children(root).contains { document.nodes[$0].ns == .rss090 }
            return usesNetscape ? .rss09x : .rss10
        }
        if document.isLocal(root, "feed") {
            if ns == .atom03 || document.attribute(root, .none, "version") == "0.3" { return .atom03 }
            // Plainly Atom, and well-formed: a note, not bozo.
            if ns != .atom10 { document.diagnostics.note("atom: feed element without the Atom namespace") }
            return .atom10
        }
        if document.isLocal(root, "channel") {
            document.diagnostics.note("rss: channel without an rss element")
            return .rss20
        }
        return nil
    }

    /// Gives the entries without an id their derived one. `entries` is consumed, so that
    /// setting ids changes the mapper's array rather than a copy of every entry.
    private static func finish(
        _ format: FeedFormat, _ feed: FeedMetadata, _ entries: consuming [FeedEntry], _ diagnostics: Diagnostics
    ) -> ParsedFeed {
        for index in entries.indices where entries[index].id == nil {
            entries[index].id = FeedText(derivedID(entries[index]))
        }
        return ParsedFeed(
            format: format, bozo: diagnostics.isBozo, warnings: diagnostics.warnings, feed: feed, entries: entries)
    }

    /// A stable id for an entry the feed gave none: SHA-256 of its canonical link, title
    /// and date, or of its text when it has none of those.
    static func derivedID(_ entry: FeedEntry) -> String {
        // The parts are hashed as they come, joined by line breaks, without joining them first.
        var hasher = SHA256()
        var parts = 0
        // The separator hashed from its bytes: a CollectionOfOne was copied to an array.
        let newline: StaticString = "\n"
        func separate() {
            if parts > 0 { hasher.update(bytes: UnsafeBufferPointer(start: newline.utf8Start, count: 1)) }
        }
        func add(_ part: String) {
            separate()
            hasher.update(part.utf8)
            parts += 1
        }
        func add(_ part: FeedText) {
            separate()
            part.withUTF8 { hasher.update(bytes: $0) }
            parts += 1
        }
        if let link = entry.link?.string { add(CanonicalURL.canonicalize(link) ?? link) }
        if let title = entry.title { add(title) }
        if let date = entry.published ?? entry.updated { add(RFC3339.string(date)) }
        if parts == 0 {
            add(
                ContentFingerprint.of(
                    title: nil,
                    body: (entry.contentHTML ?? entry.content ?? entry.summaryHTML ?? entry.summary)?.string ?? ""))
        }
        return "urn:sha256:" + SHA256.hex(hasher.finalize())
    }
}
