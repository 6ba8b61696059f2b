import Logging
import PostgresNIO
import VigieModel

/// A queued post handed to a classifier.
public struct LeasedPost: Sendable {
    public var id: Int64
    public var kind: PostKind
    public var title: String?
    public var author: String?
    public var lang: String?
    public var body: String
}

/// The classification queue: one row per post and live classifier version.
///
/// Posts enter it by ``enqueue(_:_:logger:)``: a new version queues every stored post for
/// itself, an edit queues its post again. New posts are queued for every live version by
/// the statement that inserts them (``PostStore``), which notifies as enqueuing does. Both
/// and the version changes of ``ClassifierVersions`` share one advisory lock, which this
/// type owns: enqueuing takes it shared, registering or switching a version exclusive.
/// Whichever commits first, a post is queued once for every live version.
///
/// ``classifyBatch(limit:version:_:)`` is the unit of work: in one transaction it leases
/// queued posts (FOR UPDATE SKIP LOCKED, so parallel workers never share a post), removes
/// them from the queue, stores the classifier's results (``ClassificationResults``) and
/// adds them to the hourly rollups (``Rollups``). Commit makes all of it visible at once;
/// a crash or error rolls all of it back and the posts stay queued.
public struct ClassifyQueue: Sendable {
    /// The bytes of "vigiecls".
    static let lockKey: Int64 = 0x7669_6769_6563_6c73

    /// Which posts to queue, for which versions.
    enum Selection {
        /// Every stored post not yet classified by `version`, for it alone.
        case everyPost(version: String)
        /// Posts whose content an import has just changed, for every live version, even
        /// where classified: the worker replaces their classification.
        case revisedPosts([Int64])
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Takes the lock exclusively until the transaction ends: no post is queued meanwhile.
    static func lockVersions(_ tx: PostgresConnection, logger: Logger) async throws {
        try await tx.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
    }

    /// Queues posts in the caller's transaction; returns the number of rows queued.
    @discardableResult
    static func enqueue(_ selection: Selection, _ tx: PostgresConnection, logger: Logger) async throws -> Int {
        let (ids, version): ([Int64]?, String?)
        var again = false
        switch selection {
        case .everyPost(let only):
            (ids, version) = (nil, only)
        case .revisedPosts(let posts):
            guard !posts.isEmpty else { return 0 }
            (ids, version, again) = (posts, nil, true)
        }
        // An edited post may be queued already: locking its row keeps workers from leasing it,
        // and reading the content it had, until this transaction commits. A leased row makes
        // this wait for the worker's commit, which frees the place for a new row.
        let onConflict =
            again ? "ON CONFLICT (classifier_version, post_id) DO UPDATE SET enqueued_at = excluded.enqueued_at"
            : "ON CONFLICT DO NOTHING"
        // Shared with other imports, exclusive with a version being registered or switched.
        try await tx.query("SELECT pg_advisory_xact_lock_shared(\(lockKey))", logger: logger)
        // A NULL parameter lifts its condition; the server plans with the values bound,
        // so the post ids still go through the primary key.
        let rows = try await tx.query(
            """
            WITH queued AS (
                INSERT INTO classify_queue (classifier_version, post_id)
                SELECT v.version, p.id FROM classifier_versions v CROSS JOIN posts p
                WHERE v.retired_at IS NULL
                  AND (\(version)::text IS NULL OR v.version = \(version)::text)
                  AND (\(ids)::int8[] IS NULL OR p.id = ANY(\(ids)::int8[]))
                  AND (\(again) OR NOT EXISTS (
                      SELECT 1 FROM classifications c WHERE c.post_id = p.id AND c.classifier_version = v.version))
                \(unescaped: onConflict)
                RETURNING 1
            )
            SELECT count(*)::int8 FROM queued
            """, logger: logger)
        var queued = 0
        for try await count in rows.decode(Int64.self) { queued = Int(count) }
        // Wakes idle workers at commit (NOTIFY is transactional: a rollback sends nothing, and
        // the notifications of one transaction fold into one).
        if queued > 0 { try await tx.query("SELECT pg_notify(\(notificationChannel), '')", logger: logger) }
        return queued
    }

