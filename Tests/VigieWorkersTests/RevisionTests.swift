import Foundation
import PostgresNIO
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// Edited posts are one post: identity by canonical URL, kind and parent, earlier content kept,
/// rollups moved rather than counted twice.
@Suite("Edited posts")
struct RevisionTests {
    static let praise = "J'adore Acme, le service client est excellent et très rapide. Merci beaucoup !"
    static let blame = "Acme est nul, service horrible, je suis très déçu et furieux. Une honte."

    static func post(_ url: String?, _ body: String, title: String = "Acme", hour: Int = 9) -> ImportRecord {
        ImportRecord(
            url: url, title: title, publishedAt: Fixtures.date("2014-03-03T00:00:00Z").addingTimeInterval(Double(hour) * 3600),
            lang: "fr", body: body)
    }

    static func load(_ records: [ImportRecord], _ database: Database, batchSize: Int = 1_000) async throws -> Importer.Report {
        try await Importer(posts: PostStore(database), batchSize: batchSize).importRecords(records, sourceKind: .file)
    }

    /// Posts, then negative, neutral and positive, summed over Acme's hourly rollups.
    static func acmeTotals(_ database: Database, brand: Int64) async throws -> [Int64] {
        let rows = try await database.client.query(
            """
            SELECT COALESCE(sum(posts), 0)::int8, COALESCE(sum(negative), 0)::int8,
                   COALESCE(sum(neutral), 0)::int8, COALESCE(sum(positive), 0)::int8
            FROM brand_hourly WHERE brand_id = \(brand)
            """)
        for try await (p, n, z, q) in rows.decode((Int64, Int64, Int64, Int64).self) { return [p, n, z, q] }
        return []
    }

    /// Rollup rows that differ from the same counts recomputed from the stored
    /// classifications (both tables, both ways): 0 when every post is counted exactly once
    /// and no row is left empty.
    static func rollupDrift(_ database: Database) async throws -> Int64 {
        let rows = try await database.client.query(
            """
            WITH c AS (
                SELECT c.*, p.kind, date_trunc('hour', COALESCE(p.published_at, p.collected_at), 'UTC') AS bucket
                FROM classifications c JOIN posts p ON p.id = c.post_id
            ), brand_expected AS (
                SELECT pb.brand_id, c.classifier_version, c.bucket, c.kind, c.lang, count(*)::int AS posts,
                       count(*) FILTER (WHERE c.sentiment = 'negative')::int AS negative,
                       count(*) FILTER (WHERE c.sentiment = 'neutral')::int AS neutral,
                       count(*) FILTER (WHERE c.sentiment = 'positive')::int AS positive
                FROM c JOIN post_brands pb ON pb.post_id = c.post_id AND pb.classifier_version = c.classifier_version
                GROUP BY 1, 2, 3, 4, 5
            ), brand_actual AS (
                SELECT brand_id, classifier_version, bucket, kind, lang, posts, negative, neutral, positive
                FROM brand_hourly
            ), category_expected AS (
                SELECT cat, b.brand_id, c.classifier_version, c.bucket, c.lang, count(*)::int AS posts,
                       count(*) FILTER (WHERE c.sentiment = 'negative')::int AS negative,
                       count(*) FILTER (WHERE c.sentiment = 'neutral')::int AS neutral,
                       count(*) FILTER (WHERE c.sentiment = 'positive')::int AS positive
                FROM c CROSS JOIN LATERAL unnest(c.categories) AS cat
                CROSS JOIN LATERAL (
                    SELECT 0::int8 AS brand_id
                    UNION ALL
                    SELECT pb.brand_id FROM post_brands pb
                    WHERE pb.post_id = c.post_id AND pb.classifier_version = c.classifier_version) AS b
                GROUP BY 1, 2, 3, 4, 5
            ), category_actual AS (
                SELECT category, brand_id, classifier_version, bucket, lang, posts, negative, neutral, positive
                FROM category_hourly
            )
            SELECT ((SELECT count(*) FROM (SELECT * FROM brand_expected EXCEPT SELECT * FROM brand_actual) a)
                  + (SELECT count(*) FROM (SELECT * FROM brand_actual EXCEPT SELECT * FROM brand_expected) b)
                  + (SELECT count(*) FROM (SELECT * FROM category_expected EXCEPT SELECT * FROM category_actual) x)
                  + (SELECT count(*) FROM (SELECT * FROM category_actual EXCEPT SELECT * FROM category_expected) y))::int8
            """)
        for try await drift in rows.decode(Int64.self) { return drift }
        return -1
    }

