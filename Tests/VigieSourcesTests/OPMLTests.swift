import Testing
import VigieModel

@testable import VigieSources

@Suite struct OPMLTests {
    @Test func nestedOutlinesWithCategoriesAndURLCaseVariants() throws {
        let outlines = try OPML.parse(try Fixture.bytes("subscriptions.opml"))
        #expect(
            outlines == [
                OPMLOutline(title: "Sans dossier", xmlURL: "https://solo.example/feed.xml", htmlURL: "https://solo.example/"),
                OPMLOutline(title: "Le Carnet & co", xmlURL: "https://carnet.example/feed/", category: "Mode"),
                OPMLOutline(title: "Tendances Paris", xmlURL: "https://tendances.example/rss", category: "Tendances"),
            ])
    }

    @Test func documentRoundTrips() throws {
        let sources = [
            Source(id: 1, name: "Le \"Carnet\" <Lucie> & co", kind: .feed, url: "https://carnet.example/feed/?a=1&b=2"),
            Source(id: 2, name: "Tendances", kind: .feed, url: "https://tendances.example/rss", options: ["category": "Mode & style"]),
            Source(id: 3, name: "no url", kind: .feed, url: nil),
            Source(id: 4, name: "tag", kind: .mastodon, url: "https://mastodon.example", options: ["hashtag": "x"]),
            Source(id: 5, name: "wp", kind: .wordpress, url: "https://carnet.example/"),
        ]
        let document = OPML.document(sources, title: "Vigie <sources>")
        #expect(document.contains("<title>Vigie &lt;sources&gt;</title>"))
        #expect(document.contains("xmlUrl=\"https://carnet.example/feed/?a=1&amp;b=2\""))
        let outlines = try OPML.parse(Array(document.utf8))
        #expect(
            outlines == [
                OPMLOutline(title: "Le \"Carnet\" <Lucie> & co", xmlURL: "https://carnet.example/feed/?a=1&b=2"),
                OPMLOutline(title: "wp", xmlURL: "https://carnet.example/feed/", htmlURL: "https://carnet.example/"),
                OPMLOutline(title: "Tendances", xmlURL: "https://tendances.example/rss", category: "Mode & style"),
            ])
    }

    @Test func notOPMLIsAClearError() {
        #expect(throws: OPML.ParseError.self) { try OPML.parse(Array("<rss><channel/></rss>".utf8)) }
        let error = #expect(throws: OPML.ParseError.self) { try OPML.parse(Array("<opml version=\"2.0\"><head/></opml>".utf8)) }
        #expect(error?.description == "opml: no <body> element")
        #expect(throws: OPML.ParseError.self) { try OPML.parse([]) }
    }

    @Test func anEntityBombIsRefused() {
        var doctype = "<!DOCTYPE opml [<!ENTITY a0 \"lol\">"
        for k in 1...10 { doctype += "<!ENTITY a\(k) \"" + String(repeating: "&a\(k - 1);", count: 10) + "\">" }
        let bomb = doctype + "]><opml><body><outline title=\"&a10;\" xmlUrl=\"https://x.example/\"/></body></opml>"
        let error = #expect(throws: OPML.ParseError.self) { try OPML.parse(Array(bomb.utf8)) }
        #expect(error?.description.hasPrefix("opml: unreadable XML") == true)
    }
}

@Suite struct SourceAdaptersTests {
    @Test func everyCollectedKindHasItsAdapter() {
        for kind in SourceKind.allCases {
            #expect((SourceAdapters.adapter(for: kind) != nil) == kind.isCollected, "\(kind)")
        }
        #expect(SourceAdapters.adapter(for: .mastodon) is MastodonAdapter)
        #expect(SourceAdapters.adapter(for: .wordpress) is WordPressAdapter)
    }

    @Test func requestDescriptionsHideBodiesAndHeaders() {
        let request = PlannedRequest(url: "https://x.example/login", method: "POST", headers: ["Authorization": "Bearer secret"], body: Array("secret".utf8))
        #expect(request.description == "POST https://x.example/login")
    }
}
