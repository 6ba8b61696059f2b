import Foundation
import PostgresNIO
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport

/// Collected sources on a real database: what `vigie source` and the collectors rely on.
@Suite("Sources")
struct SourceStoreTests {
    static func post(_ url: String?, _ body: String, author: String? = nil, source: String? = nil) -> NewPost {
        let record = ImportRecord(url: url, title: "t", author: author, body: body, source: source)
        return NewPost(record: record, fingerprint: record.fingerprint, canonicalURL: record.canonicalURL)
    }

    @Test("a new source is due at once with the defaults; its options come back as given")
    func add() async throws {
        try await TestDatabase.with { database in
            let store = SourceStore(database)
            let added = try await store.add(
                name: "mastodon #acme", kind: .mastodon, url: "https://mastodon.social",
                options: ["hashtag": "acme", "brand": "Acme"], intervalSeconds: 600)
            #expect(added.kind == .mastodon && added.intervalSeconds == 600 && !added.paused)
            #expect(added.options == ["hashtag": "acme", "brand": "Acme"])
            #expect(added.state == FetchState())
            #expect(try await store.source(named: "mastodon #acme") == added)
            #expect(try await store.source(id: added.id) == added)
            #expect(try await store.source(named: "nope") == nil)
            let feed = try await store.add(name: "blog", kind: .feed, url: "https://blog.example/feed/")
            #expect(feed.intervalSeconds == 900 && feed.options.isEmpty)
            #expect(try await store.list().map(\.name) == ["blog", "mastodon #acme"])
        }
    }

    @Test("duplicate names, kinds filled by imports, empty names and bad intervals get clear errors")
    func refusals() async throws {
        try await TestDatabase.with { database in
            let store = SourceStore(database)
            _ = try await store.add(name: "blog", kind: .feed, url: "https://blog.example/feed/")
            let cases: [(String, SourceKind, Int, StorageError.Code, String)] = [
                ("blog", .feed, 900, .conflict, "a source named 'blog' already exists"),
                ("files", .file, 900, .invalidInput, "sources of kind 'file' are filled by imports, not collected"),
                ("gen", .synthetic, 900, .invalidInput, "sources of kind 'synthetic' are filled by imports, not collected"),
                ("  ", .feed, 900, .invalidInput, "a source needs a name"),
                ("zero", .feed, 0, .invalidInput, "a source's interval must be positive, not 0 s"),
            ]
            for (name, kind, interval, code, message) in cases {
                do {
                    _ = try await store.add(name: name, kind: kind, url: nil, intervalSeconds: interval)
                    Issue.record("\(name) was added")
                } catch let error as StorageError {
                    #expect(error.code == code)
                    #expect(error.description == message)
                }
            }
            #expect(try await store.list().count == 1)
        }
    }

    @Test("remove deletes a source without posts and retires one with posts, which keep them")
    func remove() async throws {
        try await TestDatabase.with { database in
            let store = SourceStore(database)
            let empty = try await store.add(name: "empty", kind: .feed, url: "https://a.example/feed")
            let full = try await store.add(name: "full", kind: .feed, url: "https://b.example/feed")
            _ = try await PostStore(database).insert([Self.post("https://b.example/1", "un billet", source: "full")])
            #expect(try await store.remove(empty.id) == .deleted)
            #expect(try await store.source(id: empty.id) == nil)
            #expect(try await store.remove(full.id) == .retired)
            #expect(try await store.remove(full.id) == nil, "already removed")
            #expect(try await store.list().isEmpty)
            let all = try await store.list(includeRemoved: true)
            #expect(all.map(\.name) == ["full"] && all[0].removedAt != nil)
            #expect(try await PostStore(database).counts().posts == 1)
            #expect(try await store.pause(full.id) == nil, "a removed source stays removed")
            #expect(try await store.resume(full.id) == nil)
            #expect(try await store.remove(9_999) == nil)
        }
    }

    @Test("pause stops collection; resume makes the source due now; setURL stores a new URL")
    func pauseResume() async throws {
        try await TestDatabase.with { database in
            let store = SourceStore(database)
            let leases = SourceLeases(database)
            let blog = try await store.add(name: "blog", kind: .feed, url: "https://blog.example/feed")
            #expect(try await store.pause(blog.id)?.paused == true)
            #expect(try await leases.claim(owner: "w", limit: 10, lease: .seconds(60)).isEmpty)
            try await database.client.query("UPDATE sources SET next_fetch_at = now() + interval '1 day'")
            let resumed = try #require(try await store.resume(blog.id))
            #expect(!resumed.paused)
            #expect(abs(try #require(resumed.state.nextFetchAt).timeIntervalSinceNow) < 60)
            #expect(try await leases.claim(owner: "w", limit: 10, lease: .seconds(60)).map(\.source.id) == [blog.id])
            #expect(try await store.setURL("https://blog.example/feed/", for: blog.id)?.url == "https://blog.example/feed/")
        }
    }

    @Test("suppressed fingerprints, URLs and authors are never stored; the rest of the batch is")
    func suppressions() async throws {
        try await TestDatabase.with { database in
            let posts = PostStore(database)
            let suppressions = Suppressions(database)
            let erased = Self.post("https://blog.example/erased", "un texte effacé")
            #expect(try await suppressions.add(.fingerprint, erased.fingerprint, reason: "erasure request", by: "dpo"))
            #expect(try await suppressions.add(.fingerprint, erased.fingerprint) == false, "already there")
            try await suppressions.add(.url, "https://blog.example/gone")
            try await suppressions.add(.author, "@someone@mastodon.social")
            let batch = [
                erased,
                Self.post("https://Blog.example/gone#top", "autre texte"),  // canonical URL suppressed
                Self.post("https://blog.example/3", "troisième", author: "@someone@mastodon.social"),
                Self.post("https://blog.example/4", "quatrième", author: "@other@mastodon.social"),
                Self.post(nil, "sans adresse"),
            ]
            let result = try await posts.insert(batch)
            #expect([result.inserted, result.revised, result.duplicates, result.suppressed] as [Int] == [2, 0, 0, 3])
            // Again, from another source: still refused, the others now duplicates.
            let again = try await posts.insert(batch.map { var p = $0; p.record.source = "other"; return p })
            #expect([again.inserted, again.revised, again.duplicates, again.suppressed] as [Int] == [0, 0, 2, 3])
            let rows = try await database.client.query("SELECT count(*)::int8 FROM posts WHERE author LIKE '@someone%' OR url LIKE '%gone%'")
            for try await n in rows.decode(Int64.self) { #expect(n == 0) }
            #expect(try await posts.counts().total == 2)
        }
    }
}