    static func count(_ database: Database, _ table: String) async throws -> Int64 {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int8 FROM \(table)"))
        for try await value in rows.decode(Int64.self) { return value }
        return -1
    }

    @Test("an edited post is one post: earlier text kept, counted once with its new label")
    func editMovesRollups() async throws {
        try await TestDatabase.with { database in
            let acme = try #require(try await BrandStore(database).upsert([Fixtures.acme])[0].id)
            let url = "https://blog.example/billet"
            #expect(try await Self.load([Self.post(url, Self.praise)], database).inserted == 1)
            try await PipelineTests.classify(database)
            #expect(try await Self.acmeTotals(database, brand: acme) == [1, 0, 0, 1])

            let edit = try await Self.load([Self.post(url, Self.blame, title: "Acme, encore")], database)
            #expect(edit.inserted == 0)
            #expect(edit.revised == 1)
            #expect(try await PostStore(database).counts().queued == 1)
            try await PipelineTests.classify(database)

            #expect(try await Self.count(database, "posts") == 1)
            #expect(try await Self.acmeTotals(database, brand: acme) == [1, 1, 0, 0])
            #expect(try await Self.rollupDrift(database) == 0)
            let rows = try await database.client.query(
                """
                SELECT p.revision, p.body, p.title, r.revision, r.body, r.title, r.fingerprint <> p.fingerprint
                FROM posts p JOIN post_revisions r ON r.post_id = p.id
                """)
            var revisions = 0
            for try await (current, body, title, old, oldBody, oldTitle, differs) in rows.decode(
                (Int32, String, String?, Int32, String, String?, Bool).self)
            {
                revisions += 1
                #expect(current == 2)
                #expect(body == Self.blame)
                #expect(title == "Acme, encore")
                #expect(old == 1)
                #expect(oldBody == Self.praise)
                #expect(oldTitle == "Acme")
                #expect(differs)
            }
            #expect(revisions == 1)
        }
    }

    @Test("URLs that differ by tracking parameters, fragment, host case or default port are one post")
    func urlVariants() async throws {
        try await TestDatabase.with { database in
            let variants = [
                "https://blog.example/2014/billet?id=7",
                "HTTPS://Blog.EXAMPLE:443/2014/billet?utm_source=feed&id=7&fbclid=abc#commentaires",
                "https://blog.example/2014/billet?gclid=x&id=7&utm_medium=rss",
            ]
            let records = variants.enumerated().map { Self.post($1, "Version \($0) du billet sur Acme.") }
            // One batch, then one file per variant: both paths keep one post.
            let report = try await Self.load(records, database)
            #expect(report.inserted == 1)
            #expect(report.revised == 2)
            #expect(try await Self.count(database, "posts") == 1)
            #expect(try await Self.count(database, "post_revisions") == 2)
            let other = try await Self.load([Self.post("https://blog.example/2014/billet?id=8", "Un autre billet.")], database)
            #expect(other.inserted == 1)
            let kind = try await Self.load(
                [ImportRecord(url: variants[1], body: "Un commentaire à la même adresse.", kind: .comment)], database)
            #expect(kind.inserted == 1)
            // Comments and pingbacks keep the fragment that names them.
            let pingbacks = try await Self.load(
                [1, 2].map {
                    ImportRecord(
                        url: "https://blog.example/2014/billet#pingback-\($0)", body: "Rétrolien \($0) vers le billet.",
                        kind: .pingback, parentURL: variants[0])
                }, database)
            #expect(pingbacks.inserted == 2)
            #expect(try await Self.count(database, "posts") == 5)
        }
    }

