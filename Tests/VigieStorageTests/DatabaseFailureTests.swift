import Foundation
import PostgresNIO
import Testing
import VigieStorage
import VigieTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("Database failures")
struct DatabaseFailureTests {
    @Test("SQLSTATE codes are classified by code, then by class")
    func sqlStates() {
        let cases: [(String, DatabaseFailure)] = [
            ("40001", .transient), ("40P01", .transient), ("55P03", .transient), ("57014", .transient),
            ("57P01", .unavailable), ("57P02", .unavailable), ("57P03", .unavailable),
            ("08000", .unavailable), ("08006", .unavailable), ("53300", .unavailable), ("53100", .unavailable),
            ("23505", .constraint), ("23503", .constraint), ("23514", .constraint),
            ("42P01", .other), ("22012", .other), ("XX000", .other), ("57P04", .other), ("", .other),
        ]
        for (state, expected) in cases {
            #expect(DatabaseFailure.classify(sqlState: state) == expected, "\(state)")
        }
    }

    @Test("client errors are classified by type and code, not by message")
    func clientErrors() {
        let codes: [(PSQLError.Code, DatabaseFailure)] = [
            (.serverClosedConnection, .unavailable), (.clientClosedConnection, .unavailable),
            (.connectionError, .unavailable), (.uncleanShutdown, .unavailable), (.poolClosed, .unavailable),
            (.queryCancelled, .transient), (.tooManyParameters, .other), (.messageDecodingFailure, .other),
        ]
        for (code, expected) in codes {
            #expect(DatabaseFailure.classify(code: code) == expected, "\(code)")
        }
        struct Unknown: Error {}
        let errors: [(any Error, DatabaseFailure)] = [
            (ChannelError.connectTimeout(.seconds(5)), .unavailable),
            (ChannelError.ioOnClosedChannel, .unavailable),
            (IOError(errnoCode: ECONNREFUSED, reason: "connect"), .unavailable),
            (DeadlineExceeded(timeout: .seconds(1)), .unavailable),
            (StorageError(.unreachable, "down"), .unavailable),
            (StorageError(.connectionLost, "gone"), .unavailable),
            (StorageError(.versionMismatch, "v2"), .other),
            (Unknown(), .other),
        ]
        for (error, expected) in errors {
            #expect(DatabaseFailure.classify(error) == expected, "\(error)")
        }
        #expect(DatabaseFailure.transient.isRetryable && DatabaseFailure.unavailable.isRetryable)
        #expect(!DatabaseFailure.constraint.isRetryable && !DatabaseFailure.other.isRetryable)
    }

    @Test("the real server's errors: a broken constraint, a serialization failure, a bad query")
    func serverErrors() async throws {
        try await TestDatabase.with { database in
            try await database.client.query("INSERT INTO brands (name, query) VALUES ('Acme', 'acme')")
            await Self.expect(.constraint) {
                try await database.client.query("INSERT INTO brands (name, query) VALUES ('ACME', 'other')")
            }
            await Self.expect(.other) { try await database.client.query("SELECT 1 / 0") }
            await Self.expect(.other) { try await database.client.query("SELECT * FROM no_such_table") }
            // A REPEATABLE READ transaction that updates a row changed since its snapshot.
            try await database.client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: TestDatabase.logger)
                try await connection.query("SELECT count(*) FROM brands", logger: TestDatabase.logger)
                try await database.client.query("UPDATE brands SET query = 'changed'")
                await Self.expect(.transient) {
                    try await connection.query("UPDATE brands SET query = 'mine'", logger: TestDatabase.logger)
                }
                try await connection.query("ROLLBACK", logger: TestDatabase.logger)
            }
        }
    }

    @Test("a stopped server is unavailable, to the pool and to a new connection")
    func stoppedServer() async throws {
        try await TemporaryCluster.with { cluster, settings in
            try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
                try await database.client.query("SELECT 1")
                _ = try cluster.stop()
                // The pool holds a request while it cannot connect: the deadline ends the wait.
                await Self.expect(.unavailable) {
                    try await withDeadline(.seconds(10)) { _ = try await database.client.query("SELECT 1") }
                }
                await Self.expect(.unavailable) { try await database.ping() }
            }
        }
    }

    static func expect(
        _ expected: DatabaseFailure, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected a \(expected) failure", sourceLocation: sourceLocation)
        } catch {
            #expect(DatabaseFailure.classify(error) == expected, "\(String(reflecting: error))", sourceLocation: sourceLocation)
        }
    }
}
