import Logging
import PostgresNIO

/// Where a classifier version stands.
public enum VersionState: Sendable, Equatable {
    /// Its rollups are the ones the trend API reads.
    case active
    /// Classifying every stored post; becomes active when its queue is empty.
    case backfilling(active: String)
}

/// Classifier versions: which one the trend API reads, and the switch to a new one.
///
/// A new version is registered with ``register(version:reclassify:)``: every stored post
/// is queued for it while the active version keeps serving; ``activateIfBackfilled(version:)``
/// then switches the trend API to it in one transaction once nothing is left in its queue.
/// Both hold the queue's lock exclusively (see ``ClassifyQueue``).
public struct ClassifierVersions: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Makes `version` live. The first version ever is active at once; a later
    /// one needs `reclassify` and backfills in the background. Either way every
    /// stored post not yet classified by it is queued for it.
    @discardableResult
    public func register(version: String, reclassify: Bool = false) async throws -> VersionState {
        let logger = database.logger
        return try await database.transaction { tx in
            try await ClassifyQueue.lockVersions(tx, logger: logger)
            var known: (activated: Bool, retired: Bool)?
            for try await (activated, retired) in try await tx.query(
                "SELECT activated_at IS NOT NULL, retired_at IS NOT NULL FROM classifier_versions WHERE version = \(version)",
                logger: logger
            ).decode((Bool, Bool).self) {
                known = (activated, retired)
            }
            let active = try await Self.active(.connection(tx), logger: logger)
            if let known {
                if known.retired {
                    throw StorageError(.versionRetired, "classifier \(version) was retired; run a newer vigie")
                }
                if let active, active != version { return .backfilling(active: active) }
                return .active
            }
            if let active, !reclassify {
                throw StorageError(
                    .versionMismatch,
                    "this vigie classifies with \(version) but the database serves \(active); run 'vigie classify --reclassify' to backfill \(version) and switch to it")
            }
            try await tx.query(
                """
                INSERT INTO classifier_versions (version, activated_at)
                VALUES (\(version), CASE WHEN \(active == nil) THEN now() END)
                """, logger: logger)
            try await ClassifyQueue.enqueue(.everyPost(version: version), tx, logger: logger)
            if let active { return .backfilling(active: active) }
            return .active
        }
    }

    /// Switches the trend API to `version` when no post waits for it: the
    /// previous version is retired and its queue dropped, in one transaction.
    /// Returns true when this call made the switch.
    public func activateIfBackfilled(version: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { tx in
            try await ClassifyQueue.lockVersions(tx, logger: logger)
            let rows = try await tx.query(
                """
                SELECT activated_at IS NULL AND retired_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM classify_queue WHERE classifier_version = \(version))
                       AND NOT EXISTS (SELECT 1 FROM brand_backfill_queue WHERE classifier_version = \(version))
                FROM classifier_versions WHERE version = \(version)
                """, logger: logger)
            var ready = false
            for try await value in rows.decode(Bool.self) { ready = value }
            guard ready else { return false }
            try await tx.query(
                """
                UPDATE classifier_versions SET retired_at = now()
                WHERE version <> \(version) AND retired_at IS NULL
                """, logger: logger)
            try await tx.query(
                "UPDATE classifier_versions SET activated_at = now() WHERE version = \(version)", logger: logger)
            try await Self.dropRetiredWork(tx, logger: logger)
            return true
        }
    }

    /// Drops the work queued for retired versions, classification and brand backfill
    /// alike, in the transaction that retires them. The table names are constants.
    private static func dropRetiredWork(_ tx: PostgresConnection, logger: Logger) async throws {
        for queue in ["classify_queue", "brand_backfill_queue"] {
            try await tx.query(
                PostgresQuery(
                    unsafeSQL: """
                        DELETE FROM \(queue) q USING classifier_versions v
                        WHERE v.version = q.classifier_version AND v.retired_at IS NOT NULL
                        """),
                logger: logger)
        }
    }

    /// The version whose rollups the trend API reads.
    public func active() async throws -> String? {
        try await Self.active(.pool(database.client), logger: database.logger)
    }

    static func active(_ reads: Reads, logger: Logger) async throws -> String? {
        let rows = try await reads.query(
            "SELECT version FROM classifier_versions WHERE activated_at IS NOT NULL AND retired_at IS NULL",
            logger: logger)
        for try await version in rows.decode(String.self) { return version }
        return nil
    }
}
