import Foundation
import Testing
import VigieFeeds
import VigieModel

@testable import VigieSources

@Suite struct FeedAdapterTests {
    let adapter = FeedAdapter()
    let source = Source(id: 1, name: "carnet", kind: .feed, url: "https://carnet.example/feed/")

    @Test func planIsOneConditionalRequestForTheSourceURL() {
        let plan = adapter.plan(source)
        #expect(plan.count == 1)
        #expect(plan[0].url == "https://carnet.example/feed/")
        #expect(plan[0].conditional)
        #expect(plan[0].purpose == .posts)
        #expect(!plan[0].isPage)
        var withCursor = source
        withCursor.state.cursor = "2026-12-06T18:00:00Z"
        #expect(adapter.plan(withCursor) == plan)
        #expect(adapter.plan(Source(id: 2, name: "none", kind: .feed, url: nil)).isEmpty)
    }

    @Test func feedEntriesBecomeRecords() throws {
        let body = try Fixture.body("blog-feed.xml", url: "https://carnet.example/feed/", contentType: "application/rss+xml")
        let page = try adapter.read(body, of: adapter.plan(source)[0], source: source)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://carnet.example/2026/12/boutique/", title: "Nouvelle boutique Maison Vert",
                    author: "Lucie", publishedAt: Fixture.date("2026-12-05T09:30:00Z"), lang: "fr-FR",
                    body: "La boutique Maison Vert ouvre à Lyon.\n\nAccueil chaleureux.", kind: .post),
                ImportRecord(
                    url: "https://carnet.example/2026/12/retour/", title: "Retour de commande", author: "Lucie",
                    publishedAt: Fixture.date("2026-12-06T18:00:00Z"), lang: "fr-FR",
                    body: "Le retour a pris trois semaines.", kind: .post),
            ])
        #expect(page.cursor == "2026-12-06T18:00:00Z")
        #expect(page.follow.isEmpty)
        #expect(page.discoveredFeedURL == nil)
    }

    @Test func aPageLeadsToTheFeedItAnnounces() throws {
        var site = source
        site.url = "https://carnet.example/"
        let body = try Fixture.body("blog-page.html", url: "https://carnet.example/", contentType: "text/html; charset=utf-8")
        let page = try adapter.read(body, of: adapter.plan(site)[0], source: site)
        #expect(page.records.isEmpty)
        #expect(page.discoveredFeedURL == "https://carnet.example/feed/")
        #expect(page.follow.map(\.url) == ["https://carnet.example/feed/"])
        #expect(page.follow.first?.purpose == .discovery)
        // The discovered feed is read as a feed.
        let feed = try Fixture.body("blog-feed.xml", url: "https://carnet.example/feed/")
        #expect(try adapter.read(feed, of: page.follow[0], source: site).records.count == 2)
        // A page where a feed was promised ends the pass: no discovery loop.
        #expect(throws: AdapterError.self) { try adapter.read(body, of: page.follow[0], source: site) }
    }

    @Test func errorsSayWhatWasWrong() throws {
        let request = adapter.plan(source)[0]
        let page = try Fixture.body("page-without-feed.html", url: "https://carnet.example/")
        #expect(throws: AdapterError(.feed, "https://carnet.example/ is an HTML page that announces no feed")) {
            try adapter.read(page, of: request, source: source)
        }
        let garbage = FetchedBody(url: "https://carnet.example/feed/", contentType: "application/xml", body: Array("{nope".utf8))
        let error = #expect(throws: AdapterError.self) { try adapter.read(garbage, of: request, source: source) }
        #expect(error?.description.hasPrefix("feed: https://carnet.example/feed/ is not a feed") == true)
    }
}

@Suite struct FeedDiscoveryTests {
    @Test func alternateLinksInPageOrderResolved() throws {
        let links = FeedDiscovery.feedLinks(html: try Fixture.bytes("blog-page.html"), baseURL: "https://carnet.example/blog/")
        #expect(links == ["https://carnet.example/feed/", "https://carnet.example/blog/feed/atom/", "https://carnet.example/feed/json"])
    }

    @Test func baseHrefAndUnannouncedPages() throws {
        let html = Array(
            """
            <html><head><base href="https://cdn.example/site/">
            <LINK REL="Alternate" Type="Application/Atom+XML" HREF="atom.xml"></head></html>
            """.utf8)
        #expect(FeedDiscovery.feedLinks(html: html, baseURL: "https://other.example/") == ["https://cdn.example/site/atom.xml"])
        #expect(FeedDiscovery.feedLinks(html: try Fixture.bytes("page-without-feed.html"), baseURL: "https://x.example/").isEmpty)
        #expect(FeedDiscovery.feedLinks(html: Array("not html at all".utf8), baseURL: "https://x.example/").isEmpty)
    }

    @Test func htmlIsToldFromFeeds() throws {
        #expect(FeedDiscovery.isHTML(FetchedBody(url: "u", contentType: "text/html", body: [])))
        #expect(!FeedDiscovery.isHTML(FetchedBody(url: "u", contentType: "application/rss+xml", body: Array("<html>".utf8))))
        #expect(FeedDiscovery.isHTML(FetchedBody(url: "u", body: Array("\n<!DOCTYPE html><html>".utf8))))
        #expect(!FeedDiscovery.isHTML(FetchedBody(url: "u", body: try Fixture.bytes("blog-feed.xml"))))
    }
}
