import Foundation
import Logging
import PostgresNIO
import VigieModel

/// Reads trends from the hourly rollup, never from posts.
///
/// Made from a ``Database``, each call reads what is committed when it runs; made from a
/// ``Snapshot``, every call reads the same state, so an answer built from several of them
/// (buckets and their categories) holds together.
public struct TrendStore: Sendable {
    let reads: Reads
    let logger: Logger

    public init(_ database: Database) {
        self.reads = .pool(database.client)
        self.logger = database.logger
    }

    public init(_ snapshot: Snapshot) {
        self.reads = .connection(snapshot.connection)
        self.logger = snapshot.logger
    }

    /// The classifier version whose rollups trends read, or nil before any post was classified.
    public func activeVersion() async throws -> String? {
        try await ClassifierVersions.active(reads, logger: logger)
    }

    /// Buckets from `from` (inclusive) to `to` (exclusive), one per interval,
    /// empty intervals included, in order.
    public func trend(
        brandID: Int64, version: String, interval: TrendInterval, from: Date, to: Date
    ) async throws -> [TrendBucket] {
        let unit = interval.rawValue
        let rows = try await reads.query(
            """
            WITH counts AS (
                SELECT date_trunc(\(unit), bucket, 'UTC') AS start,
                       sum(posts)::int8 AS posts, sum(negative)::int8 AS negative,
                       sum(neutral)::int8 AS neutral, sum(positive)::int8 AS positive,
                       sum(score_sum)::float8 AS score_sum
                FROM brand_hourly
                WHERE brand_id = \(brandID) AND classifier_version = \(version)
                  AND bucket >= \(from) AND bucket < \(to)
                GROUP BY 1
            )
            SELECT g.start, COALESCE(c.posts, 0), COALESCE(c.negative, 0), COALESCE(c.neutral, 0),
                   COALESCE(c.positive, 0), COALESCE(c.score_sum, 0)
            FROM generate_series(date_trunc(\(unit), \(from)::timestamptz, 'UTC'),
                                 \(to)::timestamptz - interval '1 microsecond',
                                 ('1 ' || \(unit))::interval) AS g(start)
            LEFT JOIN counts c ON c.start = g.start
            ORDER BY g.start
            """, logger: logger)
        var buckets: [TrendBucket] = []
        for try await (start, posts, negative, neutral, positive, scoreSum) in rows.decode(
            (Date, Int64, Int64, Int64, Int64, Double).self)
        {
            buckets.append(
                TrendBucket(
                    start: start, posts: Int(posts), negative: Int(negative), neutral: Int(neutral),
                    positive: Int(positive), scoreSum: scoreSum))
        }
        return buckets
    }

    /// Posts per governance category in each interval, keyed by bucket start.
    /// `brandID` 0 counts all posts.
    public func categories(
        brandID: Int64, version: String, interval: TrendInterval, from: Date, to: Date
    ) async throws -> [Date: [String: Int]] {
        let unit = interval.rawValue
        let rows = try await reads.query(
            """
            SELECT date_trunc(\(unit), bucket, 'UTC'), category, sum(posts)::int8
            FROM category_hourly
            WHERE brand_id = \(brandID) AND classifier_version = \(version)
              AND bucket >= \(from) AND bucket < \(to)
            GROUP BY 1, 2
            """, logger: logger)
        var result: [Date: [String: Int]] = [:]
        for try await (start, category, posts) in rows.decode((Date, String, Int64).self) {
            result[start, default: [:]][category] = Int(posts)
        }
        return result
    }

    /// Totals per category over all time, most frequent first. `brandID` 0 counts all posts.
    public func categoryTotals(brandID: Int64, version: String) async throws -> [(category: String, posts: Int, negative: Int)] {
        let rows = try await reads.query(
            """
            SELECT category, sum(posts)::int8, sum(negative)::int8 FROM category_hourly
            WHERE brand_id = \(brandID) AND classifier_version = \(version)
            GROUP BY category ORDER BY sum(posts) DESC, category
            """, logger: logger)
        var result: [(String, Int, Int)] = []
        for try await (category, posts, negative) in rows.decode((String, Int64, Int64).self) {
            result.append((category, Int(posts), Int(negative)))
        }
        return result
    }

    /// First and last hour with data for a brand, or nil when it has none.
    public func extent(brandID: Int64, version: String) async throws -> (first: Date, last: Date)? {
        let rows = try await reads.query(
            """
            SELECT min(bucket), max(bucket) FROM brand_hourly
            WHERE brand_id = \(brandID) AND classifier_version = \(version)
            """, logger: logger)
        for try await (first, last) in rows.decode((Date?, Date?).self) {
            if let first, let last { return (first, last) }
        }
        return nil
    }

    /// Totals per brand for the active version, for summaries.
    public func totals(version: String) async throws -> [(brand: String, bucket: TrendBucket)] {
        let rows = try await reads.query(
            """
            SELECT b.name, min(h.bucket), sum(h.posts)::int8, sum(h.negative)::int8, sum(h.neutral)::int8,
                   sum(h.positive)::int8, sum(h.score_sum)::float8
            FROM brand_hourly h JOIN brands b ON b.id = h.brand_id
            WHERE h.classifier_version = \(version)
            GROUP BY b.name
            ORDER BY sum(h.posts) DESC, b.name
            """, logger: logger)
        var result: [(String, TrendBucket)] = []
        for try await (name, start, posts, negative, neutral, positive, scoreSum) in rows.decode(
            (String, Date, Int64, Int64, Int64, Int64, Double).self)
        {
            result.append(
                (name, TrendBucket(start: start, posts: Int(posts), negative: Int(negative), neutral: Int(neutral),
                                   positive: Int(positive), scoreSum: scoreSum)))
        }
        return result
    }
}
