import Foundation
import PostgresNIO
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

@Suite("API tokens")
struct TokenStoreTests {
    @Test("only the digest reaches the server: a token never shows in its log, even logging every statement")
    func secretStaysInProcess() async throws {
        try await TemporaryCluster.with { cluster, settings in
            try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
                try await database.client.query("ALTER SYSTEM SET log_statement = 'all'", logger: TestDatabase.logger)
                try await database.client.query("SELECT pg_reload_conf()", logger: TestDatabase.logger)
            }
            try await Task.sleep(for: .milliseconds(500))
            let secret = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                let tokens = TokenStore(database)
                let secret = try await tokens.create(name: "logged", role: .admin)
                #expect(try await tokens.role(of: secret) == .admin)
                #expect(try await tokens.role(of: secret + "x") == nil)
                return secret
            }
            let log = try String(contentsOf: cluster.logFile, encoding: .utf8)
            // The statements were logged with their parameters (the name): the checks below could fail.
            #expect(log.contains("INSERT INTO api_tokens"))
            #expect(log.contains("'logged'"))
            #expect(!log.contains(secret))
            #expect(!log.contains(String(secret.dropFirst(3))))
        }
    }

    @Test("a token's secret is vg_ and 256 random bits")
    func secretShape() async throws {
        try await TestDatabase.with { database in
            let a = try await TokenStore(database).create(name: "a", role: .reader)
            let b = try await TokenStore(database).create(name: "b", role: .reader)
            #expect(a.hasPrefix("vg_") && a.count == 3 + 43)
            #expect(a != b)
        }
    }

    @Test("names are unique among live tokens; revoking frees the name; revoke is by name")
    func uniqueNames() async throws {
        try await TestDatabase.with { database in
            let tokens = TokenStore(database)
            let first = try await tokens.create(name: "ci", role: .reader)
            await #expect(throws: StorageError.self) { try await tokens.create(name: "ci", role: .admin) }
            do {
                _ = try await tokens.create(name: "ci", role: .admin)
            } catch let error as StorageError {
                #expect(error.description.contains("'ci' already exists"))
            }
            #expect(try await tokens.revoke(name: "ci") == 1)
            #expect(try await tokens.revoke(name: "ci") == 0)
            #expect(try await tokens.role(of: first) == nil)
            let second = try await tokens.create(name: "ci", role: .steward)
            #expect(try await tokens.role(of: second) == .steward)
            let listed = try await tokens.list().filter { $0.name == "ci" }
            #expect(listed.count == 2)
            #expect(listed.filter { $0.revokedAt == nil }.map(\.role) == [.steward])
        }
    }

    @Test("an expired token has no role; the list shows expiry and last use")
    func expiryAndLastUse() async throws {
        try await TestDatabase.with { database in
            let tokens = TokenStore(database)
            let expired = try await tokens.create(name: "old", role: .admin, expiresAt: Date().addingTimeInterval(-1))
            let expiry = Date().addingTimeInterval(86400)
            let live = try await tokens.create(name: "new", role: .reader, expiresAt: expiry)
            #expect(try await tokens.role(of: expired) == nil)
            var listed = try await tokens.list()
            #expect(listed.allSatisfy { $0.lastUsedAt == nil })
            #expect(try await tokens.role(of: live) == .reader)
            listed = try await tokens.list()
            let new = try #require(listed.first { $0.name == "new" })
            let old = try #require(listed.first { $0.name == "old" })
            #expect(abs((new.expiresAt ?? .distantPast).timeIntervalSince(expiry)) < 0.01)
            #expect(abs((new.lastUsedAt ?? .distantPast).timeIntervalSinceNow) < 60)
            #expect(old.lastUsedAt == nil)
        }
    }

    @Test("replace keeps one token of that name: the earlier secret stops working")
    func replace() async throws {
        try await TestDatabase.with { database in
            let tokens = TokenStore(database)
            let first = try await tokens.replace(name: "demo", role: .reader)
            let second = try await tokens.replace(name: "demo", role: .reader)
            #expect(try await tokens.role(of: first) == nil)
            #expect(try await tokens.role(of: second) == .reader)
            #expect(try await tokens.list().filter { $0.name == "demo" }.count == 1)
        }
    }
}
