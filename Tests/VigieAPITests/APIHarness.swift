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
enum APIHarness {
    static let records: [ImportRecord] = [
        ImportRecord(url: "https://blog.example/1", publishedAt: Timestamp.parse("2014-03-03T09:00:00Z"), lang: "fr",
                     body: "J'adore Acme, service excellent et très rapide. Merci !"),
        ImportRecord(url: "https://blog.example/2", publishedAt: Timestamp.parse("2014-03-04T09:00:00Z"), lang: "fr",
                     body: "Acme est nul, service horrible, je suis très déçu."),
        ImportRecord(url: "https://blog.example/3", publishedAt: Timestamp.parse("2014-04-02T09:00:00Z"), lang: "en",
                     body: "Acme is excellent, I love it. Great support!"),
    ]

    /// A migrated database with three classified Acme posts and a reader token.
    static func withAPI(_ body: @Sendable @escaping (any TestClientProtocol, Database, String) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let brands = try await BrandStore(database).upsert([Brand(name: "Acme", query: "\"Acme\"", aliases: ["ACM"])])
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
            var configuration = ClassifyWorker.Configuration()
            configuration.drain = true
            try await ClassifyWorker(
                database: database,
                classifier: try Classifier(brands: brands),
                configuration: configuration, logger: TestDatabase.logger
            ).run()
            let token = try await TokenStore(database).create(name: "test", role: .reader)
            let app = Application(router: APIServer.router(database: database))
            try await app.test(.live) { client in try await body(client, database, token) }
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// Checks a problem document: its status, its `type` (the kind's URI, or `about:blank`),
    /// and that `detail` mentions `word`.
    static func expectProblem(
        _ response: TestResponse, status: HTTPResponse.Status, type: String? = nil, mentioning word: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try json(response)
        #expect(problem["status"] as? Int == status.code, sourceLocation: sourceLocation)
        #expect(problem["title"] is String, sourceLocation: sourceLocation)
        if let type { #expect(problem["type"] as? String == type, "\(problem)", sourceLocation: sourceLocation) }
        if let word { #expect((problem["detail"] as? String)?.contains(word) == true, "\(problem)", sourceLocation: sourceLocation) }
    }
}
