import Foundation
import VigieFeeds
import VigieModel

/// One feed of an OPML subscription list.
public struct OPMLOutline: Sendable, Hashable {
    public var title: String?
    public var xmlURL: String
    public var htmlURL: String?
    /// The title of the outline it is nested in, as feed readers file feeds in folders.
    public var category: String?

    public init(title: String? = nil, xmlURL: String, htmlURL: String? = nil, category: String? = nil) {
        self.title = title
        self.xmlURL = xmlURL
        self.htmlURL = htmlURL
        self.category = category
    }
}

/// OPML 1.0 and 2.0 subscription lists (http://opml.org/spec2.opml), as feed readers
/// import and export them.
public enum OPML {
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Every outline with a feed URL (`xmlUrl`, in any case), depth first in document
    /// order. Folders are outlines without one; their title is their feeds' category.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> [OPMLOutline] {
        let root: XMLElementTree
        do {
            root = try XMLElementTree.parse(bytes)
        } catch {
            throw ParseError(description: "opml: unreadable XML (\(error))")
        }
        guard root.name.lowercased() == "opml" else {
            throw ParseError(description: "opml: the root element is <\(root.name)>, not <opml>")
        }
        guard let body = root.children.first(where: { $0.name.lowercased() == "body" }) else {
            throw ParseError(description: "opml: no <body> element")
        }
        var outlines: [OPMLOutline] = []
        collect(body.children, category: nil, into: &outlines)
        return outlines
    }

    private static func collect(_ elements: [XMLElementTree], category: String?, into outlines: inout [OPMLOutline]) {
        for element in elements where element.name.lowercased() == "outline" {
            let title = attribute(element, "title") ?? attribute(element, "text")
            if let xmlURL = attribute(element, "xmlurl") {
                outlines.append(
                    OPMLOutline(title: title, xmlURL: xmlURL, htmlURL: attribute(element, "htmlurl"), category: category))
            }
            collect(element.children, category: title ?? category, into: &outlines)
        }
    }

    /// The first attribute whose name is `lowercased` in any case, trimmed; nil when empty.
    private static func attribute(_ element: XMLElementTree, _ lowercased: String) -> String? {
        let value = element.attributes.first { $0.key.lowercased() == lowercased }?.value
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed?.isEmpty == false ? trimmed : nil
    }

    /// An OPML 2.0 document listing the sources that have a feed (``feedURL(of:)``), one
    /// outline each, in order; sources with a `category` option are nested in a folder
    /// outline of that title.
    public static func document(_ sources: [Source], title: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>\(escape(title))</title>
              </head>
              <body>

            """
        func outline(_ source: Source, _ url: String, indent: String) -> String {
            let name = escape(source.name)
            let site = source.kind == .feed ? "" : source.url.map { " htmlUrl=\"\(escape($0))\"" } ?? ""
            return indent + "<outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escape(url))\"\(site)/>\n"
        }
        var categories: [String] = []
        for source in sources where feedURL(of: source) != nil {
            if let category = source.options["category"], !categories.contains(category) { categories.append(category) }
        }
        for source in sources where source.options["category"] == nil {
            if let url = feedURL(of: source) { out += outline(source, url, indent: "    ") }
        }
        for category in categories {
            out += "    <outline text=\"\(escape(category))\" title=\"\(escape(category))\">\n"
            for source in sources where source.options["category"] == category {
                if let url = feedURL(of: source) { out += outline(source, url, indent: "      ") }
            }
            out += "    </outline>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// The feed a feed reader would subscribe to for `source`: a feed's own URL, a
    /// WordPress site's `/feed/`, a Blogger blog's posts feed; nil for searches and
    /// timelines, which have none to export.
    public static func feedURL(of source: Source) -> String? {
        guard let url = source.url else { return nil }
        switch source.kind {
        case .feed: return url
        case .wordpress: return ServiceURL.make(url, "/feed/")
        case .blogger: return ServiceURL.make(url, "/feeds/posts/default")
        case .mastodon, .bluesky, .reddit, .hackernews, .file, .synthetic, .sample: return nil
        }
    }

    /// Text for an attribute or element: markup characters and line breaks as references.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                // Characters XML 1.0 does not allow at all are left out.
                if character.value < 0x20 || character.value == 0xFFFE || character.value == 0xFFFF { continue }
                out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
