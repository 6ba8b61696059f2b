import Foundation

/// One bucket of a trend: counts per sentiment over an interval.
public struct TrendBucket: Sendable, Equatable, Codable {
    public var start: Date
    public var posts: Int
    public var negative: Int
    public var neutral: Int
    public var positive: Int
    public var scoreSum: Double

    public init(start: Date, posts: Int, negative: Int, neutral: Int, positive: Int, scoreSum: Double) {
        self.start = start
        self.posts = posts
        self.negative = negative
        self.neutral = neutral
        self.positive = positive
        self.scoreSum = scoreSum
    }

    /// The sum of `buckets`, starting at `start`.
    public static func total(of buckets: [TrendBucket], start: Date) -> TrendBucket {
        var total = TrendBucket(start: start, posts: 0, negative: 0, neutral: 0, positive: 0, scoreSum: 0)
        for b in buckets {
            total.posts += b.posts
            total.negative += b.negative
            total.neutral += b.neutral
            total.positive += b.positive
            total.scoreSum += b.scoreSum
        }
        return total
    }

    /// (positive − negative) / posts, in [-1, 1]; 0 for an empty bucket.
    public var netSentiment: Double { posts == 0 ? 0 : Double(positive - negative) / Double(posts) }
    /// Mean classifier score, in [-1, 1]; 0 for an empty bucket.
    public var meanScore: Double { posts == 0 ? 0 : scoreSum / Double(posts) }
}
