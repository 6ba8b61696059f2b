import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import VigieDemoSite
import VigieFeeds
import VigieSample

/// The demo site over real HTTP on loopback (HummingbirdTesting's `.live`: port 0), on a
/// clock the tests move, so that what is released when is checked exactly.
@Suite("Demo site")
struct DemoSiteTests {
    /// A clock the test sets.
    final class Clock: Sendable {
        private let date: Mutex<Date>
        init(_ date: Date) { self.date = Mutex(date) }
        var now: Date { date.withLock { $0 } }
        func advance(_ seconds: Double) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let content = try! DemoContent.bundled()

    /// Runs `body` with a client of a site started at ``start``, releasing every minute.
    static func withSite<R: Sendable>(
        clock: Clock = Clock(start), _ body: @Sendable (any TestClientProtocol, Clock) async throws -> R
    ) async throws -> R {
        let site = try DemoSite(start: start, releaseEvery: .seconds(60), now: { clock.now })
        return try await Application(router: site.router()).test(.live) { client in try await body(client, clock) }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)
    {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        return (response.status, response.headers, String(buffer: response.body))
    }

    static func json(_ body: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(body.utf8)) }

    @Test("the bundled content is about thirty French posts with comments and twenty statuses")
    func content() {
        #expect((25...40).contains(Self.content.posts.count))
        #expect(Self.content.posts.reduce(0) { $0 + $1.comments.count } >= 30)
        #expect(Self.content.statuses.count == 20)
        #expect(Self.content.statuses.contains { $0.boostOf != nil })
        #expect(Self.content.blog.language == "fr")
        #expect(throws: DemoSiteError.self) { try DemoSite(start: Self.start, releaseEvery: .zero) }
    }

