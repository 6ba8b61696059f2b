import Foundation
import Logging
import PostgresNIO

/// When a brand's posts were published, read from the posts themselves: unlike the
/// rollups, which count a post without a publication date at its collection time, this
/// tells dated posts from undated ones.
public struct PostDates: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// The first and last publication dates of the posts where `version` found the brand
    /// (nil when none is dated), and how many of them have no publication date.
    public func extent(brandID: Int64, version: String) async throws -> (first: Date?, last: Date?, undated: Int) {
        let rows = try await database.client.query(
            """
            SELECT min(p.published_at), max(p.published_at), count(*) FILTER (WHERE p.published_at IS NULL)
            FROM post_brands pb JOIN posts p ON p.id = pb.post_id
            WHERE pb.brand_id = \(brandID) AND pb.classifier_version = \(version)
            """, logger: database.logger)
        for try await (first, last, undated) in rows.decode((Date?, Date?, Int64).self) {
            return (first, last, Int(undated))
        }
        return (nil, nil, 0)
    }
}
