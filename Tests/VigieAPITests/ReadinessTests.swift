import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieStorage
import VigieTestSupport

@Suite("Readiness under a flood of probes", .timeLimit(.minutes(3)))
struct ReadinessTests {
    @Test("a flood of /readyz is answered through the pool, without a connection per probe")
    func flood() async throws {
        try await TestDatabase.with(label: "readyz") { database in
            let before = try await Self.sessions(database)
            let app = Application(router: APIServer.router(database: database))
            let probes = 300
            let statuses = try await app.test(.live) { client in
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<probes {
                        group.addTask { try await client.execute(uri: "/readyz", method: .get).status }
                    }
                    var statuses: [HTTPResponse.Status] = []
                    for try await status in group { statuses.append(status) }
                    return statuses
                }
            }
            #expect(statuses.count == probes)
            #expect(statuses.allSatisfy { $0 == .ok }, "\(Set(statuses.map(\.code)))")
            // The pool holds at most 20 connections; a connection per probe would add 300.
            try await Task.sleep(for: .seconds(2))
            let opened = try await Self.sessions(database) - before
            print("\(probes) concurrent /readyz probes opened \(opened) database sessions")
            #expect(opened <= 25, "\(opened) sessions opened for \(probes) probes")
        }
    }

    /// Sessions ever opened on this database (PostgreSQL's statistics, flushed within a second).
    static func sessions(_ database: Database) async throws -> Int64 {
        let rows = try await database.client.query(
            "SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }
}
