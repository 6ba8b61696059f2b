import Foundation
import Testing
import VigieModel

@testable import VigieSources

/// Recorded responses in the shapes of https://developer.wordpress.org/rest-api/reference/posts/
/// and https://developer.wordpress.org/rest-api/reference/comments/, written for these tests.
@Suite struct WordPressAdapterTests {
    let adapter = WordPressAdapter()
    let site = Source(id: 1, name: "carnet", kind: .wordpress, url: "https://carnet.example/")

    @Test func plansFreshAndWithACursor() {
        let posts = "https://carnet.example/wp-json/wp/v2/posts?per_page=9&orderby=date&order="
        #expect(adapter.plan(site).map(\.url) == [posts + "desc&_embed=author"])
        var resumed = site
        resumed.state.cursor = "2026-12-06T18:00:00Z"
        #expect(adapter.plan(resumed).map(\.url) == [posts + "asc&_embed=author&after=2026-12-06T18%3A00%3A00Z"])
        // A 404 there means no REST API: the adapter falls back on the feeds.
        #expect(adapter.plan(site).map(\.readsNotFound) == [true])
    }

    @Test func postsThenTheCommentsOfEach() throws {
        let request = adapter.plan(site)[0]
        let page = try adapter.read(try Fixture.body("wordpress-posts.json", url: request.url), of: request, source: site)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://carnet.example/2026/12/retour/", title: "Retour “express”", author: "Lucie",
                    publishedAt: Fixture.date("2026-12-06T18:00:00Z"), body: "Le retour a pris trois semaines."),
                ImportRecord(
                    url: "https://carnet.example/2026/12/boutique/", title: "Nouvelle boutique",
                    publishedAt: Fixture.date("2026-12-05T09:30:00Z"), body: "La boutique ouvre à Lyon."),
            ])
        #expect(page.cursor == "2026-12-06T18:00:00Z")
        let comments = "https://carnet.example/wp-json/wp/v2/comments?post="
        #expect(page.follow.map(\.url) == ["15", "12"].map { comments + $0 + "&per_page=100&orderby=date&order=asc" })
        #expect(page.follow.map(\.purpose) == [
            .comments(parentURL: "https://carnet.example/2026/12/retour/"),
            .comments(parentURL: "https://carnet.example/2026/12/boutique/"),
        ])
        let read = try adapter.read(try Fixture.body("wordpress-comments.json", url: page.follow[1].url), of: page.follow[1], source: site)
        #expect(
            read.records == [
                ImportRecord(
                    url: "https://carnet.example/2026/12/boutique/#comment-41", author: "Marc",
                    publishedAt: Fixture.date("2026-12-05T11:00:00Z"), body: "Super accueil & bons conseils.",
                    kind: .comment, parentURL: "https://carnet.example/2026/12/boutique/"),
                ImportRecord(
                    url: "https://carnet.example/2026/12/boutique/#comment-42",
                    publishedAt: Fixture.date("2026-12-05T12:00:00Z"), body: "[…] vu chez Lucie […]",
                    kind: .pingback, parentURL: "https://carnet.example/2026/12/boutique/"),
            ])
        #expect(read.follow.isEmpty)
        #expect(read.cursor == nil)
    }

    @Test func withoutTheAPIItsFeedsAreRead() throws {
        let request = adapter.plan(site)[0]
        let missing = FetchedBody(status: 404, url: request.url, contentType: "application/json", body: Array(#"{"code":"rest_no_route"}"#.utf8))
        let html = FetchedBody(url: request.url, contentType: "text/html", body: Array("<!DOCTYPE html><html></html>".utf8))
        for body in [missing, html] {
            let page = try adapter.read(body, of: request, source: site)
            #expect(page.records.isEmpty)
            #expect(page.follow == [
                PlannedRequest(url: "https://carnet.example/feed/", accept: FeedAdapter.accept),
                PlannedRequest(url: "https://carnet.example/comments/feed/", accept: FeedAdapter.accept, purpose: .comments(parentURL: nil)),
            ])
        }
        let posts = try adapter.read(try Fixture.body("blog-feed.xml", url: "https://carnet.example/feed/"), of: adapter.read(missing, of: request, source: site).follow[0], source: site)
        #expect(posts.records.map(\.url) == ["https://carnet.example/2026/12/boutique/", "https://carnet.example/2026/12/retour/"])
        #expect(posts.cursor == "2026-12-06T18:00:00Z")
        let feed = """
            <rss version="2.0"><channel><title>Commentaires sur Le Carnet</title>
            <item><title>Par : Marc</title><link>https://carnet.example/2026/12/boutique/#comment-41</link>
            <pubDate>Sat, 05 Dec 2026 11:00:00 +0000</pubDate><description>Super accueil.</description></item>
            </channel></rss>
            """
        let commentsRequest = PlannedRequest(url: "https://carnet.example/comments/feed/", purpose: .comments(parentURL: nil))
        let comments = try adapter.read(FetchedBody(url: commentsRequest.url, body: Array(feed.utf8)), of: commentsRequest, source: site)
        #expect(comments.records.map(\.kind) == [.comment])
        #expect(comments.records.map(\.parentURL) == ["https://carnet.example/2026/12/boutique/"])
        #expect(comments.cursor == nil)
    }

    @Test func malformedJSONIsAClearError() {
        let request = adapter.plan(site)[0]
        let body = FetchedBody(url: request.url, body: Array(#"[{"id": 1, "date_gmt": "2026-12-06T18:00:00", "link": "x", "title": "plain"}]"#.utf8))
        #expect(throws: AdapterError(.wordpress, "'[0].title' is not an object")) { try adapter.read(body, of: request, source: site) }
        #expect(throws: AdapterError(.wordpress, "the answer is not an array")) {
            try adapter.read(FetchedBody(url: request.url, body: Array("{}".utf8)), of: request, source: site)
        }
    }
}
