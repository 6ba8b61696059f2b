import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

/// `vigie source`, run as the built binary against a real database.
@Suite("vigie source")
struct SourceCommandTests {
    /// `vigie source ARGUMENTS` on the database of `settings`.
    static func source(_ settings: ConnectionSettings) -> ([String]) throws -> CommandLineTests.Run {
        let environment = settings.environment
        return { try CommandLineTests.vigie(["source"] + $0, environment: environment) }
    }

    @Test("add a feed and a Mastodon hashtag; list and show their health; pause, resume, remove")
    func lifecycle() async throws {
        let settings = try await TestDatabase.fresh(label: "sourcecli")
        let vigie = Self.source(settings)
        let feed = try vigie(["add", "--kind", "feed", "--name", "Blog Acme", "--interval", "30m", "http://127.0.0.1:9/feed/"])
        #expect(feed.status == 0, "\(feed.stderr)")
        #expect(feed.stdout.contains("added source") && feed.stdout.contains("'Blog Acme' (feed, every 1800 s), due now"), "\(feed.stdout)")
        let tag = try vigie(["add", "--kind", "mastodon", "--name", "#acme", "--hashtag", "acme", "--option", "limit=40", "https://mastodon.example"])
        #expect(tag.status == 0, "\(tag.stderr)")

        // A worker's failed fetch, as SourceLeases.complete stores it.
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            let leases = SourceLeases(database)
            let claimed = try await leases.claim(owner: "w", limit: 10, lease: .seconds(60))
            let blog = try #require(claimed.first { $0.source.name == "Blog Acme" })
            let outcome = FetchOutcome(
                kind: .failed, status: 503, error: "HTTP 503 from 127.0.0.1", fetchedAt: Date(timeIntervalSince1970: 1_900_000_000),
                nextFetchAt: Date(timeIntervalSince1970: 1_900_003_600))
            _ = try await leases.complete(blog, owner: "w", outcome: outcome, posts: [])
            try await leases.release(owner: "w", ids: claimed.map(\.source.id))
        }
        let list = try vigie(["list"])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("LAST ERROR") == true, "\(list.stdout)")
        let blogLine = try #require(lines.first { $0.contains("Blog Acme") }, "\(list.stdout)")
        for cell in ["feed", "active", "2030-03-17T17:46:40Z", "503", " 1 ", "2030-03-17T18:46:40Z", "HTTP 503 from 127.0.0.1"] {
            #expect(blogLine.contains(cell), "\(cell) in \(blogLine)")
        }
        let tagLine = try #require(lines.first { $0.contains("#acme") })
        #expect(tagLine.contains("mastodon") && tagLine.contains("now"), "\(tagLine)")

        let show = try vigie(["show", "#acme"])
        #expect(show.status == 0, "\(show.stderr)")
        for line in ["url                 https://mastodon.example", "option hashtag      acme", "option limit        40", "interval            900 s"] {
            #expect(show.stdout.contains(line), "\(line) in \(show.stdout)")
        }
        let json = try vigie(["list", "--json"])
        let decoded = try JSONDecoder.iso8601.decode([Source].self, from: Data(json.stdout.utf8))
        #expect(decoded.map(\.name) == ["#acme", "Blog Acme"])
        #expect(decoded[1].state.consecutiveErrors == 1 && decoded[1].state.lastStatus == 503)
        let one = try JSONDecoder.iso8601.decode(Source.self, from: Data(try vigie(["show", "--json", "Blog Acme"]).stdout.utf8))
        #expect(one.intervalSeconds == 1800 && one.state.lastError == "HTTP 503 from 127.0.0.1")

        let id = String(decoded[0].id)
        #expect(try vigie(["pause", id]).stdout == "paused source '#acme'\n")
        #expect(try vigie(["list"]).stdout.split(separator: "\n").contains { $0.contains("#acme") && $0.contains("paused") })
        #expect(try vigie(["resume", "#acme"]).stdout == "resumed source '#acme', due now\n")
        #expect(try vigie(["remove", "#acme"]).stdout == "deleted source '#acme' (it had no posts)\n")
        let gone = try vigie(["show", "#acme"])
        #expect(gone.status == 65 && gone.stderr == "Error: no source named '#acme' ('vigie source list' shows them)\n", "\(gone.stderr)")
        try await TestDatabase.drop(settings)
    }

    @Test("bad input gets one clear line and status 65, and stores nothing")
    func refusals() async throws {
        let settings = try await TestDatabase.fresh(label: "sourcebad")
        let vigie = Self.source(settings)
        #expect(try vigie(["add", "--kind", "feed", "--name", "a", "http://127.0.0.1/feed"]).status == 0)
        let cases: [([String], String)] = [
            (["add", "--kind", "feed", "--name", "a", "http://127.0.0.1/other"], "a source named 'a' already exists"),
            (["add", "--kind", "file", "--name", "f", "http://127.0.0.1/"], "'file' is not a kind of source a collector fetches"),
            (["add", "--kind", "feed", "--name", "b", "ftp://127.0.0.1/feed"], "'ftp://127.0.0.1/feed' is not an http or https URL"),
            (["add", "--kind", "feed", "--name", "b"], "a feed source needs a URL"),
            (["add", "--kind", "mastodon", "--name", "m", "https://mastodon.example"], "needs a hashtag, an account or a brand"),
            (["add", "--kind", "hackernews", "--name", "h"], "a hackernews source needs a query or a brand"),
            (["add", "--kind", "hackernews", "--name", "h", "--brand", "Nobody"], "no brand named 'Nobody'"),
            (["add", "--kind", "feed", "--name", "b", "--brand", "Acme", "http://127.0.0.1/f"], "a brand needs a kind that searches"),
            (["add", "--kind", "feed", "--name", "b", "--interval", "10s", "http://127.0.0.1/f"], "--interval '10s' is not a duration"),
            (["add", "--kind", "feed", "--name", "b", "--interval", "soon", "http://127.0.0.1/f"], "--interval 'soon' is not a duration"),
            (["add", "--kind", "reddit", "--name", "r", "--option", "=x"], "--option '=x' is not key=value"),
            (["pause", "nope"], "no source named 'nope'"),
            (["remove", "42"], "no source named '42'"),
        ]
        for (arguments, message) in cases {
            let run = try vigie(arguments)
            #expect(run.status == 65, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: ") && run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        #expect(try vigie(["list", "--json"]).stdout.components(separatedBy: "\"name\"").count == 2, "only 'a' stored")
        // A search source attached to a brand stores the brand's name, whatever its query becomes.
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await BrandStore(database).upsert([Brand(name: "Acme", query: "\"acme\"")])
        }
        #expect(try vigie(["add", "--kind", "hackernews", "--name", "hn", "--brand", "acme"]).status == 0)
        #expect(try vigie(["show", "hn"]).stdout.contains("option brand        Acme"))
        try await TestDatabase.drop(settings)
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
