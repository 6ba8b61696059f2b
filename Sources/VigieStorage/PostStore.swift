import Foundation
import Logging
import PostgresNIO
import VigieModel

/// A post ready to store: an ``ImportRecord`` plus its content fingerprint and canonical URL.
public struct NewPost: Sendable, Hashable {
    public var record: ImportRecord
    public var fingerprint: String
    /// The canonical form of `record.url`, nil without one: with the kind, the post's identity.
    public var canonicalURL: String?

    public init(record: ImportRecord, fingerprint: String, canonicalURL: String?) {
        self.record = record
        self.fingerprint = fingerprint
        self.canonicalURL = canonicalURL
    }
}

/// Writes posts. A post has two identities: its canonical URL, kind and parent URL, when it
/// has a URL, and its content fingerprint. A post whose content is already stored is
/// skipped, so re-importing the same files changes nothing; a known URL with new content
/// is an edit (see ``revise(_:_:logger:)``): the post is updated in place, its earlier
/// content kept.
public struct PostStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    public struct InsertResult: Sendable, Equatable {
        public var inserted: Int
        /// Known posts (by canonical URL, kind and parent) whose content changed.
        public var revised: Int = 0
        public var duplicates: Int
        /// Posts refused because a steward suppressed their content, URL or author.
        public var suppressed: Int = 0
    }

    /// Inserts a batch, applies its edits of known posts, and queues new and edited posts
    /// for classification, in one transaction. `sourceKind` applies to sources created by
    /// this batch.
    public func insert(_ posts: [NewPost], sourceKind: SourceKind = .file) async throws -> InsertResult {
        guard !posts.isEmpty else { return InsertResult(inserted: 0, duplicates: 0) }
        let logger = database.logger
        return try await database.transaction { tx in
            try await Self.insert(posts, sourceKind: sourceKind, tx, logger: logger)
        }
    }

    /// ``insert(_:sourceKind:)`` in the caller's transaction (a collector's completion).
    static func insert(
        _ batch: [NewPost], sourceKind: SourceKind, _ tx: PostgresConnection, logger: Logger
    ) async throws -> InsertResult {
        var result = InsertResult(inserted: 0, duplicates: 0)
        let posts = try await admit(batch, sourceKind: sourceKind, tx, logger: logger)
        result.suppressed = batch.count - posts.count
        // Each round holds at most one post per URL, so two revisions in one batch are
        // applied in order rather than the second being taken for a duplicate.
        for round in Self.rounds(posts) {
            // Queued for classification by the insert itself.
            let inserted = try await Self.insertNew(round, sourceKind: sourceKind, tx, logger: logger)
            // After the insert: a URL another import has just stored is seen here. A round
            // stored whole held no known URL or content, so no edit: no need to look.
            let revised = inserted.count == round.count ? [] : try await Self.revise(round, tx, logger: logger)
            try await ClassifyQueue.enqueue(.revisedPosts(revised), tx, logger: logger)
            result.inserted += inserted.count
            result.revised += revised.count
        }
        result.duplicates = posts.count - result.inserted - result.revised
        return result
    }

    /// Inserts the posts whose content and URL are both new, queues them for every live
    /// classifier version and wakes the workers (see ``ClassifyQueue``), in one statement;
    /// returns their ids. ``admit(_:sourceKind:_:logger:)`` took the queue's lock.
    static func insertNew(
        _ posts: [NewPost], sourceKind: SourceKind, _ tx: PostgresConnection, logger: Logger
    ) async throws -> [Int64] {
        // Arrays of text, one per column; '' stands for NULL (see NULLIF below).
        var sources: [String] = [], kinds: [String] = [], urls: [String] = [], parents: [String] = []
        var titles: [String] = [], authors: [String] = [], langs: [String] = [], bodies: [String] = []
        var dates: [String] = [], fingerprints: [String] = [], canonicals: [String] = []
        for post in posts {
            let r = post.record
            sources.append(r.source ?? "import")
            kinds.append(r.kind.rawValue)
            urls.append(r.url ?? "")
            parents.append(r.parentURL ?? "")
            titles.append(r.title ?? "")
            authors.append(r.author ?? "")
            langs.append(r.lang ?? "")
            bodies.append(r.body)
            dates.append(r.publishedAt.map(Timestamp.format) ?? "")
            fingerprints.append(post.fingerprint)
            canonicals.append(post.canonicalURL ?? "")
        }
        let distinctSources = Array(Set(sources))
        // The sources exist: ``admit(_:sourceKind:_:logger:)`` created them in a statement of
        // its own, so this one's snapshot sees a source another import created meanwhile.
        let rows = try await tx.query(
            """
            WITH batch_sources AS (
                SELECT id, name FROM sources WHERE name = ANY(\(distinctSources)::text[])
            ), inserted AS (
                INSERT INTO posts (source_id, kind, url, parent_url, title, author, lang, body, published_at, fingerprint,
                                   canonical_url)
                SELECT s.id, r.kind, NULLIF(r.url, ''), NULLIF(r.parent_url, ''), NULLIF(r.title, ''),
                       NULLIF(r.author, ''), NULLIF(r.lang, ''), r.body, NULLIF(r.published_at, '')::timestamptz,
                       r.fingerprint, NULLIF(r.canonical_url, '')
                FROM unnest(\(sources)::text[], \(kinds)::text[], \(urls)::text[], \(parents)::text[],
                            \(titles)::text[], \(authors)::text[], \(langs)::text[], \(bodies)::text[],
                            \(dates)::text[], \(fingerprints)::text[], \(canonicals)::text[])
                     WITH ORDINALITY AS r(source, kind, url, parent_url, title, author, lang, body, published_at,
                                          fingerprint, canonical_url, n)
                JOIN batch_sources s ON s.name = r.source
                ORDER BY r.n
                -- Known content (posts_fingerprint_key) or a known URL (posts_identity_key,
                -- an edit if the content differs: see revise).
                ON CONFLICT DO NOTHING
                RETURNING id
            ), queued AS (
                -- New ids: no classification to look for, unlike ClassifyQueue.enqueue.
                INSERT INTO classify_queue (classifier_version, post_id)
                SELECT v.version, i.id FROM classifier_versions v CROSS JOIN inserted i
                WHERE v.retired_at IS NULL
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), notified AS (
                -- NOTIFY is transactional: sent at commit, and once per transaction.
                SELECT pg_notify(\(ClassifyQueue.notificationChannel), '') FROM (SELECT FROM queued LIMIT 1) AS any_queued
            )
            SELECT id FROM inserted
            UNION ALL
            SELECT NULL FROM notified
            """, logger: logger)
        var inserted: [Int64] = []
        for try await id in rows.decode(Int64?.self) {
            if let id { inserted.append(id) }
        }
        return inserted
    }

    /// The posts of `batch` that no suppression names (see ``Suppressions``), in their order.
    /// The same statement creates their new sources and takes the classification queue's
    /// lock shared (see ``ClassifyQueue``): one round trip where there were three.
    ///
    /// The sources are created before the posts' statement: when another import creates
    /// the same source at the same time, this waits for it to commit, and the next
    /// statement's snapshot then sees the source. Inside the insert's own statement, whose
    /// snapshot is older than that commit, the source would be neither created nor seen,
    /// and the batch's posts would be dropped without a word. The lock, likewise, is held
    /// before the statement that queues the posts reads the live classifier versions.
    static func admit(
        _ batch: [NewPost], sourceKind: SourceKind, _ tx: PostgresConnection, logger: Logger
    ) async throws -> [NewPost] {
        guard !batch.isEmpty else { return batch }
        let fingerprints = batch.map(\.fingerprint)
        let canonicals = batch.map { $0.canonicalURL ?? "" }
        let urls = batch.map { $0.record.url ?? "" }
        let authors = batch.map { $0.record.author ?? "" }
        let sources = batch.map { $0.record.source ?? "import" }
        let names = Array(Set(sources)).sorted()
        // The row constructors go through suppressions_kind_value_key (four index probes a
        // post); NULLs never match. The first EXISTS is a one-time filter: with no
        // suppression at all, the batch is not even unnested (1,000 posts: 6 ms -> 0.04 ms,
        // EXPLAIN ANALYZE on PostgreSQL 15), and its distinct sources are created as they
        // come; else only those with a post left. Sources are created in name order, so
        // that two imports creating the same ones queue up rather than deadlock. The last
        // row, NULL, is the lock's: a UNION ALL branch always runs.
        let rows = try await tx.query(
            """
            WITH refused AS (
                SELECT r.n FROM unnest(\(fingerprints)::text[], \(canonicals)::text[], \(urls)::text[], \(authors)::text[])
                     WITH ORDINALITY AS r(fingerprint, canonical_url, url, author, n)
                WHERE EXISTS (SELECT FROM suppressions) AND EXISTS (
                    SELECT 1 FROM suppressions s
                    WHERE (s.kind, s.value) IN (('fingerprint', r.fingerprint), ('url', NULLIF(r.canonical_url, '')),
                                                ('url', NULLIF(r.url, '')), ('author', NULLIF(r.author, '')))
                )
            ), created AS (
                INSERT INTO sources (name, kind)
                SELECT c.name, \(sourceKind.rawValue) FROM unnest(\(names)::text[]) WITH ORDINALITY AS c(name, n)
                WHERE NOT EXISTS (SELECT FROM refused) OR EXISTS (
                    SELECT FROM unnest(\(sources)::text[]) WITH ORDINALITY AS p(source, n)
                    WHERE p.source = c.name AND p.n NOT IN (SELECT n FROM refused)
                )
                ORDER BY c.n
                ON CONFLICT (name) DO NOTHING
            )
            SELECT n FROM refused
            UNION ALL
            SELECT NULL FROM (SELECT pg_advisory_xact_lock_shared(\(ClassifyQueue.lockKey))) AS queue_lock
            """, logger: logger)
        var refused = Set<Int>()
        for try await n in rows.decode(Int64?.self) {
            if let n { refused.insert(Int(n) - 1) }
        }
        guard !refused.isEmpty else { return batch }
        return batch.indices.filter { !refused.contains($0) }.map { batch[$0] }
    }

    /// Links comments and pingbacks to their post by URL, whichever arrived first.
    @discardableResult
    public func linkParents() async throws -> Int {
        try await link(touching: nil)
    }

    /// ``linkParents()`` for one batch: links the comments among `urls` to their post, and
    /// the stored comments whose post is among `urls`, without scanning every orphan.
    @discardableResult
    public func linkParents(touching urls: [String]) async throws -> Int {
        guard !urls.isEmpty else { return 0 }
        return try await link(touching: urls)
    }

    /// One statement for both: with `urls` nil the filter is planned away (an unnamed
    /// statement is planned with its parameters' values).
    private func link(touching urls: [String]?) async throws -> Int {
        let rows = try await database.client.query(
            """
            WITH linked AS (
                UPDATE posts c SET parent_id = p.id
                FROM posts p
                WHERE c.parent_id IS NULL AND c.parent_url IS NOT NULL
                  AND p.url = c.parent_url AND p.id <> c.id
                  AND (\(urls)::text[] IS NULL OR c.url = ANY(\(urls)::text[]) OR p.url = ANY(\(urls)::text[]))
                RETURNING c.id
            )
            SELECT count(*)::int8 FROM linked
            """, logger: database.logger)
        var linked = 0
        for try await count in rows.decode(Int64.self) { linked = Int(count) }
        return linked
    }

    public struct Counts: Sendable, Equatable {
        public var posts: Int
        public var comments: Int
        public var pingbacks: Int
        /// Posts waiting for at least one live classifier version.
        public var queued: Int
        public var total: Int { posts + comments + pingbacks }
    }

    public func counts() async throws -> Counts {
        let rows = try await database.client.query(
            """
            SELECT count(*) FILTER (WHERE kind = 'post')::int8,
                   count(*) FILTER (WHERE kind = 'comment')::int8,
                   count(*) FILTER (WHERE kind = 'pingback')::int8,
                   (SELECT count(DISTINCT post_id) FROM classify_queue)::int8
            FROM posts
            """, logger: database.logger)
        for try await (p, c, k, q) in rows.decode((Int64, Int64, Int64, Int64).self) {
            return Counts(posts: Int(p), comments: Int(c), pingbacks: Int(k), queued: Int(q))
        }
        return Counts(posts: 0, comments: 0, pingbacks: 0, queued: 0)
    }
}
