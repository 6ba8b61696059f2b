import Logging
import PostgresNIO

/// Edits: a known post (same canonical URL, kind and parent URL) that arrives with other content.
///
/// The post keeps its id, source, dates and kind; its title, author, language, text and
/// fingerprint take the new values, the replaced ones go to `post_revisions`, and the post
/// is queued again for every live classifier version. The worker that classifies it moves
/// its rollup contribution from the old classification to the new one
/// (``ClassificationResults/store(_:version:_:logger:)``), so it is counted once throughout.
/// The dates stay so that the old contribution is subtracted from the hour it was added to.
///
/// Not an edit, and so left alone: content already stored under another URL or none (the
/// fingerprint merges it with that post), and content this post had before (an older file
/// imported again must not undo a newer one).
extension PostStore {
    /// Splits a batch into rounds holding at most one post per identity (canonical URL, kind,
    /// parent), in batch order: the second revision of a post in one batch lands in the
    /// second round.
    static func rounds(_ posts: [NewPost]) -> [[NewPost]] {
        var rounds: [[NewPost]] = []
        var occurrences: [String: Int] = [:]
        for post in posts {
            var round = 0
            if let url = post.canonicalURL {
                let identity = "\(post.record.kind.rawValue) \(url) \(post.record.parentURL ?? "")"
                round = occurrences[identity, default: 0]
                occurrences[identity] = round + 1
            }
            if round == rounds.count { rounds.append([]) }
            rounds[round].append(post)
        }
        return rounds
    }

    /// Applies the edits among `posts` (at most one per identity) and returns
    /// the ids of the posts it changed.
    ///
    /// Another import may store an edit's new content under another URL between the check
    /// and the update, and commit first: the unique fingerprint then refuses the update.
    /// The update runs under a savepoint, so that the edits are looked for again, and that
    /// one is now seen as a post already stored.
    static func revise(_ posts: [NewPost], _ tx: PostgresConnection, logger: Logger) async throws -> [Int64] {
        var attempt = 1
        while true {
            do {
                return try await reviseOnce(posts, tx, logger: logger)
            } catch let error as RetryEdits where attempt < 3 {
                try await tx.query("ROLLBACK TO SAVEPOINT post_edits", logger: logger)
                attempt += 1
                logger.debug("edit met content stored meanwhile; looking again", metadata: ["error": "\(error.cause)"])
            } catch let error as RetryEdits {
                throw error.cause
            }
        }
    }

    /// The update of ``reviseOnce(_:_:logger:)`` broke a unique key: worth looking again.
    private struct RetryEdits: Error {
        var cause: any Error
    }

    private static func reviseOnce(_ posts: [NewPost], _ tx: PostgresConnection, logger: Logger) async throws -> [Int64] {
        let candidates = posts.filter { $0.canonicalURL != nil }
        guard !candidates.isEmpty else { return [] }
        let canonicals = candidates.map { $0.canonicalURL ?? "" }
        let kinds = candidates.map(\.record.kind.rawValue)
        let parents = candidates.map { $0.record.parentURL ?? "" }
        let fingerprints = candidates.map(\.fingerprint)
        // Locks the posts to edit, in id order so that concurrent imports queue up rather
        // than deadlock. Under READ COMMITTED the lock re-reads a row another import has just
        // edited, and drops it if that import stored this very content.
        let rows = try await tx.query(
            """
            SELECT p.id, r.n
            FROM unnest(\(canonicals)::text[], \(kinds)::text[], \(parents)::text[], \(fingerprints)::text[])
                 WITH ORDINALITY AS r(canonical_url, kind, parent_url, fingerprint, n)
            JOIN posts p ON p.canonical_url = r.canonical_url AND p.kind = r.kind
                        AND COALESCE(p.parent_url, '') = r.parent_url
            WHERE p.fingerprint <> r.fingerprint
              AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.fingerprint = r.fingerprint)
              AND NOT EXISTS (SELECT 1 FROM post_revisions v WHERE v.post_id = p.id AND v.fingerprint = r.fingerprint)
            ORDER BY p.id
            FOR UPDATE OF p
            """, logger: logger)
        var edits: [(id: Int64, post: NewPost)] = []
        var contents = Set<String>()
        for try await (id, n) in rows.decode((Int64, Int64).self) {
            let post = candidates[Int(n) - 1]
            // Two URLs edited to the same text in one batch: the first takes it, the
            // fingerprint merges the second into it.
            if contents.insert(post.fingerprint).inserted { edits.append((id, post)) }
        }
        guard !edits.isEmpty else { return [] }
        let ids = edits.map(\.id)
        let titles = edits.map { $0.post.record.title ?? "" }
        let authors = edits.map { $0.post.record.author ?? "" }
        let langs = edits.map { $0.post.record.lang ?? "" }
        let bodies = edits.map(\.post.record.body)
        let newFingerprints = edits.map(\.post.fingerprint)
        try await tx.query("SAVEPOINT post_edits", logger: logger)
        var revised: [Int64] = []
        do {
            // Both parts read the posts as they were before this statement: the revision
            // saved is the one the update replaces.
            let updated = try await tx.query(
                """
                WITH saved AS (
                    INSERT INTO post_revisions (post_id, revision, title, author, lang, body, fingerprint)
                    SELECT p.id, p.revision, p.title, p.author, p.lang, p.body, p.fingerprint
                    FROM posts p WHERE p.id = ANY(\(ids)::int8[])
                )
                UPDATE posts p
                SET title = NULLIF(r.title, ''), author = NULLIF(r.author, ''), lang = NULLIF(r.lang, ''),
                    body = r.body, fingerprint = r.fingerprint, revision = p.revision + 1, revised_at = now()
                FROM unnest(\(ids)::int8[], \(titles)::text[], \(authors)::text[], \(langs)::text[],
                            \(bodies)::text[], \(newFingerprints)::text[])
                     AS r(id, title, author, lang, body, fingerprint)
                WHERE p.id = r.id
                RETURNING p.id
                """, logger: logger)
            for try await id in updated.decode(Int64.self) { revised.append(id) }
        } catch where DatabaseFailure.classify(error) == .constraint {
            throw RetryEdits(cause: error)
        }
        try await tx.query("RELEASE SAVEPOINT post_edits", logger: logger)
        return revised
    }
}