    /// The channel ``enqueue(_:_:logger:)`` notifies when it queues posts.
    public static let notificationChannel = "vigie_classify"

    /// LISTENs on ``notificationChannel`` on a connection of its own, calls `onListening`
    /// once the server has registered it, then `onNotification` for each notification, until
    /// the connection fails (it throws) or the task is cancelled.
    public func listen(
        onListening: @Sendable () -> Void, onNotification: @escaping @Sendable () -> Void
    ) async throws {
        try await database.client.withConnection { connection in
            try await connection.listen(on: Self.notificationChannel) { notifications in
                onListening()
                for try await _ in notifications { onNotification() }
            }
        }
    }

    /// Posts waiting for `version`.
    public func queued(version: String) async throws -> Int {
        let rows = try await database.client.query(
            "SELECT count(*)::int8 FROM classify_queue WHERE classifier_version = \(version)", logger: database.logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Leases up to `limit` posts queued for `version` (among `only` when given),
    /// classifies them with `classify`, and stores results and rollups, all in one
    /// transaction. Returns the number of posts classified (0 when the queue is empty or
    /// fully leased by others). `brands` are the brands `classify` matches and their
    /// revisions: the batch queues its posts for a brand backfill of any other stored
    /// brand (see ``BrandBackfill``); nil skips that, for callers without brand matching.
    ///
    /// A failure retrying will not cure is thrown as a ``FailedBatch`` naming the leased
    /// posts, so that the caller can split the batch (see ``ClassifyFailures``).
    public func classifyBatch(
        limit: Int, version: String, only: [Int64]? = nil, brands: BrandRevisions? = nil,
        _ classify: @Sendable ([LeasedPost]) throws -> [ClassificationRecord]
    ) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { tx in
            let posts = try await Self.lease(limit: limit, version: version, only: only, tx, logger: logger)
            guard !posts.isEmpty else { return 0 }
            do {
                let records = try classify(posts)
                // Classifying took a while: the server may have gone meanwhile.
                try tx.ensureOpen()
                try await BrandBackfill.lockShared(tx, logger: logger)
                try await ClassificationResults.store(records, version: version, tx, logger: logger)
                try await Rollups.add(posts: records.map(\.postID), version: version, tx, logger: logger)
                if let brands {
                    try await BrandBackfill.requeueStale(
                        posts: records.map(\.postID), version: version, known: brands, tx, logger: logger)
                }
                // A post queued again after failing leaves the failed list once classified.
                try await tx.query(
                    """
                    DELETE FROM classify_failures
                    WHERE classifier_version = \(version) AND post_id = ANY(\(records.map(\.postID)))
                    """, logger: logger)
            } catch where !DatabaseFailure.classify(error).isRetryable {
                throw FailedBatch(postIDs: posts.map(\.id), underlying: error)
            }
            return posts.count
        }
    }

    /// Removes up to `limit` posts from the queue of `version`, skipping rows other
    /// transactions hold, and returns them; a rollback puts them back.
    static func lease(
        limit: Int, version: String, only: [Int64]? = nil, _ tx: PostgresConnection, logger: Logger
    ) async throws -> [LeasedPost] {
        let rows = try await tx.query(
            """
            WITH leased AS (
                DELETE FROM classify_queue
                WHERE classifier_version = \(version) AND post_id IN (
                    SELECT post_id FROM classify_queue WHERE classifier_version = \(version)
                      AND (\(only)::int8[] IS NULL OR post_id = ANY(\(only)::int8[]))
                    ORDER BY post_id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING post_id
            )
            SELECT p.id, p.kind, p.title, p.author, p.lang, p.body
            FROM posts p JOIN leased l ON l.post_id = p.id
            ORDER BY p.id
            """, logger: logger)
        var posts: [LeasedPost] = []
        for try await (id, kind, title, author, lang, body) in rows.decode(
            (Int64, String, String?, String?, String?, String).self)
        {
            posts.append(
                LeasedPost(id: id, kind: PostKind(rawValue: kind) ?? .post, title: title, author: author, lang: lang, body: body))
        }
        return posts
    }
}
