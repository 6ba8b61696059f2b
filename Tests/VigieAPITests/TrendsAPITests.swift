import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// The API over real HTTP (HummingbirdTesting's live mode binds a loopback port)
/// against a real, migrated database.
@Suite("Trends API")
struct TrendsAPITests {
    static let records: [ImportRecord] = [
        ImportRecord(url: "https://blog.example/1", publishedAt: Timestamp.parse("2014-03-03T09:00:00Z"), lang: "fr",
                     body: "J'adore Acme, service excellent et très rapide. Merci !"),
        ImportRecord(url: "https://blog.example/2", publishedAt: Timestamp.parse("2014-03-04T09:00:00Z"), lang: "fr",
                     body: "Acme est nul, service horrible, je suis très déçu."),
        ImportRecord(url: "https://blog.example/3", publishedAt: Timestamp.parse("2014-04-02T09:00:00Z"), lang: "en",
                     body: "Acme is excellent, I love it. Great support!"),
    ]

    /// A migrated database with three classified Acme posts and a reader token.
    static func withAPI(_ body: @Sendable @escaping (any TestClientProtocol, String) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let brands = try await BrandStore(database).upsert([BrandDefinition(name: "Acme", query: "\"Acme\"", aliases: ["ACM"])])
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: "file")
            var configuration = ClassifyWorker.Configuration()
            configuration.drain = true
            try await ClassifyWorker(
                database: database,
                classifier: try Classifier(stored: brands),
                configuration: configuration, logger: TestDatabase.logger
            ).run()
            let token = try await TokenStore(database).create(name: "test", role: .reader)
            let app = Application(router: APIServer.router(database: database))
            try await app.test(.live) { client in try await body(client, token) }
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func expectProblem(_ response: TestResponse, status: HTTPResponse.Status, mentioning word: String? = nil) throws {
        #expect(response.status == status)
        #expect(response.headers[.contentType] == "application/problem+json")
        let problem = try json(response)
        #expect(problem["status"] as? Int == status.code)
        #expect(problem["title"] is String)
        if let word { #expect((problem["detail"] as? String)?.contains(word) == true, "\(problem)") }
    }

    @Test("health needs no token; trends need one")
    func authentication() async throws {
        try await Self.withAPI { client, token in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            try Self.expectProblem(try await client.execute(uri: "/v1/trends?brand=acme", method: .get), status: .unauthorized)
            try Self.expectProblem(
                try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer vg_wrong"]),
                status: .unauthorized)
            let ok = try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(ok.status == .ok)
        }
    }

    @Test("trends by day and month have exact counts")
    func exactCounts() async throws {
        try await Self.withAPI { client, token in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let daily = try await client.execute(
                uri: "/v1/trends?brand=ACME&from=2014-03-03&to=2014-03-05&interval=day", method: .get, headers: auth)
            #expect(daily.status == .ok)
            #expect(daily.headers[.contentType] == "application/json")
            let day = try Self.json(daily)
            let buckets = try #require(day["buckets"] as? [[String: Any]])
            #expect(buckets.map { $0["start"] as? String } == ["2014-03-03T00:00:00Z", "2014-03-04T00:00:00Z"])
            #expect(buckets.map { $0["posts"] as? Int } == [1, 1])
            #expect(buckets.map { $0["positive"] as? Int } == [1, 0])
            #expect(buckets.map { $0["negative"] as? Int } == [0, 1])
            #expect(buckets.map { $0["net_sentiment"] as? Double } == [1.0, -1.0])
            #expect((day["brand"] as? [String: Any])?["name"] as? String == "Acme")

            // By alias, whole extent, monthly.
            let monthly = try Self.json(
                try await client.execute(uri: "/v1/trends?brand=acm&interval=month", method: .get, headers: auth))
            let months = try #require(monthly["buckets"] as? [[String: Any]])
            #expect(months.map { $0["start"] as? String } == ["2014-03-01T00:00:00Z", "2014-04-01T00:00:00Z"])
            #expect(months.map { $0["posts"] as? Int } == [2, 1])
            #expect((monthly["totals"] as? [String: Any])?["posts"] as? Int == 3)
            #expect((monthly["totals"] as? [String: Any])?["positive"] as? Int == 2)
        }
    }

    @Test("bad parameters get a 400 problem document, never a 500")
    func badParameters() async throws {
        try await Self.withAPI { client, token in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let cases: [(String, HTTPResponse.Status, String?)] = [
                ("/v1/trends", .badRequest, "brand"),
                ("/v1/trends?brand=", .badRequest, "brand"),
                ("/v1/trends?brand=acme&interval=fortnight", .badRequest, "interval"),
                ("/v1/trends?brand=acme&from=yesterday", .badRequest, "from"),
                ("/v1/trends?brand=acme&to=2014-13-45", .badRequest, "to"),
                ("/v1/trends?brand=acme&from=2014-05-01&to=2014-04-01", .badRequest, "before"),
                ("/v1/trends?brand=acme&from=1900-01-01&to=2100-01-01&interval=hour", .badRequest, "buckets"),
                ("/v1/trends?brand=%27%3B%20DROP%20TABLE%20posts%3B--", .notFound, "DROP"),
                ("/v1/trends?brand=nobody", .notFound, "nobody"),
                ("/v1/nothing-here", .notFound, nil),
            ]
            for (uri, status, word) in cases {
                let response = try await client.execute(uri: uri, method: .get, headers: auth)
                try Self.expectProblem(response, status: status, mentioning: word)
            }
            // Still answering, and the posts table is still there.
            let ok = try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: auth)
            #expect(ok.status == .ok)
        }
    }
}
