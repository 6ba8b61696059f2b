import Logging
import PostgresNIO

extension Database {
    /// Runs `body` in a transaction on a pooled connection and commits it (see
    /// ``PostgresNIO/PostgresConnection/transaction(logger:_:)``).
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await connection.transaction(logger: logger, body)
        }
    }

    /// Runs `body` in one `REPEATABLE READ READ ONLY` transaction: every read made through
    /// the ``Snapshot`` sees the database as it was at the first of them, whatever other
    /// transactions commit meanwhile, so figures read one after another agree.
    public func snapshot<T: Sendable>(_ body: (Snapshot) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await connection.transaction(.snapshot, logger: logger) { tx in
                try await body(Snapshot(connection: tx, logger: logger))
            }
        }
    }
}

/// One read-only transaction at REPEATABLE READ, opened by ``Database/snapshot(_:)``.
/// Stores made from it (``TrendStore``) read through it.
public struct Snapshot: Sendable {
    let connection: PostgresConnection
    let logger: Logger
}

/// Where a store's reads go: the pool, or one connection inside a transaction.
enum Reads: Sendable {
    case pool(PostgresClient)
    case connection(PostgresConnection)

    func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        switch self {
        case .pool(let client): return try await client.query(query, logger: logger)
        case .connection(let connection): return try await connection.query(query, logger: logger)
        }
    }
}

/// How a transaction begins.
enum TransactionMode: String {
    case readWrite = "BEGIN"
    case snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
}

extension PostgresConnection {
    /// Runs `body` in a transaction on this connection and commits it; errors reach the
    /// caller as they were thrown.
    ///
    /// Unlike PostgresNIO's `withTransaction`, it never sends a query on a connection that
    /// has closed: PostgresNIO 1.33 leaves such a query waiting forever, so a worker that
    /// tried to roll back after a crash of the server would never retry. A closed connection
    /// needs no rollback (the server discards what it left open); the error goes to the
    /// caller, whose retry gets a new connection.
    public func transaction<T>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction(.readWrite, logger: logger, body)
    }

    func transaction<T>(
        _ mode: TransactionMode, logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await run(mode.rawValue, logger: logger)
        let value: T
        do {
            value = try await body(self)
        } catch {
            if !isClosed {
                _ = try? await query("ROLLBACK", logger: logger)
            }
            throw error
        }
        try await run("COMMIT", logger: logger)
        return value
    }

    /// Throws instead of sending anything when the connection has closed (see
    /// ``transaction(logger:_:)``). Call it before a query that follows client-side work.
    public func ensureOpen() throws {
        if isClosed { throw StorageError(.connectionLost, "the connection to PostgreSQL was lost") }
    }

    /// A statement without parameters, refused on a closed connection.
    func run(_ sql: String, logger: Logger) async throws {
        try ensureOpen()
        try await query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