    @Test("the same text under two URLs or none is still one post, and no edit")
    func sameTextTwoURLs() async throws {
        try await TestDatabase.with { database in
            let first = try await Self.load([Self.post("https://a.example/x", Self.praise)], database)
            #expect(first.inserted == 1)
            let again = try await Self.load(
                [Self.post("https://b.example/y", Self.praise), Self.post(nil, Self.praise)], database)
            #expect(again.inserted == 0)
            #expect(again.revised == 0)
            #expect(again.duplicates == 2)
            #expect(try await Self.count(database, "posts") == 1)
            #expect(try await Self.count(database, "post_revisions") == 0)
        }
    }

    @Test("an unchanged re-import, or an older revision imported again, changes nothing")
    func unchangedReimport() async throws {
        try await TestDatabase.with { database in
            let acme = try #require(try await BrandStore(database).upsert([Fixtures.acme])[0].id)
            let old = Self.post("https://blog.example/b", Self.praise)
            let new = Self.post("https://blog.example/b", Self.blame)
            _ = try await Self.load([old, new] + Fixtures.trendRecords, database)
            try await PipelineTests.classify(database)
            let before = try await Self.snapshot(database)
            let totals = try await Self.acmeTotals(database, brand: acme)
            for records in [[new] + Fixtures.trendRecords, [old]] {
                let report = try await Self.load(records, database)
                #expect(report.inserted == 0)
                #expect(report.revised == 0)
                #expect(report.duplicates == records.count)
            }
            #expect(try await PostStore(database).counts().queued == 0)
            #expect(try await Self.snapshot(database) == before)
            #expect(try await Self.acmeTotals(database, brand: acme) == totals)
        }
    }

    /// Every post's id, revision, fingerprint and edit time, the revisions kept, and when
    /// each post was classified, as text.
    static func snapshot(_ database: Database) async throws -> [String] {
        let rows = try await database.client.query(
            """
            SELECT 'post ' || id || ' ' || revision || ' ' || fingerprint || ' ' || COALESCE(revised_at::text, '-') FROM posts
            UNION ALL SELECT 'revision ' || post_id || ' ' || revision || ' ' || replaced_at FROM post_revisions
            UNION ALL SELECT 'classified ' || post_id || ' ' || classified_at FROM classifications
            ORDER BY 1
            """)
        var lines: [String] = []
        for try await line in rows.decode(String.self) { lines.append(line) }
        return lines
    }

    @Test("an edit whose text another import stores meanwhile under another URL is merged, not an error")
    func editMeetsConcurrentInsert() async throws {
        try await TestDatabase.with { database in
            let url = "https://blog.example/course"
            _ = try await Self.load([Self.post(url, Self.praise)], database)
            let edit = Self.post(url, Self.blame)
            let fingerprint = NewPost(edit).fingerprint
            let (locked, lockedSignal) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
            // Another session holds the post, so that the import's edit waits after checking
            // that its text is new; it then stores that text under another URL and commits.
            let other = Task {
                try await database.transaction { tx in
                    let logger = TestDatabase.logger
                    try await tx.query("SELECT id FROM posts WHERE canonical_url = \(url) FOR UPDATE", logger: logger)
                    lockedSignal.yield()
                    for await _ in release { break }
                    try await tx.query(
                        """
                        INSERT INTO posts (source_id, kind, url, canonical_url, body, fingerprint)
                        SELECT id, 'post', 'https://other.example/x', 'https://other.example/x', \(Self.blame), \(fingerprint)
                        FROM sources LIMIT 1
                        """, logger: logger)
                }
            }
            for await _ in locked { break }
            let importing = Task { try await Self.load([edit], database) }
            try await Self.waitForLockWait(database)
            releaseSignal.yield()
            try await other.value
            let report = try await importing.value
            #expect(report.revised == 0)
            #expect(report.duplicates == 1)
            #expect(try await Self.count(database, "posts") == 2)
            #expect(try await Self.count(database, "post_revisions") == 0)
            let rows = try await database.client.query("SELECT body, revision FROM posts WHERE canonical_url = \(url)")
            for try await (body, revision) in rows.decode((String, Int32).self) {
                #expect(body == Self.praise)
                #expect(revision == 1)
            }
        }
    }

