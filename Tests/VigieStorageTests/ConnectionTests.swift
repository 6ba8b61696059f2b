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
}
