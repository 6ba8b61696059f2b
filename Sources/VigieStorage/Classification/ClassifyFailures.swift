import Foundation
import Logging
import PostgresNIO

/// A batch whose transaction failed for a reason retrying will not cure (not a
/// ``DatabaseFailure`` worth retrying): the posts it had leased, back in the queue since
/// the rollback, so the worker can split the batch and find the post that fails.
public struct FailedBatch: Error, CustomStringConvertible {
    public var postIDs: [Int64]
    public var underlying: any Error

    public var description: String { Database.reason(underlying) }
}

/// Posts a classifier version could not classify, out of the queue so that it moves on.
///
/// ``ClassifyWorker`` splits a failing batch until the failing post is alone; a post that
/// still fails alone is moved here (`classify_failures`) with its error and its number of
/// attempts. ``retry(version:)`` queues them again, for instance after a fix.
public struct ClassifyFailures: Sendable {
    /// One failed post.
    public struct Failure: Sendable, Equatable {
        public var postID: Int64
        public var version: String
        public var error: String
        public var attempts: Int
        public var lastFailedAt: Date
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Takes `postID` out of the queue of `version` and records why, adding `attempts` to
    /// what an earlier failure recorded. Returns false when the post was no longer queued
    /// (another worker classified it meanwhile): nothing is recorded then.
    @discardableResult
    public func record(postID: Int64, version: String, error: String, attempts: Int) async throws -> Bool {
        let rows = try await database.client.query(
            """
            WITH gone AS (
                DELETE FROM classify_queue WHERE classifier_version = \(version) AND post_id = \(postID)
                RETURNING post_id
            )
            INSERT INTO classify_failures AS f (classifier_version, post_id, error, attempts)
            SELECT \(version), post_id, \(error), \(attempts) FROM gone
            ON CONFLICT (classifier_version, post_id) DO UPDATE
                SET error = EXCLUDED.error, attempts = f.attempts + EXCLUDED.attempts, last_failed_at = now()
            RETURNING 1
            """, logger: database.logger)
        for try await _ in rows { return true }
        return false
    }

    /// The failed posts, the most recent first; of `version` alone when given.
    public func list(version: String? = nil, limit: Int = 100) async throws -> [Failure] {
        let rows = try await database.client.query(
            """
            SELECT post_id, classifier_version, error, attempts, last_failed_at FROM classify_failures
            WHERE \(version)::text IS NULL OR classifier_version = \(version)::text
            ORDER BY last_failed_at DESC, post_id LIMIT \(limit)
            """, logger: database.logger)
        var failures: [Failure] = []
        for try await (id, version, error, attempts, at) in rows.decode((Int64, String, String, Int32, Date).self) {
            failures.append(Failure(postID: id, version: version, error: error, attempts: Int(attempts), lastFailedAt: at))
        }
        return failures
    }

    /// Queues the failed posts of `version` again; returns how many. Their record stays until
    /// they are classified, so a post that fails again keeps counting its attempts.
    public func retry(version: String) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { tx in
            // Shared with imports, exclusive with a version change: see ClassifyQueue.
            try await tx.query("SELECT pg_advisory_xact_lock_shared(\(ClassifyQueue.lockKey))", logger: logger)
            let rows = try await tx.query(
                """
                WITH queued AS (
                    INSERT INTO classify_queue (classifier_version, post_id)
                    SELECT f.classifier_version, f.post_id FROM classify_failures f
                    JOIN classifier_versions v ON v.version = f.classifier_version AND v.retired_at IS NULL
                    WHERE f.classifier_version = \(version)
                    ON CONFLICT DO NOTHING
                    RETURNING 1
                )
                SELECT count(*)::int8 FROM queued
                """, logger: logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }
}
