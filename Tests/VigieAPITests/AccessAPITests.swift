import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieModel
import VigieStorage
import VigieTestSupport

@Suite("API roles and tokens")
struct AccessAPITests {
    @Test("a role below the route's gets a 403; an admin lists tokens without their secrets")
    func roles() async throws {
        try await APIHarness.withAPI { client, database, reader in
            let tokens = TokenStore(database)
            let steward = try await tokens.create(name: "steward", role: .steward)
            let admin = try await tokens.create(name: "admin", role: .admin)
            for secret in [reader, steward] {
                try APIHarness.expectProblem(
                    try await client.execute(uri: "/v1/tokens", method: .get, headers: [.authorization: "Bearer \(secret)"]),
                    status: .forbidden, type: Problem.Kind.forbidden.type, mentioning: "admin")
            }
            // Roles include the ones below them: an admin reads trends too.
            let trends = try await client.execute(
                uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(trends.status == .ok)

            let listed = try await client.execute(uri: "/v1/tokens", method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(listed.status == .ok)
            let text = String(buffer: listed.body)
            for secret in [reader, steward, admin] { #expect(!text.contains(secret)) }
            let entries = try #require(try APIHarness.json(listed)["tokens"] as? [[String: Any]])
            let roles = Dictionary(uniqueKeysWithValues: entries.map { ($0["name"] as? String ?? "", $0["role"] as? String) })
            #expect(roles == ["test": "reader", "steward": "steward", "admin": "admin"])
            #expect(entries.allSatisfy { ($0["created_at"] as? String).flatMap(Timestamp.parse) != nil })
        }
    }

    @Test("a revoked token gets a 401, and the listing shows when it was revoked")
    func revoked() async throws {
        try await APIHarness.withAPI { client, database, reader in
            let auth: HTTPFields = [.authorization: "Bearer \(reader)"]
            #expect(try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: auth).status == .ok)
            #expect(try await TokenStore(database).revoke(name: "test") == 1)
            let refused = try await client.execute(uri: "/v1/trends?brand=acme", method: .get, headers: auth)
            try APIHarness.expectProblem(refused, status: .unauthorized, type: Problem.Kind.unauthenticated.type)
            #expect(refused.headers[.wwwAuthenticate] == "Bearer")
            let anonymous = try await client.execute(uri: "/v1/trends?brand=acme", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")

            let admin = try await TokenStore(database).create(name: "admin", role: .admin)
            let listed = try await client.execute(uri: "/v1/tokens", method: .get, headers: [.authorization: "Bearer \(admin)"])
            let entries = try #require(try APIHarness.json(listed)["tokens"] as? [[String: Any]])
            let revoked = try #require(entries.first { $0["name"] as? String == "test" })
            #expect((revoked["revoked_at"] as? String).flatMap(Timestamp.parse) != nil)
            // The reader was used before it was revoked; the admin token was just used.
            #expect((revoked["last_used_at"] as? String).flatMap(Timestamp.parse) != nil)
        }
    }

    @Test("an expired token gets a 401 with WWW-Authenticate: Bearer")
    func expired() async throws {
        try await APIHarness.withAPI { client, database, _ in
            let expired = try await TokenStore(database).create(
                name: "short", role: .reader, expiresAt: Date().addingTimeInterval(-60))
            let response = try await client.execute(
                uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer \(expired)"])
            try APIHarness.expectProblem(response, status: .unauthorized, type: Problem.Kind.unauthenticated.type)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }
}
