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
    @Test("health needs no token; trends need one")
    func authentication() async throws {
        try await APIHarness.withAPI { client, _, token in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/trends?brand=acme", method: .get), status: .unauthorized,
                type: Problem.Kind.unauthenticated.type)
            try APIHarness.expectProblem(
                try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer vg_wrong"]),
                status: .unauthorized)
            let ok = try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(ok.status == .ok)
        }
    }

    @Test("trends by day and month have exact counts")
    func exactCounts() async throws {
        try await APIHarness.withAPI { client, _, token in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let daily = try await client.execute(
                uri: "/v1/trends?brand=ACME&from=2014-03-03&to=2014-03-05&interval=day", method: .get, headers: auth)
            #expect(daily.status == .ok)
            #expect(daily.headers[.contentType] == "application/json")
            let day = try APIHarness.json(daily)
            let buckets = try #require(day["buckets"] as? [[String: Any]])
            #expect(buckets.map { $0["start"] as? String } == ["2014-03-03T00:00:00Z", "2014-03-04T00:00:00Z"])
            #expect(buckets.map { $0["posts"] as? Int } == [1, 1])
            #expect(buckets.map { $0["positive"] as? Int } == [1, 0])
            #expect(buckets.map { $0["negative"] as? Int } == [0, 1])
            #expect(buckets.map { $0["net_sentiment"] as? Double } == [1.0, -1.0])
            #expect((day["brand"] as? [String: Any])?["name"] as? String == "Acme")

            // By alias, whole extent, monthly.
            let monthly = try APIHarness.json(
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
        try await APIHarness.withAPI { client, _, token in
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
                let kind: Problem.Kind = status == .badRequest ? .invalidParameter : .notFound
                try APIHarness.expectProblem(response, status: status, type: kind.type, mentioning: word)
            }
            // Still answering, and the posts table is still there.
            let ok = try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: auth)
            #expect(ok.status == .ok)
        }
    }
}
