import Foundation
import Testing

@testable import VigieFeeds

/// Fields and dates feedparser reads that Vigie read differently or not at all; each case
/// here failed before it was handled. `Tools/feedparser-suite.py` runs feedparser's whole suite.
@Suite struct FeedparserGroundTests {
    static func parse(_ xml: String) throws -> ParsedFeed {
        try FeedParser.parse(Array(xml.utf8))
    }

    static func rss(channel: String = "", item: String = "") -> String {
        """
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
        <channel><title>T</title>\(channel)<item><title>I</title>\(item)</item></channel></rss>
        """
    }

    @Test("a channel's author, managingEditor or webMaster names its author, in that order")
    func channelAuthors() throws {
        #expect(try Self.parse(Self.rss(channel: "<author>Example editor</author>")).feed.author == "Example editor")
        #expect(try Self.parse(Self.rss(channel: "<webMaster>Web Master</webMaster>")).feed.author == "Web Master")
        let both = try Self.parse(Self.rss(channel: "<webMaster>Web Master</webMaster><managingEditor>Editor</managingEditor>"))
        #expect(both.feed.author == "Editor")
        #expect(try Self.parse(Self.rss(channel: "<dc:author>DC Author</dc:author>")).feed.author == "DC Author")
    }

    @Test("dc:author names an item's author")
    func itemDCAuthor() throws {
        #expect(try Self.parse(Self.rss(item: "<dc:author>Example editor</dc:author>")).entries.first?.author?.string == "Example editor")
    }

    @Test("dcterms dates on the channel")
    func channelDCTerms() throws {
        let issued = try Self.parse(Self.rss(channel: "<dcterms:issued>2003-12-31T10:14:55Z</dcterms:issued>"))
        #expect(issued.feed.published.map(RFC3339.string) == "2003-12-31T10:14:55Z")
        let created = try Self.parse(Self.rss(channel: "<dcterms:created>2003-12-31T10:14:55Z</dcterms:created>"))
        #expect(created.feed.published.map(RFC3339.string) == "2003-12-31T10:14:55Z")
        let modified = try Self.parse(Self.rss(channel: "<dcterms:modified>2003-12-31T10:14:55Z</dcterms:modified>"))
        #expect(modified.feed.updated.map(RFC3339.string) == "2003-12-31T10:14:55Z")
    }

    @Test("Atom under the names it had before 0.3", arguments: [
        "http://purl.org/echo/", "http://purl.org/pie/", "http://example.com/necho", "http://example.com/newformat#",
    ])
    func preAtomNamespaces(namespace: String) throws {
        let feed = try Self.parse(
            "<feed version=\"0.3\" xmlns=\"\(namespace)\"><title>Example Atom</title><entry><title>E</title></entry></feed>")
        #expect(feed.feed.title == "Example Atom")
        #expect(feed.entries.first?.title?.string == "E")
    }

    @Test("xml:lang written with an underscore is a language tag")
    func languageUnderscore() throws {
        let feed = try Self.parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en_US\"><title>T</title></feed>")
        #expect(feed.feed.language == "en-US")
    }

    @Test("North American zones without their standard or daylight letter")
    func northAmericanZones() {
        let expected = ["AT": "20:31", "ET": "21:31", "CT": "22:31", "MT": "23:31"]
        for (zone, time) in expected {
            let date = FeedDate.parse("Mon, 26 January 2004 16:31:00 \(zone)").map(RFC3339.string)
            #expect(date == "2004-01-26T\(time):00Z", "\(zone)")
        }
        #expect(FeedDate.parse("Mon, 26 January 2004 16:31:00 PT").map(RFC3339.string) == "2004-01-27T00:31:00Z")
    }

    @Test("month names in Greek, Dutch and Hungarian; Korean blog dates in Korean time")
    func moreLanguages() {
        let cases = [
            "Κυρ, 11 Ιούλ 2004 12:00:00 EST": "2004-07-11T17:00:00Z",
            "12 maart 2024 10:00": "2024-03-12T10:00:00Z",
            "2024. március 12. 10:00": "2024-03-12T10:00:00Z",
            "2004년 05월 28일 01:31:15": "2004-05-27T16:31:15Z",
            "2004-05-25 오후 11:23:17": "2004-05-25T14:23:17Z",
            "2004-05-25 오전 11:23:17": "2004-05-25T02:23:17Z",
        ]
        for (text, expected) in cases {
            #expect(FeedDate.parse(text).map(RFC3339.string) == expected, "\(text)")
        }
    }
}

/// bozo means ill-formed: an XML or encoding error, not a feed read leniently.
@Suite struct BozoTests {
    @Test("markup in an Atom text construct, or Atom without its namespace, is not bozo", arguments: [
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example <b>Atom</b></title></feed>",
        "<feed><title>Example Atom</title></feed>",
        "<channel><title>Example RSS</title></channel>",
    ])
    func wellFormedIsNotBozo(xml: String) throws {
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(!feed.bozo, "\(feed.warnings)")
        #expect(feed.feed.title?.hasPrefix("Example") == true)
        #expect(!feed.warnings.isEmpty)
    }

    @Test("an unclosed element is bozo")
    func illFormedIsBozo() throws {
        let feed = try FeedParser.parse(Array("<rss version=\"2.0\"><channel><title>T</title>".utf8))
        #expect(feed.bozo)
    }
}
