import Logging
import PostgresNIO

/// What stewards have erased and must never be stored again: a post's content fingerprint,
/// its canonical URL (the raw URL is checked too), or an author's handle, compared exactly.
///
/// Every insert is checked against them (``PostStore/insert(_:sourceKind:)``, hence imports
/// and collectors alike), in the transaction that stores the posts: a suppression committed
/// before that transaction's check is honoured.
public struct Suppressions: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case fingerprint, url, author
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Adds a suppression; adding one that exists changes nothing. Returns whether it is new.
    @discardableResult
    public func add(_ kind: Kind, _ value: String, reason: String? = nil, by steward: String? = nil) async throws -> Bool {
        let rows = try await database.client.query(
            """
            INSERT INTO suppressions (kind, value, reason, created_by)
            VALUES (\(kind.rawValue), \(value), \(reason), \(steward))
            ON CONFLICT (kind, value) DO NOTHING
            RETURNING id
            """, logger: database.logger)
        for try await _ in rows { return true }
        return false
    }
}