    /// Returns once a session of this database waits for a lock (or fails after 30 s).
    static func waitForLockWait(_ database: Database) async throws {
        for _ in 0..<600 {
            let rows = try await database.client.query(
                """
                SELECT count(*)::int8 FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                """)
            for try await waiting in rows.decode(Int64.self) where waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no session waited for a lock")
    }

    @Test("parallel workers classifying edits count each post exactly once")
    func parallelEdits() async throws {
        try await TestDatabase.with { database in
            let acme = try #require(try await BrandStore(database).upsert([Fixtures.acme])[0].id)
            let urls = (0..<240).map { "https://load.example/\($0)" }
            func records(_ blamed: (Int) -> Bool) -> [ImportRecord] {
                urls.enumerated().map { i, url in
                    Self.post(url, "Billet \(i). " + (blamed(i) ? Self.blame : Self.praise), hour: i % 48)
                }
            }
            _ = try await Self.load(records { _ in false }, database, batchSize: 50)
            try await PipelineTests.classify(database, concurrency: 2, batchSize: 9)
            #expect(try await Self.acmeTotals(database, brand: acme) == [240, 0, 0, 240])

            // Two rounds of edits, the second while workers run: half the posts turn
            // negative, then a third of those turn positive again with new text.
            let first = try await Self.load(records { $0 % 2 == 0 }, database, batchSize: 50)
            #expect(first.revised == 120)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await PipelineTests.classify(database, concurrency: 2, batchSize: 7) } }
                group.addTask {
                    let second = try await Self.load(
                        urls.enumerated().compactMap { i, url in
                            i % 6 == 0 ? Self.post(url, "Billet \(i), corrigé. " + Self.praise, hour: i % 48) : nil
                        }, database, batchSize: 11)
                    #expect(second.revised == 40)
                }
                try await group.waitForAll()
            }
            try await PipelineTests.classify(database, concurrency: 2, batchSize: 7)
            let totals = try await Self.acmeTotals(database, brand: acme)
            #expect(totals == [240, 80, 0, 160], "posts, negative, neutral, positive: \(totals)")
            #expect(try await Self.count(database, "classifications") == 240)
            #expect(try await Self.count(database, "post_revisions") == 160)
            #expect(try await Self.rollupDrift(database) == 0)
        }
    }

    @Test("a batch that fails after subtracting an edit's old counts leaves them in place")
    func failedBatchRollsBack() async throws {
        try await TestDatabase.with { database in
            let acme = try #require(try await BrandStore(database).upsert([Fixtures.acme])[0].id)
            let url = "https://blog.example/crash"
            _ = try await Self.load([Self.post(url, Self.praise)], database)
            try await PipelineTests.classify(database)
            _ = try await Self.load([Self.post(url, Self.blame)], database)
            // The batch fails once the old counts are subtracted: a result for a post that
            // does not exist breaks the insert of the new classifications.
            let version = try #require(try await ClassifierVersions(database).active())
            await #expect(throws: (any Error).self) {
                try await ClassifyQueue(database).classifyBatch(limit: 10, version: version) { posts in
                    (posts.map(\.id) + [-1]).map {
                        ClassificationRecord(
                            postID: $0, lang: "fr", sentiment: .negative, score: -0.5, brandIDs: [acme], categories: [])
                    }
                }
            }
            #expect(try await Self.acmeTotals(database, brand: acme) == [1, 0, 0, 1])
            #expect(try await PostStore(database).counts().queued == 1)
            #expect(try await Self.rollupDrift(database) == 0)
            try await PipelineTests.classify(database)
            #expect(try await Self.acmeTotals(database, brand: acme) == [1, 1, 0, 0])
            #expect(try await Self.rollupDrift(database) == 0)
        }
    }
}
