import Foundation
import Hummingbird
import Logging
import VigieModel
import VigieStorage

/// `GET /v1/trends?brand=&from=&to=&interval=hour|day|week|month`
struct TrendsController {
    /// Largest number of buckets one answer may hold.
    static let maximumBuckets = 5_000

    let database: Database
    let brands: BrandStore
    let calls: DatabaseCalls

    struct Answer: Codable {
        struct BrandRef: Codable { var id: Int64; var name: String }
        struct Bucket: Codable {
            var start: String
            var posts: Int
            var negative: Int
            var neutral: Int
            var positive: Int
            var netSentiment: Double
            var meanScore: Double
            /// Posts per governance category (a post may have several).
            var categories: [String: Int]
            enum CodingKeys: String, CodingKey {
                case start, posts, negative, neutral, positive, categories
                case netSentiment = "net_sentiment"
                case meanScore = "mean_score"
            }
            init(_ b: TrendBucket, categories: [String: Int] = [:]) {
                self.categories = categories
                start = Timestamp.format(b.start)
                posts = b.posts
                negative = b.negative
                neutral = b.neutral
                positive = b.positive
                netSentiment = (b.netSentiment * 1000).rounded() / 1000
                meanScore = (b.meanScore * 1000).rounded() / 1000
            }
        }
        var brand: BrandRef
        var interval: String
        var from: String?
        var to: String?
        var classifierVersion: String?
        var totals: Bucket
        var buckets: [Bucket]
        enum CodingKeys: String, CodingKey {
            case brand, interval, from, to, totals, buckets
            case classifierVersion = "classifier_version"
        }
    }

    func trend(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let brandKey = query["brand"].map(String.init), !brandKey.isEmpty else {
            throw Problem.badRequest("the 'brand' parameter is required (a brand name or id)")
        }
        let intervalText = query["interval"].map(String.init) ?? "day"
        guard let interval = TrendInterval(rawValue: intervalText.lowercased()) else {
            throw Problem.badRequest("'interval' must be one of hour, day, week, month (got '\(intervalText)')")
        }
        let from = try Self.date(query["from"].map(String.init), name: "from")
        let to = try Self.date(query["to"].map(String.init), name: "to")
        if let f = from, let t = to, f >= t {
            throw Problem.badRequest("'from' must be before 'to'")
        }
        let brand = try await calls.run(context) { try await brands.find(brandKey) }
        guard let brand, let brandID = brand.id else { throw Problem.notFound("no brand named '\(brandKey)'") }
        // Buckets, categories and the version they belong to come from one snapshot.
        let figures = try await calls.run(context) {
            try await database.snapshot { snapshot in
                try await Self.figures(TrendStore(snapshot), brandID: brandID, interval: interval, from: from, to: to)
            }
        }
        let total = TrendBucket.total(of: figures.buckets, start: figures.from ?? Date(timeIntervalSince1970: 0))
        let categories = figures.categories
        let answer = Answer(
            brand: .init(id: brandID, name: brand.name), interval: interval.rawValue,
            from: figures.from.map(Timestamp.format), to: figures.to.map(Timestamp.format),
            classifierVersion: figures.version,
            totals: .init(total, categories: categories.values.reduce(into: [:]) { $0.merge($1, uniquingKeysWith: +) }),
            buckets: figures.buckets.map { Answer.Bucket($0, categories: categories[$0.start] ?? [:]) })
        return try JSONResponse.make(answer)
    }

    /// What one answer reports, read from one store.
    struct Figures: Sendable {
        var version: String?
        var from: Date?
        var to: Date?
        var buckets: [TrendBucket] = []
        var categories: [Date: [String: Int]] = [:]
    }

    /// The active version's buckets and categories from `from` to `to`; a missing end is
    /// the brand's first or last hour with data.
    static func figures(
        _ trends: TrendStore, brandID: Int64, interval: TrendInterval, from: Date?, to: Date?
    ) async throws -> Figures {
        var figures = Figures(version: try await trends.activeVersion(), from: from, to: to)
        guard let version = figures.version else { return figures }
        if from == nil || to == nil, let extent = try await trends.extent(brandID: brandID, version: version) {
            figures.from = from ?? extent.first
            figures.to = to ?? extent.last.addingTimeInterval(3600)
        }
        guard let f = figures.from, let t = figures.to, f < t else { return figures }
        guard bucketCount(from: f, to: t, interval: interval) <= maximumBuckets else {
            throw Problem.badRequest(
                "the range holds more than \(maximumBuckets) \(interval.rawValue) buckets; use a wider interval or a shorter range")
        }
        figures.buckets = try await trends.trend(brandID: brandID, version: version, interval: interval, from: f, to: t)
        figures.categories = try await trends.categories(brandID: brandID, version: version, interval: interval, from: f, to: t)
        return figures
    }

    static func bucketCount(from: Date, to: Date, interval: TrendInterval) -> Int {
        let seconds = to.timeIntervalSince(from)
        let width: Double
        switch interval {
        case .hour: width = 3600
        case .day: width = 86_400
        case .week: width = 7 * 86_400
        case .month: width = 28 * 86_400
        }
        return Int((seconds / width).rounded(.up)) + 1
    }

    static func date(_ text: String?, name: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw Problem.badRequest("'\(name)' must be an RFC 3339 time or a YYYY-MM-DD date (got '\(text)')")
        }
        return date
    }
}

enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
