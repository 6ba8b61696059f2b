import Foundation
import Testing

@testable import VigieFeeds

/// Texts, languages and categories as feedparser reads them, each case a fix made while
/// running `Tools/feedparser-suite.py`.
@Suite struct FeedparserTextTests {
    static func parse(_ xml: String) throws -> ParsedFeed {
        try FeedParser.parse(Array(xml.utf8))
    }

    static func atom03(_ entry: String, feedAttributes: String = "") -> String {
        "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"\(feedAttributes)><entry>\(entry)</entry></feed>"
    }

    static func rss(_ item: String, namespaces: String = "") -> String {
        "<rss version=\"2.0\"\(namespaces)><channel><title>T</title><item>\(item)</item></channel></rss>"
    }

    static let div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Salut <b>vous</b></div>"

    @Test("Atom 0.3's XHTML div is part of the text; Atom 1.0's is only its wrapper")
    func xhtmlDiv() throws {
        let old = try Self.parse(Self.atom03("<summary type=\"application/xhtml+xml\" mode=\"xml\">\(Self.div)</summary>"))
        #expect(old.entries.first?.summaryHTML?.string == "<div>Salut <b>vous</b></div>")
        #expect(old.entries.first?.summary?.string == "Salut vous")
        let new = try Self.parse(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><summary type=\"xhtml\">\(Self.div)</summary></entry></feed>")
        #expect(new.entries.first?.summaryHTML?.string == "Salut <b>vous</b>")
    }

    @Test("an entry's language is its text's xml:lang, else its own, else the feed's")
    func bodyLanguage() throws {
        let content = try Self.parse(
            Self.atom03("<content xml:lang=\"it\">Ciao a tutti</content>", feedAttributes: " xml:lang=\"fr\""))
        #expect(content.entries.first?.language == "it")
        let summary = try Self.parse(Self.atom03("<summary xml:lang=\"pt_BR\">Oi gente</summary>"))
        #expect(summary.entries.first?.language == "pt-BR")
        let inherited = try Self.parse(Self.atom03("<content>Bonjour</content>", feedAttributes: " xml:lang=\"fr\""))
        #expect(inherited.entries.first?.language == "fr")
        let encoded = try Self.parse(
            Self.rss(
                "<content:encoded xml:lang=\"nl\">&lt;p&gt;Hoi&lt;/p&gt;</content:encoded>",
                namespaces: " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""))
        #expect(encoded.entries.first?.language == "nl")
    }

    @Test("an empty xml:lang says the language is unknown, whatever the feed says")
    func blankLanguage() throws {
        let onText = try Self.parse(
            Self.atom03("<content xml:lang=\"\">Hallo</content>", feedAttributes: " xml:lang=\"de\""))
        #expect(onText.entries.first?.language == nil)
        let onEntry = try Self.parse(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\" xml:lang=\"de\"><entry xml:lang=\"\">"
                + "<content>Hallo</content></entry></feed>")
        #expect(onEntry.entries.first?.language == nil)
    }

    @Test("an RSS item's description and summary: the first is its summary, the second its content")
    func descriptionAndSummary() throws {
        let first = try Self.parse(Self.rss("<description>short one</description><summary>long one</summary>"))
        #expect(first.entries.first?.summary?.string == "short one")
        #expect(first.entries.first?.content?.string == "long one")
        let second = try Self.parse(Self.rss("<summary>short one</summary><description>long one</description>"))
        #expect(second.entries.first?.summary?.string == "short one")
        #expect(second.entries.first?.content?.string == "long one")
    }

    @Test("fullitem and body hold an RSS item's full text")
    func fullText() throws {
        let fullitem = try Self.parse(Self.rss("<fullitem>&lt;p&gt;Tout le texte&lt;/p&gt;</fullitem>"))
        #expect(fullitem.entries.first?.content?.string == "Tout le texte")
        #expect(fullitem.entries.first?.contentHTML?.string == "<p>Tout le texte</p>")
        let body = try Self.parse(Self.rss("<body><p>El texto entero</p></body>"))
        #expect(body.entries.first?.content?.string == "El texto entero")
    }

    @Test("tags separated by commas and nested iTunes categories are categories")
    func categories() throws {
        let tags = try Self.parse(Self.rss("<tags>velo, ville ,, meteo</tags><category>sport</category>"))
        #expect(tags.entries.first?.categories.map(\.string) == ["velo", "ville", "meteo", "sport"])
        let itunes = try Self.parse(
            Self.rss(
                "<itunes:category text=\"Technology\"><itunes:category text=\"Gadgets\"/></itunes:category>",
                namespaces: " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""))
        #expect(itunes.entries.first?.categories.map(\.string) == ["Technology", "Gadgets"])
    }
}

extension FeedparserTextTests {
    @Test("an Atom text of a media type that is neither text nor XML is base64")
    func base64MediaType() throws {
        // "Bonjour <b>Paris</b>" in base64.
        let feed = try Self.parse(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"application/octet-stream\">"
                + " Qm9uam91ciA8Yj5QYXJpczwvYj4= </title><summary type=\"text/plain\">SGVsbG8=</summary></entry></feed>")
        #expect(feed.entries.first?.title?.string == "Bonjour Paris")
        #expect(feed.entries.first?.titleHTML?.string == "Bonjour <b>Paris</b>")
        #expect(feed.entries.first?.summary?.string == "SGVsbG8=")
    }
}
