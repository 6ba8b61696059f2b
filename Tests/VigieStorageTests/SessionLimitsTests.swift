import Foundation
import PostgresNIO
import Testing
import VigieStorage
import VigieTestSupport

@Suite("Session limits")
struct SessionLimitsTests {
    @Test("every pooled connection sets the timeouts and keepalives")
    func limitsAreSet() async throws {
        let limits = SessionLimits(statementTimeout: 7, lockTimeout: 3, idleInTransactionTimeout: 5)
        let shown = try await withEmptyDatabase(limits: limits) { database in
            let rows = try await database.client.query(
                """
                SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),
                       current_setting('idle_in_transaction_session_timeout'), current_setting('tcp_keepalives_idle')
                """)
            var values: [String] = []
            for try await (statement, lock, idle, keepalive) in rows.decode((String, String, String, String).self) {
                values = [statement, lock, idle, keepalive]
            }
            return values
        }
        // The test cluster listens on loopback TCP, so the keepalive applies.
        #expect(shown == ["7s", "3s", "5s", "60"])
    }

    @Test("a statement over the limit is cancelled")
    func statementTimeout() async throws {
        let limits = SessionLimits(statementTimeout: 1, lockTimeout: 1, idleInTransactionTimeout: 1)
        // Timed from the query on: creating the database may be slow on a busy machine.
        let waited = try await withEmptyDatabase(limits: limits) { database in
            try await database.client.withConnection { connection in
                let started = ContinuousClock.now
                await #expect(throws: PSQLError.self) {
                    for try await _ in try await connection.query("SELECT pg_sleep(30)", logger: TestDatabase.logger) {}
                }
                return ContinuousClock.now - started
            }
        }
        #expect(waited < .seconds(15))
    }

    @Test("a transaction left idle is ended by the server")
    func idleInTransaction() async throws {
        let limits = SessionLimits(statementTimeout: 0, lockTimeout: 0, idleInTransactionTimeout: 1)
        let closed = try await withEmptyDatabase(limits: limits) { database in
            try await database.client.withConnection { connection in
                try await connection.query("BEGIN", logger: TestDatabase.logger)
                try await Task.sleep(for: .seconds(3))
                // No query on it: PostgresNIO 1.33 would wait forever on a closed connection.
                return connection.isClosed
            }
        }
        #expect(closed)
    }
}
