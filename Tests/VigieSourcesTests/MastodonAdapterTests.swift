import Foundation
import Testing
import VigieModel

@testable import VigieSources

/// Recorded responses in the shapes https://docs.joinmastodon.org/entities/Status/ and
/// https://docs.joinmastodon.org/entities/Account/ document, written for these tests.
@Suite struct MastodonAdapterTests {
    let adapter = MastodonAdapter()
    let tag = Source(id: 1, name: "tag", kind: .mastodon, url: "https://mastodon.example/", options: ["hashtag": "#MaisonVert"])

    @Test func plansForAHashtagFreshAndWithACursor() {
        #expect(adapter.plan(tag).map(\.url) == ["https://mastodon.example/api/v1/timelines/tag/MaisonVert?limit=40"])
        var resumed = tag
        resumed.state.cursor = "113600000000000300"
        #expect(
            adapter.plan(resumed).map(\.url) == [
                "https://mastodon.example/api/v1/timelines/tag/MaisonVert?limit=40&since_id=113600000000000300"
            ])
        #expect(adapter.plan(Source(id: 2, name: "nothing", kind: .mastodon, url: "https://m.example")).isEmpty)
    }

    @Test func anAccountIsLookedUpThenItsStatusesRead() throws {
        var account = Source(id: 3, name: "acct", kind: .mastodon, url: "https://mastodon.example", options: ["account": "@maisonvert"])
        let plan = adapter.plan(account)
        #expect(plan == [PlannedRequest(url: "https://mastodon.example/api/v1/accounts/lookup?acct=maisonvert", purpose: .discovery)])
        account.state.cursor = "500"
        let body = try Fixture.body("mastodon-account.json", url: plan[0].url)
        let page = try adapter.read(body, of: plan[0], source: account)
        #expect(page.records.isEmpty)
        #expect(page.cursor == nil)
        #expect(page.follow == [PlannedRequest(url: "https://mastodon.example/api/v1/accounts/109302/statuses?limit=40&since_id=500")])
    }

    @Test func statusesBecomeRecordsWithBoostsCountedOnce() throws {
        let request = adapter.plan(tag)[0]
        let page = try adapter.read(try Fixture.body("mastodon-tag.json", url: request.url), of: request, source: tag)
        #expect(
            page.records == [
                ImportRecord(
                    url: "https://autre.example/@claire/113600000000000100", author: "claire@autre.example",
                    publishedAt: Fixture.date("2026-12-06T09:00:00Z"), lang: "fr",
                    body: "J'adore la nouvelle collection #MaisonVert", kind: .post),
                ImportRecord(
                    url: "https://mastodon.example/@dan/113600000000000200", author: "dan",
                    publishedAt: Fixture.date("2026-12-06T09:30:00Z"), lang: "fr",
                    body: "Avis négatif\n\nLivraison en retard.\nService client injoignable. #MaisonVert", kind: .post),
                ImportRecord(
                    url: "https://mastodon.example/users/eve/statuses/99", author: "eve",
                    publishedAt: Fixture.date("2026-12-05T08:00:00Z"), body: "Old status, no language.", kind: .post),
            ])
        #expect(page.cursor == "113600000000000300")
        #expect(page.follow.isEmpty)
    }

    /// Forty statuses with ids from `first` down.
    static func fullPage(from first: Int) -> FetchedBody {
        let statuses = (0..<MastodonAdapter.limit).map { k in
            """
            {"id": "\(first - k)", "created_at": "2026-12-06T10:00:00Z", "uri": "https://m.example/s/\(first - k)",
             "url": null, "content": "<p>n\(k)</p>", "spoiler_text": "", "language": "fr", "reblog": null,
             "account": {"id": "1", "acct": "a"}}
            """
        }
        return FetchedBody(url: "https://m.example/", body: Array(("[" + statuses.joined(separator: ",") + "]").utf8))
    }

    @Test func fullPagesAreFollowedBackBoundedly() throws {
        let first = adapter.plan(tag)[0]
        let page = try adapter.read(Self.fullPage(from: 1_000), of: first, source: tag)
        #expect(page.records.count == 40)
        #expect(page.cursor == "1000")
        #expect(page.follow.map(\.url) == ["https://mastodon.example/api/v1/timelines/tag/MaisonVert?limit=40&max_id=961"])
        // The first pass pages back once, and the page back leaves the cursor alone.
        let back = try adapter.read(Self.fullPage(from: 960), of: page.follow[0], source: tag)
        #expect(back.follow.isEmpty)
        #expect(back.cursor == nil)
        // A later pass pages back towards its cursor while pages come full.
        var resumed = tag
        resumed.state.cursor = "800"
        let later = try adapter.read(Self.fullPage(from: 1_000), of: adapter.plan(resumed)[0], source: resumed)
        #expect(
            later.follow.map(\.url) == [
                "https://mastodon.example/api/v1/timelines/tag/MaisonVert?limit=40&since_id=800&max_id=961"
            ])
        #expect(try adapter.read(Self.fullPage(from: 960), of: later.follow[0], source: resumed).follow.count == 1)
    }

    @Test func malformedAnswersAreClearErrors() throws {
        let request = adapter.plan(tag)[0]
        func read(_ text: String) throws { _ = try adapter.read(FetchedBody(url: request.url, body: Array(text.utf8)), of: request, source: tag) }
        #expect(throws: AdapterError(.mastodon, "the answer is not an array")) { try read(#"{"error": "Record not found"}"#) }
        #expect(throws: AdapterError(.mastodon, "the answer is not JSON")) { try read("<html>502 Bad Gateway</html>") }
        #expect(throws: AdapterError(.mastodon, "'uri' is missing in '[0]'")) {
            _ = try adapter.read(try Fixture.body("mastodon-missing-uri.json", url: request.url), of: request, source: tag)
        }
        #expect(throws: AdapterError.self) { try read(#"[{"id": 5}]"#) }
    }
}