    @Test("the home page points to its feeds, which VigieFeeds reads as posts and comments")
    func homeAndFeeds() async throws {
        try await Self.withSite { client, _ in
            let home = try await Self.get(client, "/")
            #expect(home.status == .ok)
            #expect(home.body.contains(#"<link rel="alternate" type="application/rss+xml""#))
            let feedURL = try #require(FeedDiscovery.alternateFeeds(inHTML: Array(home.body.utf8), url: "http://127.0.0.1/").first)
            #expect(feedURL.hasSuffix("/feed/"), "\(feedURL)")

            let feed = try await Self.get(client, "/feed/")
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("application/rss+xml") == true)
            let posts = try FeedParser.parse(Array(feed.body.utf8))
            // A third of the thirty posts at the start.
            #expect(posts.entries.count == Self.content.posts.count / 3)
            #expect(posts.entries.allSatisfy { $0.kind == nil || $0.kind == .post })
            #expect(posts.entries.first?.title?.string == Self.content.posts[Self.content.posts.count / 3 - 1].title)

            let comments = try FeedParser.parse(Array(try await Self.get(client, "/comments/feed/").body.utf8))
            #expect(!comments.entries.isEmpty)
            let postLinks = Set(posts.entries.compactMap { $0.link?.string })
            for entry in comments.entries {
                #expect(entry.kind == .comment, "\(entry.link?.string ?? "")")
                #expect(entry.inReplyTo.map(postLinks.contains) == true, "\(entry.inReplyTo ?? "nil")")
            }
            let page = try await Self.get(client, "/billets/\(Self.content.posts[0].slug)/")
            #expect(page.status == .ok && page.body.contains(Self.content.posts[0].paragraphs[0].prefix(20)))
            #expect(try await Self.get(client, "/billets/\(Self.content.posts.last!.slug)/").status == .notFound)
        }
    }

    @Test("posts, comments and statuses come one per releaseEvery after the first third")
    func releaseOverTime() async throws {
        try await Self.withSite { client, clock in
            func counts() async throws -> [Int] {
                let posts = try Self.json(try await Self.get(client, "/wp-json/wp/v2/posts?per_page=100").body) as? [Any]
                let statuses = try Self.json(try await Self.get(client, "/api/v1/timelines/tag/sncf?limit=40").body) as? [Any]
                return [posts?.count ?? -1, statuses?.count ?? -1]
            }
            let third = Self.content.posts.count / 3
            let counted1 = try await counts()
            #expect(counted1 == [third, 20 / 3])
            clock.advance(59)
            let counted2 = try await counts()
            #expect(counted2 == [third, 20 / 3])
            clock.advance(1)
            let counted3 = try await counts()
            #expect(counted3 == [third + 1, 20 / 3 + 1])
            clock.advance(60 * 5)
            let counted4 = try await counts()
            #expect(counted4 == [third + 6, 20 / 3 + 6])
            clock.advance(86_400)
            let counted5 = try await counts()
            #expect(counted5 == [Self.content.posts.count, 20])
        }
    }

    @Test("on the real clock, a short releaseEvery brings new posts within a few of its periods")
    func releaseOnTheRealClock() async throws {
        let site = try DemoSite(start: Date(), releaseEvery: .milliseconds(200))
        try await Application(router: site.router()).test(.live) { client in
            let before = try FeedParser.parse(Array(try await Self.get(client, "/feed/").body.utf8)).entries.count
            try await Task.sleep(for: .seconds(1))
            let after = try FeedParser.parse(Array(try await Self.get(client, "/feed/").body.utf8)).entries.count
            #expect(after > before, "\(before) then \(after)")
        }
    }

    @Test("a client with the feed's ETag or date gets 304 until a post comes")
    func conditionalGET() async throws {
        try await Self.withSite { client, clock in
            for uri in ["/feed/", "/comments/feed/", "/wp-json/wp/v2/posts", "/api/v1/timelines/tag/sncf"] {
                let first = try await Self.get(client, uri)
                let eTag = try #require(first.headers[.eTag], "\(uri)")
                let lastModified = try #require(first.headers[.lastModified], "\(uri)")
                let again = try await Self.get(client, uri, headers: [.ifNoneMatch: eTag])
                #expect(again.status == .notModified && again.body.isEmpty, "\(uri)")
                #expect(try await Self.get(client, uri, headers: [.ifModifiedSince: lastModified]).status == .notModified)
                #expect(try await Self.get(client, uri, headers: [.ifNoneMatch: "\"other\""]).status == .ok)
            }
            let eTag = try #require(try await Self.get(client, "/feed/").headers[.eTag])
            clock.advance(60)
            let changed = try await Self.get(client, "/feed/", headers: [.ifNoneMatch: eTag])
            #expect(changed.status == .ok && changed.headers[.eTag] != eTag)
        }
    }

    @Test("WordPress's REST API: its fields, pages, headers and errors")
    func wordPress() async throws {
        try await Self.withSite { client, clock in
            clock.advance(86_400)
            let first = try await Self.get(client, "/wp-json/wp/v2/posts?per_page=4")
            #expect(first.headers[HTTPFields.Element.Name("X-WP-Total")!] == String(Self.content.posts.count))
            #expect(first.headers[HTTPFields.Element.Name("X-WP-TotalPages")!] == String((Self.content.posts.count + 3) / 4))
            let posts = try #require(try Self.json(first.body) as? [[String: Any]])
            #expect(posts.count == 4)
            let newest = try #require(posts.first)
            #expect(newest["id"] as? Int == Self.content.posts.count)
            #expect((newest["title"] as? [String: Any])?["rendered"] as? String != nil)
            #expect(((newest["content"] as? [String: Any])?["rendered"] as? String)?.hasPrefix("<p>") == true)
            #expect((newest["date_gmt"] as? String)?.count == 19)
            #expect((newest["link"] as? String)?.hasPrefix("http://") == true)
            #expect(newest["author"] is Int)
            let second = try #require(try Self.json(try await Self.get(client, "/wp-json/wp/v2/posts?per_page=4&page=2").body) as? [[String: Any]])
            #expect(second.first?["id"] as? Int == Self.content.posts.count - 4)

            let postID = try #require(posts.first { ($0["id"] as? Int).map { Self.content.posts[$0 - 1].comments.count > 1 } ?? false }?["id"] as? Int)
            let comments = try #require(try Self.json(try await Self.get(client, "/wp-json/wp/v2/comments?post=\(postID)").body) as? [[String: Any]])
            #expect(comments.count == Self.content.posts[postID - 1].comments.count)
            for comment in comments {
                #expect(comment["post"] as? Int == postID)
                #expect(comment["author_name"] is String && (comment["date_gmt"] as? String)?.count == 19)
                #expect((comment["link"] as? String)?.contains("#comment-") == true)
                #expect((comment["content"] as? [String: Any])?["rendered"] is String)
            }

            let beyond = try await Self.get(client, "/wp-json/wp/v2/posts?per_page=4&page=99")
            #expect(beyond.status == .badRequest && beyond.body.contains("rest_post_invalid_page_number"))
            for query in ["per_page=0", "per_page=101", "page=x", "after=yesterday"] {
                let bad = try await Self.get(client, "/wp-json/wp/v2/posts?\(query)")
                #expect(bad.status == .badRequest && bad.body.contains("rest_invalid_param"), "\(query)")
            }
            // `after` (UTC when no zone is given): only the posts newer than the third newest.
            let third = try #require(posts[2]["date_gmt"] as? String)
            let after = try Self.json(try await Self.get(client, "/wp-json/wp/v2/posts?after=\(third)").body) as? [[String: Any]]
            #expect(after?.compactMap { $0["id"] as? Int } == posts.prefix(2).compactMap { $0["id"] as? Int })
        }
    }

    @Test("Mastodon's hashtag timeline pages by max_id, since_id and min_id, with a Link header")
    func mastodon() async throws {
        try await Self.withSite { client, clock in
            clock.advance(86_400)
            let first = try await Self.get(client, "/api/v1/timelines/tag/SNCF?limit=5")
            let page = try #require(try Self.json(first.body) as? [[String: Any]])
            let ids = page.compactMap { ($0["id"] as? String).flatMap(Int.init) }
            #expect(ids.count == 5 && ids == ids.sorted(by: >))
            let link = try #require(first.headers[HTTPFields.Element.Name("Link")!])
            #expect(link.contains("max_id=\(ids.last!)>; rel=\"next\"") && link.contains("min_id=\(ids.first!)>; rel=\"prev\""))

            let next = try #require(try Self.json(try await Self.get(client, "/api/v1/timelines/tag/sncf?limit=5&max_id=\(ids.last!)").body) as? [[String: Any]])
            let nextIDs = next.compactMap { ($0["id"] as? String).flatMap(Int.init) }
            #expect(nextIDs.count == 5 && nextIDs.allSatisfy { $0 < ids.last! })

            let since = try #require(try Self.json(try await Self.get(client, "/api/v1/timelines/tag/sncf?since_id=\(nextIDs.first!)").body) as? [[String: Any]])
            #expect(since.compactMap { $0["id"] as? String } == ids.map(String.init))
            let min = try #require(try Self.json(try await Self.get(client, "/api/v1/timelines/tag/sncf?limit=2&min_id=\(nextIDs.last!)").body) as? [[String: Any]])
            #expect(min.compactMap { ($0["id"] as? String).flatMap(Int.init) } == Array(nextIDs.suffix(3).prefix(2)))

            let all = try #require(try Self.json(try await Self.get(client, "/api/v1/timelines/tag/sncf?limit=40").body) as? [[String: Any]])
            #expect(all.count == 20)
            let boost = try #require(all.first { !($0["reblog"] is NSNull) })
            let original = try #require(boost["reblog"] as? [String: Any])
            #expect(boost["content"] as? String == "" && (original["content"] as? String)?.contains("hashtag") == true)
            #expect(all.contains { $0["id"] as? String == original["id"] as? String })
            let status = try #require(all.first { $0["reblog"] is NSNull })
            #expect((status["account"] as? [String: Any])?["acct"] is String && status["created_at"] is String)
            #expect(status["language"] as? String == "fr" && status["visibility"] as? String == "public")

            let other = try Self.json(try await Self.get(client, "/api/v1/timelines/tag/ratp").body) as? [Any]
            #expect(other?.isEmpty == true)
            let bad = try await Self.get(client, "/api/v1/timelines/tag/sncf?max_id=abc")
            #expect(bad.status == .badRequest && bad.body.contains("max_id"))
        }
    }
}
