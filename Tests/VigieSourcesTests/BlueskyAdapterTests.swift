import Foundation
import Testing
import VigieModel

@testable import VigieSources

/// Recorded responses in the shapes of https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
/// and https://docs.bsky.app/docs/api/com-atproto-server-create-session, written for these tests.
@Suite struct BlueskyAdapterTests {
    let adapter = BlueskyAdapter()
    let search = Source(id: 1, name: "bsky", kind: .bluesky, url: nil, options: ["query": "maison vert"])
    let base = "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=maison%20vert&sort=latest&limit=100"

    @Test func plansFreshAndWithACursor() {
        #expect(adapter.plan(search) == [PlannedRequest(url: base, accept: "application/json")])
        var resumed = search
        resumed.state.cursor = "2026-12-06T09:00:00Z"
        resumed.url = "http://127.0.0.1:8080"
        #expect(
            adapter.plan(resumed).map(\.url) == [
                "http://127.0.0.1:8080/xrpc/app.bsky.feed.searchPosts?q=maison%20vert&sort=latest&limit=100&since=2026-12-06T09%3A00%3A00Z"
            ])
    }

    @Test func postsWithTheirWebURL() throws {
        let request = adapter.plan(search)[0]
        let page = try adapter.read(try Fixture.body("bluesky-search.json", url: request.url), of: request, source: search)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://bsky.app/profile/lucie.example.com/post/3lcx7k2aaa22b", author: "lucie.example.com",
                    publishedAt: Fixture.date("2026-12-06T10:00:00Z"), lang: "fr", body: "Le robot Maison Vert est enfin arrivé !"),
                ImportRecord(
                    url: "https://bsky.app/profile/marc.bsky.social/post/3lcx6zzbbb11a", author: "marc.bsky.social",
                    publishedAt: Fixture.date("2026-12-06T09:00:00Z"), body: "maison vert support never answers"),
            ])
        #expect(page.cursor == "2026-12-06T10:00:00Z")
        #expect(page.follow.isEmpty)  // the first pass reads one page
        var resumed = search
        resumed.state.cursor = "2026-12-06T08:00:00Z"
        let later = try adapter.read(try Fixture.body("bluesky-search.json", url: request.url), of: adapter.plan(resumed)[0], source: resumed)
        #expect(later.follow.map(\.url) == [adapter.plan(resumed)[0].url + "&cursor=100"])
        let next = try adapter.read(try Fixture.body("bluesky-search.json", url: request.url), of: later.follow[0], source: resumed)
        #expect(next.cursor == nil)
        #expect(next.follow.map(\.url) == [adapter.plan(resumed)[0].url + "&cursor=100"])
    }

    @Test func credentialsOpenASessionWhoseTokenGoesOnTheSearch() throws {
        var signed = search
        signed.options["identifier"] = "vigie.example.com"
        signed.options["password_env"] = "VIGIE_BSKY_PASSWORD"
        signed.options["password"] = "app-pass-word"
        let plan = adapter.plan(signed)
        #expect(plan.count == 1)
        #expect(plan[0].url == "https://bsky.social/xrpc/com.atproto.server.createSession")
        #expect(plan[0].method == "POST")
        #expect(plan[0].purpose == .session)
        #expect(plan[0].body == Array(#"{"identifier":"vigie.example.com","password":"app-pass-word"}"#.utf8))
        #expect(!plan[0].description.contains("app-pass-word"))
        let page = try adapter.read(try Fixture.body("bluesky-session.json", url: plan[0].url), of: plan[0], source: signed)
        #expect(page.records.isEmpty)
        #expect(page.follow.map(\.url) == ["https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=maison%20vert&sort=latest&limit=100"])
        #expect(page.follow.first?.headers == ["Authorization": "Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.test-access"])
        // Without the password the worker found, the search is public.
        signed.options["password"] = nil
        #expect(adapter.plan(signed).map(\.url) == [base])
    }

    @Test func malformedJSONIsAClearError() {
        let request = adapter.plan(search)[0]
        #expect(throws: AdapterError(.bluesky, "'posts' is missing in the answer")) {
            try adapter.read(FetchedBody(url: request.url, body: Array(#"{"error": "InvalidRequest"}"#.utf8)), of: request, source: search)
        }
        #expect(throws: AdapterError(.bluesky, "'record' is missing in 'posts[0]'")) {
            try adapter.read(FetchedBody(url: request.url, body: Array(#"{"posts": [{"uri": "at://x", "author": {"did": "d", "handle": "h"}, "indexedAt": "2026-12-06T10:00:00Z"}]}"#.utf8)), of: request, source: search)
        }
    }
}
