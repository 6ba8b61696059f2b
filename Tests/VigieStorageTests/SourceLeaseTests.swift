import Foundation
import PostgresNIO
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport

/// Leases on a real database: one worker per source at a time, dead workers' sources rescued,
/// fencing of late completions, the due order.
@Suite("Source leases")
struct SourceLeaseTests {
    static func outcome(_ kind: FetchOutcomeKind = .fetched, status: Int? = 200, error: String? = nil) -> FetchOutcome {
        FetchOutcome(
            kind: kind, status: status, etag: kind == .fetched ? "\"v1\"" : nil, error: error,
            fetchedAt: Date(), nextFetchAt: Date().addingTimeInterval(900))
    }

    static func addFeeds(_ count: Int, _ database: Database) async throws -> [Source] {
        var sources: [Source] = []
        for i in 0..<count {
            sources.append(try await SourceStore(database).add(name: "feed \(i)", kind: .feed, url: "http://127.0.0.1/\(i)"))
        }
        return sources
    }

    @Test("8 claim loops at once over 200 sources: every source claimed exactly once")
    func concurrentClaims() async throws {
        try await TestDatabase.with { database in
            _ = try await Self.addFeeds(200, database)
            let leases = SourceLeases(database)
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await leases.claim(owner: "w\(worker)", limit: 7, lease: .seconds(60))
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.source.id)
                        }
                    }
                }
                var all: [[Int64]] = []
                for try await ids in group { all.append(ids) }
                return all
            }
            let flat = claims.flatMap { $0 }
            #expect(flat.count == 200)
            #expect(Set(flat).count == 200, "no source went to two workers")
            #expect(claims.filter { !$0.isEmpty }.count > 1, "the claimers really ran side by side")
            let rows = try await database.client.query("SELECT count(*)::int8 FROM sources WHERE lease_owner IS NULL")
            for try await n in rows.decode(Int64.self) { #expect(n == 0) }
        }
    }

    @Test("until the next due: nil with nothing scheduled, zero for a never-fetched source, leased ones left out")
    func untilNextDue() async throws {
        try await TestDatabase.with { database in
            let leases = SourceLeases(database)
            #expect(try await leases.untilNextDue() == nil)
            let feeds = try await Self.addFeeds(2, database)
            #expect(try await leases.untilNextDue() == .zero)
            // Both fetched: one due in 900 s (outcome's schedule), one in 100 s.
            for claimed in try await leases.claim(owner: "w", limit: 2, lease: .seconds(60)) {
                var outcome = Self.outcome()
                if claimed.source.id == feeds[1].id { outcome.nextFetchAt = Date().addingTimeInterval(100) }
                _ = try await leases.complete(claimed, owner: "w", outcome: outcome, posts: [])
            }
            let wait = try #require(try await leases.untilNextDue())
            #expect(wait > .seconds(95) && wait <= .seconds(100), "\(wait)")
            // Leased, the sooner one is left out: the other is next.
            try await database.client.query("UPDATE sources SET next_fetch_at = now() - interval '1 second' WHERE id = \(feeds[1].id)")
            _ = try await leases.claim(owner: "w", limit: 1, lease: .seconds(60))
            let other = try #require(try await leases.untilNextDue())
            #expect(other > .seconds(800), "\(other)")
        }
    }

    @Test("oldest next fetch first, never-fetched before all; paused, removed and imported sources never claimed")
    func dueOrder() async throws {
        try await TestDatabase.with { database in
            let store = SourceStore(database)
            let feeds = try await Self.addFeeds(4, database)
            // feed 0: due in an hour; feed 1: an hour late; feed 2: a minute late; feed 3: never fetched.
            for (i, offset) in [(0, "1 hour"), (1, "-1 hour"), (2, "-1 minute")] {
                try await database.client.query(
                    "UPDATE sources SET next_fetch_at = now() + \(offset)::interval WHERE id = \(feeds[i].id)")
            }
            let paused = try await store.add(name: "paused", kind: .feed, url: nil)
            try await store.pause(paused.id)
            let removed = try await store.add(name: "removed", kind: .reddit, url: nil, options: ["query": "acme"])
            _ = try await PostStore(database).insert([SourceStoreTests.post("https://r.example/1", "x", source: "removed")])
            #expect(try await store.remove(removed.id) == .retired)
            _ = try await PostStore(database).insert([SourceStoreTests.post(nil, "importé", source: "notes.txt")])
            let leases = SourceLeases(database)
            let first = try await leases.claim(owner: "a", limit: 1, lease: .seconds(60))
            #expect(first.map(\.source.name) == ["feed 3"])
            #expect(first[0].lag == .zero)
            let rest = try await leases.claim(owner: "a", limit: 10, lease: .seconds(60))
            #expect(rest.map(\.source.name) == ["feed 1", "feed 2"])
            #expect(rest[0].lag > .seconds(3500) && rest[0].lag < .seconds(3700))
        }
    }

    @Test("an expired lease is rescued and claimed by another owner; the late owner stores posts, not state")
    func rescueAndFence() async throws {
        try await TestDatabase.with { database in
            let feed = try await Self.addFeeds(1, database)[0]
            let leases = SourceLeases(database)
            let a = try #require(try await leases.claim(owner: "a", limit: 1, lease: .seconds(60)).first)
            #expect(try await leases.rescueExpired() == 0, "a live lease stays")
            #expect(try await leases.claim(owner: "b", limit: 1, lease: .seconds(60)).isEmpty)
            // Worker a stalls: its lease runs out.
            try await database.client.query("UPDATE sources SET lease_until = now() - interval '1 second'")
            #expect(try await leases.rescueExpired() == 1)
            #expect(try await leases.renew(owner: "a", ids: [feed.id], lease: .seconds(60)).isEmpty)
            let b = try #require(try await leases.claim(owner: "b", limit: 1, lease: .seconds(60)).first)
            #expect(try await leases.renew(owner: "b", ids: [feed.id], lease: .seconds(60)) == [feed.id])
            let post = SourceStoreTests.post("http://127.0.0.1/0/1", "un billet")
            let late = try await leases.complete(a, owner: "a", outcome: Self.outcome(), posts: [post])
            #expect(late.leaseLost && late.insert.inserted == 1)
            var stored = try #require(try await SourceStore(database).source(id: feed.id))
            #expect(stored.state.lastFetchAt == nil && stored.state.etag == nil)
            let done = try await leases.complete(b, owner: "b", outcome: Self.outcome(), posts: [post])
            #expect(!done.leaseLost && done.insert.inserted == 0 && done.insert.duplicates == 1)
            stored = try #require(try await SourceStore(database).source(id: feed.id))
            #expect(stored.state.etag == "\"v1\"" && stored.state.lastStatus == 200 && stored.state.lastFetchAt != nil)
            #expect(try await leases.claim(owner: "c", limit: 1, lease: .seconds(60)).isEmpty, "not due before its next fetch")
            let rows = try await database.client.query(
                "SELECT count(*)::int8 FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.name = 'feed 0'")
            for try await n in rows.decode(Int64.self) { #expect(n == 1) }
        }
    }

    @Test("failures count up and keep their message; a success resets them and keeps the validators")
    func health() async throws {
        try await TestDatabase.with { database in
            _ = try await Self.addFeeds(1, database)
            let leases = SourceLeases(database)
            func pass(_ outcome: FetchOutcome) async throws -> Source {
                try await database.client.query("UPDATE sources SET next_fetch_at = NULL")
                let claimed = try #require(try await leases.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                #expect(try await !leases.complete(claimed, owner: "w", outcome: outcome, posts: []).leaseLost)
                return try #require(try await SourceStore(database).list().first)
            }
            var source = try await pass(Self.outcome())
            #expect(source.state.etag == "\"v1\"" && source.state.consecutiveErrors == 0)
            source = try await pass(Self.outcome(.failed, status: 500, error: "HTTP 500"))
            source = try await pass(Self.outcome(.failed, status: nil, error: "timeout: read"))
            #expect(source.state.consecutiveErrors == 2 && source.state.lastError == "timeout: read")
            #expect(source.state.lastStatus == nil && source.state.etag == "\"v1\"")
            var moved = Self.outcome(.notModified, status: 304)
            moved.permanentURL = "http://127.0.0.1/moved"
            moved.cursor = "since:42"
            source = try await pass(moved)
            #expect(source.state.consecutiveErrors == 0 && source.state.lastError == nil && source.state.lastStatus == 304)
            #expect(source.state.etag == "\"v1\"" && source.url == "http://127.0.0.1/moved" && source.state.cursor == "since:42")
        }
    }

    @Test("release gives back unworked sources, due at once; only the owner's")
    func release() async throws {
        try await TestDatabase.with { database in
            let feeds = try await Self.addFeeds(3, database)
            let leases = SourceLeases(database)
            let ids = try await leases.claim(owner: "a", limit: 3, lease: .seconds(60)).map(\.source.id)
            #expect(try await leases.release(owner: "b", ids: ids) == 0)
            #expect(try await leases.release(owner: "a", ids: Array(ids.prefix(2))) == 2)
            #expect(Set(try await leases.claim(owner: "b", limit: 3, lease: .seconds(60)).map(\.source.id)) == Set(feeds.prefix(2).map(\.id)))
        }
    }

    @Test("the same post from two sources is stored once; a revised post is updated")
    func identityAcrossSources() async throws {
        try await TestDatabase.with { database in
            _ = try await Self.addFeeds(2, database)
            let leases = SourceLeases(database)
            let claimed = try await leases.claim(owner: "w", limit: 2, lease: .seconds(60))
            let post = SourceStoreTests.post("https://blog.example/billet", "première version")
            let first = try await leases.complete(claimed[0], owner: "w", outcome: Self.outcome(), posts: [post])
            let second = try await leases.complete(claimed[1], owner: "w", outcome: Self.outcome(), posts: [post])
            #expect(first.insert.inserted == 1 && second.insert.duplicates == 1 && second.insert.inserted == 0)
            try await database.client.query("UPDATE sources SET next_fetch_at = NULL")
            let again = try #require(try await leases.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
            let edited = SourceStoreTests.post("https://blog.example/billet", "seconde version, corrigée")
            let third = try await leases.complete(again, owner: "w", outcome: Self.outcome(), posts: [edited])
            #expect(third.insert.revised == 1 && third.insert.inserted == 0)
            let rows = try await database.client.query("SELECT body, revision::int8 FROM posts")
            var bodies: [(String, Int64)] = []
            for try await row in rows.decode((String, Int64).self) { bodies.append(row) }
            #expect(bodies.count == 1 && bodies[0].0 == "seconde version, corrigée" && bodies[0].1 == 2)
        }
    }
}
