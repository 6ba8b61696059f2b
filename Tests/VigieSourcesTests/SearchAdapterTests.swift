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
