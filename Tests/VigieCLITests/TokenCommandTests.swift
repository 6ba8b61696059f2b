import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

@Suite("vigie token")
struct TokenCommandTests {
    @Test("create with an expiry, list, refuse a taken name, revoke by name")
    func lifecycle() async throws {
        let settings = try await TestDatabase.fresh(label: "tokencli")
        let environment = settings.environment
        func vigie(_ arguments: [String]) throws -> CommandLineTests.Run {
            try CommandLineTests.vigie(["token"] + arguments, environment: environment)
        }
        let created = try vigie(["create", "--name", "ci", "--role", "steward", "--expires-in", "30d"])
        #expect(created.status == 0, "\(created.stderr)")
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("vg_"))

        let taken = try vigie(["create", "--name", "ci"])
        #expect(taken.status != 0)
        #expect(taken.stderr.contains("'ci' already exists"), "\(taken.stderr)")
        #expect(try vigie(["create", "--name", "x", "--expires-in", "soon"]).status != 0)

        let role = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await TokenStore(database).role(of: secret)
        }
        #expect(role == .steward)
        let listed = try vigie(["list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("last used") == true)
        let row = try #require(lines.first { $0.hasPrefix("ci ") }).split(separator: " ", omittingEmptySubsequences: true)
        #expect(row[1] == "steward")
        let expires = try #require(Timestamp.parse(String(row[3])))
        #expect(abs(expires.timeIntervalSinceNow - 30 * 86400) < 600)
        #expect(Timestamp.parse(String(row[4])) != nil)  // used just above
        #expect(row.last == "live")

        #expect(try vigie(["revoke", "ci"]).stdout.contains("revoked"))
        #expect(try vigie(["revoke", "ci"]).status != 0)
        #expect(try vigie(["list"]).stdout.split(separator: "\n").first { $0.hasPrefix("ci ") }?.hasSuffix("revoked") == true)
        try await TestDatabase.drop(settings)
    }
}
