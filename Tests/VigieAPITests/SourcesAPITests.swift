import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieModel
import VigieStorage
import VigieTestSupport

/// `/v1/sources` over real HTTP: admins add, list, show, pause, resume and remove sources.
@Suite("API sources")
struct SourcesAPITests {
    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("an admin adds a feed and a brand's search, lists, shows, pauses, resumes and removes them")
    func lifecycle() async throws {
        try await APIHarness.withAPI { client, database, _ in
            let admin = try await TokenStore(database).create(name: "admin", role: .admin)
            let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
            let feed = try await client.execute(
                uri: "/v1/sources", method: .post, headers: auth,
                body: try Self.body(["name": "Blog Acme", "kind": "feed", "url": "https://blog.example/feed/", "interval_seconds": 1800]))
            #expect(feed.status == .created, "\(String(buffer: feed.body))")
            let added = try APIHarness.json(feed)
            #expect(added["name"] as? String == "Blog Acme" && added["state"] as? String == "active")
            #expect(added["interval_seconds"] as? Int == 1800 && added["consecutive_errors"] as? Int == 0)
            let feedID = try #require(added["id"] as? Int)

            let search = try await client.execute(
                uri: "/v1/sources", method: .post, headers: auth,
                body: try Self.body(["name": "HN Acme", "kind": "hackernews", "brand": "acm"]))
            #expect(search.status == .created, "\(String(buffer: search.body))")
            // The brand is found by its alias and stored by its name.
            #expect(try (APIHarness.json(search)["options"] as? [String: String]) == ["brand": "Acme"])

            let list = try APIHarness.json(try await client.execute(uri: "/v1/sources", method: .get, headers: auth))
            let names = (list["sources"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names?.contains("Blog Acme") == true && names?.contains("HN Acme") == true)

            let paused = try await client.execute(uri: "/v1/sources/\(feedID)/pause", method: .post, headers: auth)
            #expect(try paused.status == .ok && (APIHarness.json(paused)["state"] as? String) == "paused")
            #expect(try await SourceStore(database).source(id: Int64(feedID))?.paused == true)
            let resumed = try await client.execute(uri: "/v1/sources/\(feedID)/resume", method: .post, headers: auth)
            #expect(try (APIHarness.json(resumed)["state"] as? String) == "active")
            let shown = try await client.execute(uri: "/v1/sources/\(feedID)", method: .get, headers: auth)
            #expect(try (APIHarness.json(shown)["url"] as? String) == "https://blog.example/feed/")

            let removed = try await client.execute(uri: "/v1/sources/\(feedID)", method: .delete, headers: auth)
            #expect(try removed.status == .ok && (APIHarness.json(removed)["removal"] as? String) == "deleted")
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/sources/\(feedID)", method: .get, headers: auth),
                status: .notFound, type: Problem.Kind.notFound.type, mentioning: "\(feedID)")
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/sources/\(feedID)/pause", method: .post, headers: auth),
                status: .notFound, type: Problem.Kind.notFound.type)
        }
    }

    @Test("bad input gets a problem document; a taken name a 409; readers and stewards a 403")
    func refusals() async throws {
        try await APIHarness.withAPI { client, database, reader in
            let tokens = TokenStore(database)
            let admin = try await tokens.create(name: "admin", role: .admin)
            let steward = try await tokens.create(name: "steward", role: .steward)
            let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
            let cases: [([String: Any], String)] = [
                (["name": "x", "kind": "sample", "url": "https://a.example/"], "'kind' must be one of"),
                (["name": "x", "kind": "feed", "url": "ftp://a.example/feed"], "not an http or https URL"),
                (["name": "x", "kind": "feed"], "a feed source needs a URL"),
                (["name": "x", "kind": "mastodon", "url": "https://m.example"], "a hashtag, an account or a brand"),
                (["name": "x", "kind": "reddit", "brand": "Nobody"], "no brand named 'Nobody'"),
                (["name": "x", "kind": "feed", "url": "https://a.example/", "interval_seconds": 5], "'interval_seconds'"),
                (["name": "x"], "'kind' is missing"),
                (["name": "  ", "kind": "feed", "url": "https://a.example/"], "a source needs a name"),
            ]
            for (body, detail) in cases {
                try APIHarness.expectProblem(
                    try await client.execute(uri: "/v1/sources", method: .post, headers: auth, body: try Self.body(body)),
                    status: .badRequest, type: Problem.Kind.invalidParameter.type, mentioning: detail)
            }
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/sources", method: .post, headers: auth, body: ByteBuffer(string: "{not json")),
                status: .badRequest, type: Problem.Kind.invalidParameter.type, mentioning: "JSON")
            let first = try Self.body(["name": "Blog", "kind": "feed", "url": "https://a.example/feed"])
            #expect(try await client.execute(uri: "/v1/sources", method: .post, headers: auth, body: first).status == .created)
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/sources", method: .post, headers: auth, body: first),
                status: .conflict, type: Problem.Kind.conflict.type, mentioning: "Blog")
            for id in ["abc", "0", "-3"] {
                try APIHarness.expectProblem(
                    try await client.execute(uri: "/v1/sources/\(id)", method: .get, headers: auth),
                    status: .badRequest, type: Problem.Kind.invalidParameter.type, mentioning: "positive integer")
            }
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/sources/999", method: .delete, headers: auth),
                status: .notFound, type: Problem.Kind.notFound.type)
            for secret in [reader, steward] {
                for (uri, method) in [("/v1/sources", HTTPRequest.Method.get), ("/v1/sources", .post), ("/v1/sources/1/pause", .post)] {
                    try APIHarness.expectProblem(
                        try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(secret)"], body: first),
                        status: .forbidden, type: Problem.Kind.forbidden.type, mentioning: "admin")
                }
            }
            #expect(try await SourceStore(database).list().filter { $0.kind == .feed }.map(\.name) == ["Blog"])
        }
    }
}
