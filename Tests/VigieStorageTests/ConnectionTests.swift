import Foundation
import Testing
import VigieStorage
import VigieTestSupport

@Suite("Connection")
struct ConnectionTests {
    @Test("an unreachable server gives one line naming the address")
    func unreachable() async throws {
        let settings = ConnectionSettings(host: "127.0.0.1", port: 1, user: "nobody", password: "x", database: "none", sslMode: .disable)
        do {
            try await Database.withDatabase(settings, logger: TestDatabase.logger) { _ in }
            Issue.record("expected an error")
        } catch let error as StorageError {
            #expect(error.code == .unreachable)
            #expect(error.description.contains("127.0.0.1:1"))
            // Told from the socket error's code, not from its text.
            #expect(error.description.contains("connection refused"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("settings follow libpq: URL, then PG variables")
    func settingsFromEnvironment() throws {
        let url = try #require(try ConnectionSettings.fromEnvironment([
            "DATABASE_URL": "postgres://ann:s%40cret@db.example:6543/vigie?sslmode=require",
            "PGDATABASE": "other",
        ]))
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.user == "ann")
        #expect(url.password == "s@cret")
        #expect(url.database == "other")
        #expect(url.sslMode == .require)
        #expect(!url.description.contains("s@cret"))
        let pg = try #require(try ConnectionSettings.fromEnvironment(["PGHOST": "h", "PGPORT": "5433", "PGUSER": "u"]))
        #expect(pg.host == "h" && pg.port == 5433 && pg.user == "u" && pg.database == "u")
        #expect(try ConnectionSettings.fromEnvironment(["PGUSER": "u"]) == nil)
        #expect(throws: StorageError.self) { try ConnectionSettings.fromEnvironment(["PGHOST": "h", "PGPORT": "http"]) }
        #expect(throws: StorageError.self) { try ConnectionSettings(url: "mysql://x@y/z") }
    }
}
