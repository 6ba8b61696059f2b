import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieModel
import VigieStorage
import VigieTestSupport

/// The README promises a 503, never a bare 500, when the database is down. The test stops
/// a cluster of its own, so the shared one keeps serving the other tests.
@Suite("API during a database outage", .timeLimit(.minutes(3)))
struct OutageAPITests {
    @Test("a database that is down gives 503 problems with Retry-After, and readiness comes back with it")
    func databaseDown() async throws {
        try await TemporaryCluster.with { cluster, settings in
            try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                let token = try await TokenStore(database).create(name: "ops", role: .reader)
                let auth: HTTPFields = [.authorization: "Bearer \(token)"]
                let app = Application(router: APIServer.router(database: database, databaseTimeout: .seconds(2)))
                try await app.test(.live) { client in
                    // Up: an unknown brand is a plain 404.
                    try APIHarness.expectProblem(
                        try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: auth),
                        status: .notFound, type: Problem.Kind.notFound.type)

                    _ = try cluster.stop()
                    for uri in ["/v1/trends?brand=acme", "/v1/tokens", "/readyz"] {
                        let response = try await client.execute(uri: uri, method: .get, headers: auth)
                        try APIHarness.expectProblem(
                            response, status: .serviceUnavailable, type: Problem.Kind.unavailable.type, mentioning: "database")
                        #expect(response.headers[.retryAfter] == "5", "\(uri)")
                    }

                    // The pool reconnects with backoff: ready again within seconds, not at once.
                    _ = try cluster.start()
                    let deadline = ContinuousClock.now + .seconds(60)
                    var status = try await client.execute(uri: "/readyz", method: .get).status
                    while status != .ok, ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(200))
                        status = try await client.execute(uri: "/readyz", method: .get).status
                    }
                    #expect(status == .ok)
                }
            }
        }
    }
}
