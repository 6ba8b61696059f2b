import Foundation
import Logging
import PostgresNIO

/// Where classification stands, per live classifier version: what `vigie classify --status`
/// prints.
public struct ClassificationStatus: Sendable, Equatable {
    public struct Version: Sendable, Equatable {
        public var version: String
        public var active: Bool
        public var queued: Int
        public var classified: Int
        public var failed: Int
        /// (post, brand) pairs waiting for the brand backfill.
        public var brandBackfill: Int
    }

    public var versions: [Version]

    /// Counts for every version that is not retired, the active one first.
    public static func load(_ database: Database) async throws -> ClassificationStatus {
        let rows = try await database.client.query(
            """
            SELECT v.version, v.activated_at IS NOT NULL,
                   (SELECT count(*) FROM classify_queue q WHERE q.classifier_version = v.version)::int8,
                   (SELECT count(*) FROM classifications c WHERE c.classifier_version = v.version)::int8,
                   (SELECT count(*) FROM classify_failures f WHERE f.classifier_version = v.version)::int8,
                   (SELECT count(*) FROM brand_backfill_queue b WHERE b.classifier_version = v.version)::int8
            FROM classifier_versions v WHERE v.retired_at IS NULL
            ORDER BY v.activated_at IS NULL, v.created_at
            """, logger: database.logger)
        var versions: [Version] = []
        for try await (version, active, queued, classified, failed, backfill) in rows.decode(
            (String, Bool, Int64, Int64, Int64, Int64).self)
        {
            versions.append(
                Version(
                    version: version, active: active, queued: Int(queued), classified: Int(classified),
                    failed: Int(failed), brandBackfill: Int(backfill)))
        }
        return ClassificationStatus(versions: versions)
    }
}
