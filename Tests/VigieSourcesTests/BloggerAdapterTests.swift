import Foundation
import Testing
import VigieModel

@testable import VigieSources

@Suite struct BloggerAdapterTests {
    let adapter = BloggerAdapter()
    let blog = Source(id: 1, name: "paul", kind: .blogger, url: "https://avisdepaul.blogspot.com")

    @Test func plansBothFeedsFreshAndWithACursor() {
        #expect(
            adapter.plan(blog) == [
                PlannedRequest(url: "https://avisdepaul.blogspot.com/feeds/posts/default", accept: "application/atom+xml", conditional: true),
                PlannedRequest(
                    url: "https://avisdepaul.blogspot.com/feeds/comments/default", accept: "application/atom+xml",
                    purpose: .comments(parentURL: nil)),
            ])
        var resumed = blog
        resumed.state.cursor = "2026-12-06T07:00:00Z"
        #expect(
            adapter.plan(resumed).map(\.url) == [
                "https://avisdepaul.blogspot.com/feeds/posts/default?updated-min=2026-12-06T07%3A00%3A00Z&orderby=updated&max-results=500",
                "https://avisdepaul.blogspot.com/feeds/comments/default?updated-min=2026-12-06T07%3A00%3A00Z&orderby=updated&max-results=500",
            ])
    }

    @Test func postsAndCommentsLinkedToTheirPost() throws {
        let plan = adapter.plan(blog)
        let posts = try adapter.read(try Fixture.body("blogger-posts.xml", url: plan[0].url), of: plan[0], source: blog)
        #expect(
            posts.records == [
                ImportRecord(
                    url: "https://avisdepaul.blogspot.com/2026/12/test-robot.html", title: "Test du robot Maison Vert",
                    author: "Paul", publishedAt: Fixture.date("2026-12-06T07:00:00Z"),
                    body: "Bruyant mais efficace.\nJe recommande.")
            ])
        #expect(posts.cursor == "2026-12-06T07:00:00Z")
        let comments = try adapter.read(try Fixture.body("blogger-comments.xml", url: plan[1].url), of: plan[1], source: blog)
        let post = "https://avisdepaul.blogspot.com/2026/12/test-robot.html"
        #expect(
            comments.records == [
                ImportRecord(
                    url: post + "?showComment=1765011600000#c5001", title: "Le mien fait pareil", author: "Anonyme",
                    publishedAt: Fixture.date("2026-12-06T09:00:00Z"), body: "Le mien fait pareil, mais le SAV a été rapide.",
                    kind: .comment, parentURL: post),
                ImportRecord(
                    url: post + "?showComment=1765009800000#c5002", title: "Merci", author: "Julie",
                    publishedAt: Fixture.date("2026-12-06T08:30:00Z"), body: "Merci pour le test !", kind: .comment,
                    parentURL: post),
            ])
        #expect(comments.cursor == nil)
    }

    @Test func garbageIsAClearError() {
        let request = adapter.plan(blog)[0]
        let error = #expect(throws: AdapterError.self) {
            try adapter.read(FetchedBody(url: request.url, body: Array("\u{0}\u{1}garbage".utf8)), of: request, source: blog)
        }
        #expect(error?.description.hasPrefix("blogger: https://avisdepaul.blogspot.com/feeds/posts/default is not a feed") == true)
    }
}
