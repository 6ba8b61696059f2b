import Foundation
import Testing
import VigieModel

@testable import VigieSources

/// Recorded responses in the shapes of https://www.reddit.com/dev/api/#GET_search (a listing
/// of `t3` things) and https://hn.algolia.com/api (`search_by_date`), written for these tests.
@Suite struct RedditAdapterTests {
    let adapter = RedditAdapter()
    let search = Source(id: 1, name: "r", kind: .reddit, url: nil, options: ["query": "maison vert"])

    @Test func plansSearchesAndListings() {
        #expect(
            adapter.plan(search).map(\.url) == [
                "https://www.reddit.com/search.json?q=maison%20vert&sort=new&limit=100&raw_json=1"
            ])
        let listing = Source(id: 2, name: "l", kind: .reddit, url: "https://www.reddit.com/", options: ["subreddit": "r/france"])
        #expect(adapter.plan(listing).map(\.url) == ["https://www.reddit.com/r/france/new.json?limit=100&raw_json=1"])
        var within = search
        within.options["subreddit"] = "france"
        within.state.cursor = "1796544000"
        #expect(
            adapter.plan(within).map(\.url) == [
                "https://www.reddit.com/r/france/search.json?q=maison%20vert&restrict_sr=1&sort=new&limit=100&raw_json=1"
            ])
        #expect(adapter.plan(Source(id: 3, name: "n", kind: .reddit, url: nil)).isEmpty)
    }

    @Test func linksBecomePosts() throws {
        let request = adapter.plan(search)[0]
        let page = try adapter.read(try Fixture.body("reddit-search.json", url: request.url), of: request, source: search)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://www.reddit.com/r/france/comments/1h8zz01/sav_maison_vert/", title: "SAV Maison Vert",
                    author: "lyonnais42", publishedAt: Fixture.date("2026-12-06T10:00:00Z"),
                    body: "Quelqu'un a testé le SAV de Maison Vert ?\n\nJ'attends depuis 3 semaines."),
                ImportRecord(
                    url: "https://www.reddit.com/r/france/comments/1h8zz02/maison_vert_ouvre_a_lyon/",
                    title: "Maison Vert ouvre à Lyon", publishedAt: Fixture.date("2026-12-06T08:00:00Z"),
                    body: "Maison Vert ouvre à Lyon\n\nhttps://news.example/maison-vert-lyon"),
            ])
        #expect(page.cursor == "1796551200")
        #expect(page.follow.isEmpty)  // the first pass reads one page
    }

    @Test func aLaterPassStopsAtItsCursor() throws {
        var resumed = search
        resumed.state.cursor = "1796544000"
        let request = adapter.plan(resumed)[0]
        let page = try adapter.read(try Fixture.body("reddit-search.json", url: request.url), of: request, source: resumed)
        #expect(page.records.map(\.title) == ["SAV Maison Vert"])
        #expect(page.follow.isEmpty)
        resumed.state.cursor = "1796000000"
        let older = try adapter.read(try Fixture.body("reddit-search.json", url: request.url), of: request, source: resumed)
        #expect(older.records.count == 2)
        #expect(older.follow.map(\.url) == [request.url + "&after=t3_1h8zz02"])
        let next = try adapter.read(try Fixture.body("reddit-search.json", url: older.follow[0].url), of: older.follow[0], source: resumed)
        #expect(next.cursor == nil)
    }

    @Test func malformedJSONIsAClearError() {
        let request = adapter.plan(search)[0]
        #expect(throws: AdapterError(.reddit, "'data' is missing in the answer")) {
            try adapter.read(FetchedBody(url: request.url, body: Array(#"{"kind": "Listing"}"#.utf8)), of: request, source: search)
        }
        #expect(throws: AdapterError(.reddit, "the answer is not JSON")) {
            try adapter.read(FetchedBody(url: request.url, body: Array("<html>Too Many Requests".utf8)), of: request, source: search)
        }
    }
}

@Suite struct HackerNewsAdapterTests {
    let adapter = HackerNewsAdapter()
    let search = Source(id: 1, name: "hn", kind: .hackernews, url: nil, options: ["query": "maison vert"])
    let base = "https://hn.algolia.com/api/v1/search_by_date?query=maison%20vert&tags=%28story%2Ccomment%29&hitsPerPage=100"

    @Test func plansFreshAndWithACursor() {
        #expect(adapter.plan(search).map(\.url) == [base])
        var resumed = search
        resumed.state.cursor = "1796547600"
        #expect(adapter.plan(resumed).map(\.url) == [base + "&numericFilters=created_at_i%3E1796547600"])
    }

    @Test func storiesAndCommentsLinkedToTheirStory() throws {
        let request = adapter.plan(search)[0]
        let page = try adapter.read(try Fixture.body("hackernews-search.json", url: request.url), of: request, source: search)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://news.ycombinator.com/item?id=42000005", author: "pg2",
                    publishedAt: Fixture.date("2026-12-06T11:00:00Z"), body: "Their API docs are \"great\".\n\nReally.",
                    kind: .comment, parentURL: "https://news.ycombinator.com/item?id=42000001"),
                ImportRecord(
                    url: "https://news.ycombinator.com/item?id=42000001", title: "Maison Vert open-sources its robot firmware",
                    author: "alice", publishedAt: Fixture.date("2026-12-06T10:00:00Z"),
                    body: "Maison Vert open-sources its robot firmware\n\nhttps://maisonvert.example/blog/firmware"),
                ImportRecord(
                    url: "https://news.ycombinator.com/item?id=42000000", title: "Ask HN: Maison Vert robots?", author: "bob",
                    publishedAt: Fixture.date("2026-12-06T09:00:00Z"), body: "Anyone using Maison Vert's robot?"),
            ])
        #expect(page.cursor == "1796554800")
        #expect(page.follow.isEmpty)
    }

    @Test func aLaterPassReadsEveryPageSinceItsCursor() throws {
        var resumed = search
        resumed.state.cursor = "1796500000"
        let request = adapter.plan(resumed)[0]
        let first = FetchedBody(url: request.url, body: Array(#"{"hits": [], "page": 0, "nbPages": 3}"#.utf8))
        let page = try adapter.read(first, of: request, source: resumed)
        #expect(page.follow.map(\.url) == [request.url + "&page=1"])
        let last = FetchedBody(url: request.url, body: Array(#"{"hits": [], "page": 2, "nbPages": 3}"#.utf8))
        #expect(try adapter.read(last, of: page.follow[0], source: resumed).follow.isEmpty)
    }

    @Test func malformedJSONIsAClearError() {
        let request = adapter.plan(search)[0]
        #expect(throws: AdapterError(.hackernews, "'hits' is not an array")) {
            try adapter.read(FetchedBody(url: request.url, body: Array(#"{"hits": {}, "page": 0, "nbPages": 1}"#.utf8)), of: request, source: search)
        }
    }
}
