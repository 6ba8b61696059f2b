import Foundation
import Logging
import PostgresNIO
import VigieModel

/// The sources a collector watches: added, listed, paused, resumed and removed by
/// `vigie source` and the admin API. Leases and fetch outcomes are ``SourceLeases``'s.
public struct SourceStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// What ``remove(_:)`` did.
    public enum Removal: Sendable, Equatable {
        /// The source had no posts and no lease: its row is gone.
        case deleted
        /// The source keeps its posts (or a worker holds it): it is marked removed and never
        /// collected again.
        case retired
    }

    /// Adds a collected source, due at once. Throws ``StorageError/Code/invalidInput`` for a
    /// kind that is not collected, an empty name or a non-positive interval, and
    /// ``StorageError/Code/conflict`` when the name is taken (by a removed source too).
    public func add(
        name: String, kind: SourceKind, url: String?, options: [String: String] = [:], intervalSeconds: Int = 900
    ) async throws -> Source {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StorageError(.invalidInput, "a source needs a name") }
        guard kind.isCollected else {
            throw StorageError(.invalidInput, "sources of kind '\(kind.rawValue)' are filled by imports, not collected")
        }
        guard intervalSeconds > 0 else {
            throw StorageError(.invalidInput, "a source's interval must be positive, not \(intervalSeconds) s")
        }
        let rows = try await database.client.query(
            """
            INSERT INTO sources AS s (name, kind, url, options, interval_seconds)
            VALUES (\(name), \(kind.rawValue), \(url), \(try SourceRow.json(options))::jsonb, \(intervalSeconds))
            ON CONFLICT (name) DO NOTHING
            RETURNING \(unescaped: SourceRow.columns)
            """, logger: database.logger)
        guard let source = try await SourceRow.sources(rows).first else {
            throw StorageError(.conflict, "a source named '\(name)' already exists")
        }
        return source
    }

    /// Every source by name, removed ones only when asked.
    public func list(includeRemoved: Bool = false) async throws -> [Source] {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: SourceRow.columns) FROM sources s
            WHERE \(includeRemoved) OR s.removed_at IS NULL
            ORDER BY s.name
            """, logger: database.logger)
        return try await SourceRow.sources(rows)
    }

    public func source(named name: String) async throws -> Source? {
        let rows = try await database.client.query(
            "SELECT \(unescaped: SourceRow.columns) FROM sources s WHERE s.name = \(name)", logger: database.logger)
        return try await SourceRow.sources(rows).first
    }

    public func source(id: Int64) async throws -> Source? {
        let rows = try await database.client.query(
            "SELECT \(unescaped: SourceRow.columns) FROM sources s WHERE s.id = \(id)", logger: database.logger)
        return try await SourceRow.sources(rows).first
    }

    /// Stops collecting a source. One without posts and not held by a worker is deleted; any
    /// other is marked removed and keeps its posts. Nil when there is no such live source.
    public func remove(_ id: Int64) async throws -> Removal? {
        let logger = database.logger
        return try await database.transaction { tx in
            // The row lock makes a concurrent insert of the source's first post wait (its
            // foreign key check needs a KEY SHARE lock): no post appears between check and delete.
            let rows = try await tx.query(
                """
                SELECT EXISTS (SELECT 1 FROM posts p WHERE p.source_id = s.id) OR s.lease_owner IS NOT NULL
                FROM sources s WHERE s.id = \(id) AND s.removed_at IS NULL
                FOR UPDATE
                """, logger: logger)
            var keep: Bool?
            for try await value in rows.decode(Bool.self) { keep = value }
            guard let keep else { return nil }
            if keep {
                try await tx.query("UPDATE sources SET removed_at = now() WHERE id = \(id)", logger: logger)
                return .retired
            }
            try await tx.query("DELETE FROM sources WHERE id = \(id)", logger: logger)
            return .deleted
        }
    }

    /// Stops collecting a source until ``resume(_:)``; returns it, nil if there is no such live source.
    @discardableResult
    public func pause(_ id: Int64) async throws -> Source? {
        try await update(id, "paused = true")
    }

    /// Collects a paused source again, due at once.
    @discardableResult
    public func resume(_ id: Int64) async throws -> Source? {
        try await update(id, "paused = false, next_fetch_at = now()")
    }

    /// Stores a new URL (a permanent redirect, a discovered feed).
    @discardableResult
    public func setURL(_ url: String, for id: Int64) async throws -> Source? {
        let rows = try await database.client.query(
            """
            UPDATE sources s SET url = \(url) WHERE s.id = \(id) AND s.removed_at IS NULL
            RETURNING \(unescaped: SourceRow.columns)
            """, logger: database.logger)
        return try await SourceRow.sources(rows).first
    }

    /// `assignments` is a constant of this file, never user input.
    private func update(_ id: Int64, _ assignments: StaticString) async throws -> Source? {
        let rows = try await database.client.query(
            """
            UPDATE sources s SET \(unescaped: "\(assignments)") WHERE s.id = \(id) AND s.removed_at IS NULL
            RETURNING \(unescaped: SourceRow.columns)
            """, logger: database.logger)
        return try await SourceRow.sources(rows).first
    }
}
