import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
import VigieFetch
import VigieModel
import VigieSources
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// One `Collector` pass (`once`) per source kind against the adapters' recorded responses
/// served over real HTTP on 127.0.0.1, then a second pass: posts stored once, comments
/// linked to their post, cursor and validators saved, and the second pass asks for what is
/// new only (a 304 for a feed, the cursor for an API) and stores nothing new.
@Suite("Collector per source kind")
struct CollectorKindsTests {
    static let json = "application/json; charset=utf-8"

    @Test("a feed found from a page's <link rel=alternate> is stored, then answered 304")
    func feedWithAutodiscovery() async throws {
        let server = try FixtureServer([
            "/": FixtureServer.fixture("blog-page.html", contentType: "text/html; charset=utf-8"),
            "/feed/": FixtureServer.fixture("blog-feed.xml", contentType: "application/rss+xml", etag: "\"v1\""),
        ])
        try await Self.collect(server, kind: .feed, path: "/") { run async throws in
            let first = try await run.pass()
            #expect(first == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 2)])
            let stored = try await run.stored()
            #expect(stored.url == run.base + "/feed/")  // the discovered feed replaces the page
            #expect(stored.state.etag == "\"v1\"" && stored.state.lastStatus == 200)
            let second = try await run.pass()
            #expect(second == [.collected(sourceID: run.source.id, outcome: .notModified, inserted: 0)])
            #expect(server.seen.last?.path == "/feed/" && server.seen.last?.ifNoneMatch == "\"v1\"")
            #expect(try await run.stored().state.lastStatus == 304)
            #expect(try await run.posts().count == 2)
        }
    }

