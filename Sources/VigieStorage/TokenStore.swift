import Foundation
import Logging
import PostgresNIO
import VigieModel

/// API tokens. Tokens are shown once at creation; only their SHA-256 digest
/// (computed by the server) is stored.
public struct TokenStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Creates a token and returns its secret text, `vg_` followed by 40 random characters.
    public func create(name: String, role: Role) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let secret = "vg_" + String((0..<40).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        try await database.client.query(
            """
            INSERT INTO api_tokens (name, role, token_hash)
            VALUES (\(name), \(role.rawValue), sha256(convert_to(\(secret), 'UTF8')))
            """, logger: database.logger)
        return secret
    }

    /// The role of a valid, unrevoked token, or nil.
    public func role(of secret: String) async throws -> Role? {
        let rows = try await database.client.query(
            """
            SELECT role FROM api_tokens
            WHERE token_hash = sha256(convert_to(\(secret), 'UTF8')) AND revoked_at IS NULL
            """, logger: database.logger)
        for try await role in rows.decode(String.self) { return Role(rawValue: role) }
        return nil
    }

    public func revoke(name: String) async throws -> Int {
        let rows = try await database.client.query(
            """
            WITH revoked AS (
                UPDATE api_tokens SET revoked_at = now() WHERE name = \(name) AND revoked_at IS NULL RETURNING id
            ) SELECT count(*)::int8 FROM revoked
            """, logger: database.logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// A token as listed: its name, role and dates, never its secret or digest.
    public struct Token: Sendable, Equatable {
        public var name: String
        public var role: Role
        public var createdAt: Date
        public var revokedAt: Date?
    }

    /// Every token, revoked ones included, oldest first.
    public func list() async throws -> [Token] {
        let rows = try await database.client.query(
            "SELECT name, role, created_at, revoked_at FROM api_tokens ORDER BY created_at, id", logger: database.logger)
        var tokens: [Token] = []
        for try await (name, role, createdAt, revokedAt) in rows.decode((String, String, Date, Date?).self) {
            guard let role = Role(rawValue: role) else {
                throw StorageError(.query, "token \(name) has an unknown role '\(role)'")
            }
            tokens.append(Token(name: name, role: role, createdAt: createdAt, revokedAt: revokedAt))
        }
        return tokens
    }
}
