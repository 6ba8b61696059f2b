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

@Suite("Trends of a brand added later")
struct BrandHistoryAPITests {
    @Test("a brand added after its posts were classified has a trend over their dates")
    func addedLater() async throws {
        try await APIHarness.withAPI { client, database, token in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            // "service" is in the two March posts, "support" in the April one.
            let saved = try await BrandStore(database).save([Brand(name: "Support", query: "service OR support")])
            #expect(saved.first?.queuedPosts == APIHarness.records.count)
            var configuration = ClassifyWorker.Configuration()
            configuration.drain = true
            try await ClassifyWorker(
                database: database, classifier: try Classifier(brands: []), configuration: configuration,
                logger: TestDatabase.logger
            ).run()
            let response = try await client.execute(uri: "/v1/trends?brand=support&interval=month", method: .get, headers: auth)
            #expect(response.status == .ok)
            let body = try APIHarness.json(response)
            let buckets = try #require(body["buckets"] as? [[String: Any]])
            #expect(buckets.map { $0["start"] as? String } == ["2014-03-01T00:00:00Z", "2014-04-01T00:00:00Z"])
            #expect(buckets.map { $0["posts"] as? Int } == [2, 1])
            #expect(buckets.map { $0["negative"] as? Int } == [1, 0])
        }
    }
}
