import Foundation
import Logging
import PostgresNIO
import VigieModel

/// A source a worker has claimed, and how late the claim came.
public struct ClaimedSource: Sendable, Hashable {
    public var source: Source
    /// now - next_fetch_at at the claim (zero for a source never fetched): the lease lag.
    public var lag: Duration

    public init(source: Source, lag: Duration) {
        self.source = source
        self.lag = lag
    }
}

/// The collectors' leases on sources, River's shape: a fetch leaves the database, so it
/// must not hold a transaction open. ``claim(owner:limit:lease:)`` sets a lease in one short
/// statement; the worker ``renew(owner:ids:lease:)``s it while it works and stores its
/// results with ``complete(_:owner:outcome:posts:)`` in a second transaction; any worker's
/// ``rescueExpired()`` returns the sources of a worker that died to the pool.
///
/// The lease is also a fence: ``complete(_:owner:outcome:posts:)`` updates the source only
/// where the lease is still the caller's, so a worker that stalled past its lease, and
/// whose source another worker has claimed since, cannot overwrite the newer state.
public struct SourceLeases: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    public struct CompleteResult: Sendable, Equatable {
        public var insert: PostStore.InsertResult
        /// The lease had expired and been rescued or claimed by another worker: the posts
        /// were stored (idempotently), the source's state was not.
        public var leaseLost: Bool
    }

    /// Claims up to `limit` due sources, oldest `next_fetch_at` first (never-fetched first).
    ///
    /// Due: a collected kind, not paused, not removed, unleased, `next_fetch_at` past or
    /// null. The conditions repeat `sources_due_idx`'s predicate word for word so that the
    /// planner uses it. SKIP LOCKED lets concurrent claimers pass each other's rows; a row
    /// another claim has just committed is re-checked under READ COMMITTED and, leased now,
    /// dropped: no source goes to two workers.
    public func claim(owner: String, limit: Int, lease: Duration) async throws -> [ClaimedSource] {
        guard limit > 0 else { return [] }
        let rows = try await database.client.query(
            """
            UPDATE sources s SET lease_owner = \(owner), lease_until = now() + make_interval(secs => \(Self.seconds(lease)))
            WHERE s.id IN (
                SELECT id FROM sources
                WHERE kind NOT IN ('file', 'synthetic', 'sample') AND NOT paused AND removed_at IS NULL
                  AND lease_owner IS NULL
                  AND (next_fetch_at IS NULL OR next_fetch_at <= now())
                ORDER BY next_fetch_at NULLS FIRST, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            RETURNING \(unescaped: SourceRow.columns),
                      EXTRACT(epoch FROM now() - COALESCE(s.next_fetch_at, now()))::float8
            """, logger: database.logger)
        var claimed: [ClaimedSource] = []
        for try await row in rows {
            // The source's columns first (decode reads a prefix), the lag last.
            let source = try SourceRow.source(try row.decode(SourceRow.Columns.self))
            let lag = try row.makeRandomAccess()[row.count - 1].decode(Double.self)
            claimed.append(ClaimedSource(source: source, lag: .milliseconds(Int64(lag * 1000))))
        }
        // RETURNING follows no order: the worker starts with the most overdue.
        return claimed.sorted {
            ($0.source.state.nextFetchAt ?? .distantPast, $0.source.id) < ($1.source.state.nextFetchAt ?? .distantPast, $1.source.id)
        }
    }

    /// How long until the next unleased source falls due (zero when one is due already), nil
    /// when none is scheduled: how long an idle worker may wait before it claims again.
    public func untilNextDue() async throws -> Duration? {
        let rows = try await database.client.query(
            """
            SELECT EXTRACT(epoch FROM min(COALESCE(next_fetch_at, now())) - now())::float8 FROM sources
            WHERE kind NOT IN ('file', 'synthetic', 'sample') AND NOT paused AND removed_at IS NULL
              AND lease_owner IS NULL
            """, logger: database.logger)
        for try await seconds in rows.decode(Double?.self) {
            return seconds.map { .milliseconds(Int64(max(0, $0) * 1000)) }
        }
        return nil
    }

    /// Extends the leases `owner` still holds among `ids`; returns those ids. A source missing
    /// from the answer was rescued or claimed by another worker: stop working on it.
    public func renew(owner: String, ids: [Int64], lease: Duration) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.client.query(
            """
            UPDATE sources SET lease_until = now() + make_interval(secs => \(Self.seconds(lease)))
            WHERE id = ANY(\(ids)::int8[]) AND lease_owner = \(owner)
            RETURNING id
            """, logger: database.logger)
        var held = Set<Int64>()
        for try await id in rows.decode(Int64.self) { held.insert(id) }
        return held
    }

    /// Gives back sources claimed but not worked on (a shutdown): their `next_fetch_at` is
    /// untouched, so they are due at once and keep their place. Returns how many.
    @discardableResult
    public func release(owner: String, ids: [Int64]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await count(
            """
            UPDATE sources SET lease_owner = NULL, lease_until = NULL
            WHERE id = ANY(\(ids)::int8[]) AND lease_owner = \(owner)
            RETURNING 1
            """)
    }

    /// Clears the leases that ran out (their worker died or stalled); returns how many. Any
    /// worker may run it; the sources are due again, at their old place.
    @discardableResult
    public func rescueExpired() async throws -> Int {
        try await count(
            """
            UPDATE sources SET lease_owner = NULL, lease_until = NULL
            WHERE id IN (SELECT id FROM sources WHERE lease_owner IS NOT NULL AND lease_until < now()
                         FOR UPDATE SKIP LOCKED)
            RETURNING 1
            """)
    }

    /// Stores a fetch's posts and outcome in one transaction, and ends the lease.
    ///
    /// The posts go in exactly as ``PostStore/insert(_:sourceKind:)`` stores them (same
    /// identities, suppressions, classification queue), each given the source's name. The
    /// state is written, and the lease cleared, only where `owner` still holds the lease.
    public func complete(
        _ claimed: ClaimedSource, owner: String, outcome: FetchOutcome, posts: [NewPost]
    ) async throws -> CompleteResult {
        let source = claimed.source
        let logger = database.logger
        let named = posts.map { post in
            var post = post
            post.record.source = source.name
            return post
        }
        let success = outcome.isSuccess
        return try await database.transaction { tx in
            let insert = try await PostStore.insert(named, sourceKind: source.kind, tx, logger: logger)
            let rows = try await tx.query(
                """
                UPDATE sources SET
                    lease_owner = NULL, lease_until = NULL,
                    last_fetch_at = \(outcome.fetchedAt), last_status = \(outcome.status),
                    next_fetch_at = \(outcome.nextFetchAt),
                    etag = COALESCE(\(outcome.etag), etag),
                    last_modified = COALESCE(\(outcome.lastModified), last_modified),
                    cursor = COALESCE(\(outcome.cursor), cursor),
                    url = COALESCE(\(outcome.permanentURL), url),
                    consecutive_errors = CASE WHEN \(success) THEN 0 ELSE consecutive_errors + 1 END,
                    last_error = CASE WHEN \(success) THEN NULL ELSE \(outcome.error) END
                WHERE id = \(source.id) AND lease_owner = \(owner)
                RETURNING 1
                """, logger: logger)
            var held = false
            for try await _ in rows { held = true }
            if !held {
                logger.info("lease lost; posts stored, state not", metadata: ["source.id": "\(source.id)", "worker": "\(owner)"])
            }
            return CompleteResult(insert: insert, leaseLost: !held)
        }
    }

    private func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await database.client.query(query, logger: database.logger)
        var n = 0
        for try await _ in rows { n += 1 }
        return n
    }

    /// A lease length in whole seconds, at least one.
    static func seconds(_ duration: Duration) -> Int {
        max(1, Int(duration.components.seconds))
    }
}
