import Foundation
import Logging
import PostgresNIO
import VigieModel

public struct BrandStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Inserts brands, or updates the query and aliases of those already known (by name, any case).
    @discardableResult
    public func upsert(_ brands: [Brand]) async throws -> [Brand] {
        var stored: [Brand] = []
        for brand in brands {
            let rows = try await database.client.query(
                """
                INSERT INTO brands (name, query, aliases) VALUES (\(brand.name), \(brand.query), \(brand.aliases)::text[])
                ON CONFLICT (lower(name)) DO UPDATE
                    SET query = excluded.query, aliases = excluded.aliases, updated_at = now()
                    WHERE (brands.query, brands.aliases) IS DISTINCT FROM (excluded.query, excluded.aliases)
                RETURNING id, name, query, aliases
                """, logger: database.logger)
            var found = false
            for try await (id, name, query, aliases) in rows.decode((Int64, String, String, [String]).self) {
                stored.append(Brand(id: id, name: name, query: query, aliases: aliases))
                found = true
            }
            if !found, let existing = try await find(brand.name) { stored.append(existing) }
        }
        return stored
    }

    public func all() async throws -> [Brand] {
        let rows = try await database.client.query(
            "SELECT id, name, query, aliases FROM brands ORDER BY lower(name)", logger: database.logger)
        var result: [Brand] = []
        for try await (id, name, query, aliases) in rows.decode((Int64, String, String, [String]).self) {
            result.append(Brand(id: id, name: name, query: query, aliases: aliases))
        }
        return result
    }

    /// Finds a brand by id (digits), by name or by alias, ignoring case.
    public func find(_ key: String) async throws -> Brand? {
        let id = Int64(key) ?? -1
        let rows = try await database.client.query(
            """
            SELECT id, name, query, aliases FROM brands
            WHERE id = \(id) OR lower(name) = lower(\(key))
               OR EXISTS (SELECT 1 FROM unnest(aliases) AS a WHERE lower(a) = lower(\(key)))
            ORDER BY (id = \(id)) DESC, (lower(name) = lower(\(key))) DESC
            LIMIT 1
            """, logger: database.logger)
        for try await (id, name, query, aliases) in rows.decode((Int64, String, String, [String]).self) {
            return Brand(id: id, name: name, query: query, aliases: aliases)
        }
        return nil
    }
}
