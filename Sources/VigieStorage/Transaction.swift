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
        try await run("BEGIN", logger: logger)
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
