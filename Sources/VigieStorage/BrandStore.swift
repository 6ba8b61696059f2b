import Foundation
import Logging
import PostgresNIO
import VigieModel

/// The stored brands, with the revision each was last matched at.
public struct BrandSet: Sendable, Equatable {
    public var brands: [Brand]
    public var revisions: BrandRevisions
}

/// The highest brand revision and the number of brands. Two different brand sets never share
/// it: a brand added or changed later has a revision above every earlier one, so a set with
/// the same highest revision can only have lost brands, and then it has fewer.
public struct BrandGeneration: Sendable, Equatable {
    public var revision: Int64
    public var count: Int64
}

/// A brand stored by ``BrandStore/save(_:)``, and how many stored posts it queued for a
/// brand backfill (0 when neither the brand nor its query is new).
public struct SavedBrand: Sendable, Equatable {
    public var brand: Brand
    public var queuedPosts: Int
}

public struct BrandStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Inserts brands, or updates the query and aliases of those already known (by name, any case).
    @discardableResult
    public func upsert(_ brands: [Brand]) async throws -> [Brand] {
        try await save(brands).map(\.brand)
    }

    /// Inserts brands, or updates the query and aliases of those already known (by name, any
    /// case), in one transaction. A new brand, or a new query, gets a new revision and queues
    /// every post already classified for a backfill of that brand (``BrandBackfill``);
    /// aliases are names the API accepts, not part of matching, so changing them alone
    /// queues nothing.
    public func save(_ brands: [Brand]) async throws -> [SavedBrand] {
        let logger = database.logger
        return try await database.transaction { tx in
            try await BrandBackfill.lockExclusive(tx, logger: logger)
            var saved: [SavedBrand] = []
            for brand in brands {
                var existing: (id: Int64, query: String, aliases: [String])?
                for try await row in try await tx.query(
                    "SELECT id, query, aliases FROM brands WHERE lower(name) = lower(\(brand.name)) FOR UPDATE",
                    logger: logger
                ).decode((Int64, String, [String]).self) {
                    existing = row
                }
                let rows: PostgresRowSequence
                let queryChanged: Bool
                if let existing {
                    queryChanged = existing.query != brand.query
                    rows = try await tx.query(
                        """
                        UPDATE brands SET query = \(brand.query), aliases = \(brand.aliases)::text[],
                            updated_at = CASE WHEN (query, aliases) IS DISTINCT FROM (\(brand.query), \(brand.aliases)::text[])
                                              THEN now() ELSE updated_at END,
                            revision = CASE WHEN \(queryChanged) THEN nextval('brand_revisions') ELSE revision END
                        WHERE id = \(existing.id)
                        RETURNING id, name, query, aliases
                        """, logger: logger)
                } else {
                    queryChanged = true
                    rows = try await tx.query(
                        """
                        INSERT INTO brands (name, query, aliases) VALUES (\(brand.name), \(brand.query), \(brand.aliases)::text[])
                        RETURNING id, name, query, aliases
                        """, logger: logger)
                }
                for try await (id, name, query, aliases) in rows.decode((Int64, String, String, [String]).self) {
                    let queued = queryChanged ? try await BrandBackfill.enqueue(brand: id, tx, logger: logger) : 0
                    saved.append(SavedBrand(brand: Brand(id: id, name: name, query: query, aliases: aliases), queuedPosts: queued))
                }
            }
            return saved
        }
    }

    /// Removes the brand named `name` (any case) with its mentions, rollups and queued backfill;
    /// returns it, or nil when there is none.
    public func remove(_ name: String) async throws -> Brand? {
        let logger = database.logger
        return try await database.transaction { tx in
            try await BrandBackfill.lockExclusive(tx, logger: logger)
            // post_brands, brand_hourly and brand_backfill_queue follow by their foreign keys;
            // category_hourly has none (its brand 0 stands for all posts).
            let rows = try await tx.query(
                "DELETE FROM brands WHERE lower(name) = lower(\(name)) RETURNING id, name, query, aliases", logger: logger)
            var removed: Brand?
            for try await (id, name, query, aliases) in rows.decode((Int64, String, String, [String]).self) {
                removed = Brand(id: id, name: name, query: query, aliases: aliases)
            }
            if let id = removed?.id {
                try await tx.query("DELETE FROM category_hourly WHERE brand_id = \(id)", logger: logger)
            }
            return removed
        }
    }

    public func all() async throws -> [Brand] {
        try await current().brands
    }

    /// Every brand and its revision, read at once.
    public func current() async throws -> BrandSet {
        let rows = try await database.client.query(
            "SELECT id, name, query, aliases, revision FROM brands ORDER BY lower(name)", logger: database.logger)
        var set = BrandSet(brands: [], revisions: BrandRevisions(ids: [], revisions: []))
        for try await (id, name, query, aliases, revision) in rows.decode((Int64, String, String, [String], Int64).self) {
            set.brands.append(Brand(id: id, name: name, query: query, aliases: aliases))
            set.revisions.ids.append(id)
            set.revisions.revisions.append(revision)
        }
        return set
    }

    /// Changes whenever a brand is added, removed or given a new query (see ``BrandGeneration``):
    /// one cheap read a worker makes before each batch to know whether to reload the brands.
    public func generation() async throws -> BrandGeneration {
        let rows = try await database.client.query(
            "SELECT COALESCE(max(revision), 0)::int8, count(*)::int8 FROM brands", logger: database.logger)
        for try await (revision, count) in rows.decode((Int64, Int64).self) {
            return BrandGeneration(revision: revision, count: count)
        }
        return BrandGeneration(revision: 0, count: 0)
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