    @Test("WordPress's REST API: posts, then each post's comments linked to it; the cursor asks for newer ones")
    func wordPressREST() async throws {
        let server = try FixtureServer([
            "/wp-json/wp/v2/posts": FixtureServer.fixture("wordpress-posts.json", contentType: Self.json),
            // Post 12's comments; post 15 has none.
            "/wp-json/wp/v2/comments?post=12": FixtureServer.fixture("wordpress-comments.json", contentType: Self.json),
            "/wp-json/wp/v2/comments?post=15": FixtureServer.Route(body: Array("[]".utf8), contentType: Self.json),
        ])
        try await Self.collect(server, kind: .wordpress, path: "/") { run async throws in
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 4)])
            let posts = try await run.posts()
            let boutique = try #require(posts.first { $0.url == "https://carnet.example/2026/12/boutique/" })
            let replies = posts.filter { $0.kind != "post" }
            #expect(replies.map(\.kind).sorted() == ["comment", "pingback"])
            #expect(replies.allSatisfy { $0.parentID == boutique.id })
            #expect(try await run.stored().state.cursor == "2026-12-06T18:00:00Z")
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
            let asked = server.seen.last { $0.path == "/wp-json/wp/v2/posts" }
            #expect(asked?.query["after"] == "2026-12-06T18:00:00Z" && asked?.query["order"] == "asc")
            #expect(try await run.posts().count == 4)
        }
    }

    @Test("a WordPress site without its REST API is read through its feeds")
    func wordPressFallsBackToFeeds() async throws {
        // The shape of WordPress's comments feed (https://wordpress.org/documentation/article/wordpress-feeds/).
        let comments = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Commentaires sur Le Carnet</title>
            <item><title>Par : Marc</title><link>https://carnet.example/2026/12/boutique/#comment-41</link>
            <pubDate>Sat, 05 Dec 2026 11:00:00 +0000</pubDate><description>Super accueil.</description></item>
            </channel></rss>
            """
        let server = try FixtureServer([
            "/feed/": FixtureServer.fixture("blog-feed.xml", contentType: "application/rss+xml"),
            "/comments/feed/": FixtureServer.Route(body: Array(comments.utf8), contentType: "application/rss+xml"),
        ])
        try await Self.collect(server, kind: .wordpress, path: "/") { run async throws in
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 3)])
            #expect(server.seen.map(\.path) == ["/wp-json/wp/v2/posts", "/feed/", "/comments/feed/"])
            let posts = try await run.posts()
            #expect(posts.filter { $0.kind == "post" }.count == 2)
            #expect(posts.filter { $0.kind == "comment" }.map(\.url) == ["https://carnet.example/2026/12/boutique/#comment-41"])
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
        }
    }

    @Test("Blogger: the posts feed and the comments feed, comments linked; the posts feed answers 304 next")
    func blogger() async throws {
        let server = try FixtureServer([
            "/feeds/posts/default": FixtureServer.fixture("blogger-posts.xml", contentType: "application/atom+xml", etag: "\"b1\""),
            "/feeds/comments/default": FixtureServer.fixture("blogger-comments.xml", contentType: "application/atom+xml"),
        ])
        try await Self.collect(server, kind: .blogger) { run async throws in
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 3)])
            let posts = try await run.posts()
            let post = try #require(posts.first { $0.kind == "post" })
            #expect(posts.filter { $0.kind == "comment" }.map(\.parentID) == [post.id, post.id])
            let stored = try await run.stored()
            #expect(stored.state.etag == "\"b1\"" && stored.state.cursor == "2026-12-06T07:00:00Z")
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
            let feed = server.seen.last { $0.path == "/feeds/posts/default" }
            #expect(feed?.ifNoneMatch == "\"b1\"")
            #expect(try await run.stored().state.lastStatus == 304)
        }
    }

    @Test("a Mastodon hashtag: boosts counted once, since_id on the next pass")
    func mastodonHashtag() async throws {
        let server = try FixtureServer([
            "/api/v1/timelines/tag/maisonvert": FixtureServer.fixture("mastodon-tag.json", contentType: Self.json)
        ])
        try await Self.collect(server, kind: .mastodon, options: ["hashtag": "#maisonvert"]) { run async throws in
            // Four statuses, one of them a boost of another: three posts.
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 3)])
            #expect(try await run.stored().state.cursor == "113600000000000300")
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
            #expect(server.seen.map { $0.query["since_id"] } == [nil, "113600000000000300"])
            #expect(try await run.posts().count == 3)
        }
    }

    @Test("Bluesky: a session from configured credentials, the brand's query searched, its cursor kept")
    func blueskyWithSession() async throws {
        let server = try FixtureServer([
            "/xrpc/com.atproto.server.createSession": FixtureServer.fixture("bluesky-session.json", contentType: Self.json),
            "/xrpc/app.bsky.feed.searchPosts": FixtureServer.fixture("bluesky-search.json", contentType: Self.json),
        ])
        let options = ["brand": "Maison Vert", "identifier": "vigie.example.com", "password_env": "VIGIE_TEST_BSKY_PASSWORD"]
        try await Self.collect(server, kind: .bluesky, options: options) { run async throws in
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 2)])
            let search = try #require(server.seen.last)
            #expect(server.seen.first?.method == "POST")
            #expect(search.query["q"] == "\"maison vert\" OR maisonvert")
            #expect(search.authorization?.hasPrefix("Bearer eyJ0eXAiOiJhdCtqd3Qi") == true)
            #expect(try await run.stored().state.cursor == "2026-12-06T10:00:00Z")
            _ = try await run.pass()
            #expect(server.seen.last?.query["since"] == "2026-12-06T10:00:00Z")
            #expect(try await run.posts().count == 2)
        }
    }

    @Test("Reddit: a search listing as JSON, the newest time kept as the cursor")
    func reddit() async throws {
        let server = try FixtureServer(["/search.json": FixtureServer.fixture("reddit-search.json", contentType: Self.json)])
        try await Self.collect(server, kind: .reddit, options: ["query": "maison vert"]) { run async throws in
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 2)])
            #expect(server.seen.first?.query["q"] == "maison vert")
            #expect(try await run.stored().state.cursor == "1796551200")
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
            #expect(try await run.posts().count == 2)
        }
    }

    @Test("Hacker News: Algolia's search for the brand's query, only newer items on the next pass")
    func hackerNews() async throws {
        let server = try FixtureServer([
            "/api/v1/search_by_date": FixtureServer.fixture("hackernews-search.json", contentType: Self.json)
        ])
        try await Self.collect(server, kind: .hackernews, options: ["brand": "Maison Vert"]) { run async throws in
            let first = try await run.pass()
            let stored = try await run.posts().count
            #expect(first == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: stored)] && stored >= 2)
            #expect(server.seen.first?.query["query"] == "\"maison vert\" OR maisonvert")
            #expect(try await run.stored().state.cursor == "1796554800")
            #expect(try await run.pass() == [.collected(sourceID: run.source.id, outcome: .fetched, inserted: 0)])
            #expect(server.seen.last?.query["numericFilters"] == "created_at_i>1796554800")
            #expect(try await run.posts().count == stored)
        }
    }
}
