import Foundation
import Logging
import PostgresNIO
import VigieDigest
import VigieModel

/// API tokens. A token is shown once, at creation. Its SHA-256 digest is computed here, in
/// the process: only the digest is sent to PostgreSQL, so no statement, log line or
/// `pg_stat_statements` entry on the server can reveal a token. (Tokens are 256 random bits,
/// so a plain hash is enough: there is nothing to guess.)
///
/// Names are unique among live (unrevoked) tokens, so a token is revoked by its name.
public struct TokenStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// The digest stored for `secret`.
    static func digest(_ secret: String) -> [UInt8] { SHA256.digest(Array(secret.utf8)) }

    /// A new secret: `vg_` and 256 random bits in base64url (43 characters).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "vg_" + base64
    }

    /// Creates a token and returns its secret. Fails with a clear error if a live token
    /// already has this name.
    public func create(name: String, role: Role, expiresAt: Date? = nil) async throws -> String {
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
            throw StorageError(.badConfiguration, "a token name must be 1 to 100 characters on one line")
        }
        let secret = Self.newSecret()
        let digest = ByteBuffer(bytes: Self.digest(secret))
        let rows = try await database.client.query(
            """
            INSERT INTO api_tokens (name, role, token_hash, expires_at)
            VALUES (\(name), \(role.rawValue), \(digest), \(expiresAt))
            ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
            RETURNING id
            """, logger: database.logger)
        for try await _ in rows.decode(Int64.self) { return secret }
        throw StorageError(
            .badConfiguration, "a token named '\(name)' already exists: choose another name, or revoke it first")
    }

    /// Replaces the live token named `name`, if any, by a new one, in one statement; returns
    /// the new secret. For `vigie demo`, which keeps a single token of its own.
    public func replace(name: String, role: Role) async throws -> String {
        let secret = Self.newSecret()
        let digest = ByteBuffer(bytes: Self.digest(secret))
        try await database.client.query(
            """
            INSERT INTO api_tokens (name, role, token_hash) VALUES (\(name), \(role.rawValue), \(digest))
            ON CONFLICT (name) WHERE revoked_at IS NULL DO UPDATE
            SET role = excluded.role, token_hash = excluded.token_hash, created_at = now(),
                expires_at = NULL, last_used_at = NULL
            """, logger: database.logger)
        return secret
    }

    /// The role of a valid token (unrevoked, unexpired), or nil. Records its use, at most
    /// once a minute per token so that a busy client does not write on every request.
    public func role(of secret: String) async throws -> Role? {
        let digest = ByteBuffer(bytes: Self.digest(secret))
        let rows = try await database.client.query(
            """
            WITH valid AS (
                SELECT id, role, last_used_at FROM api_tokens
                WHERE token_hash = \(digest) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
            ), used AS (
                UPDATE api_tokens SET last_used_at = now() FROM valid
                WHERE api_tokens.id = valid.id
                  AND (valid.last_used_at IS NULL OR valid.last_used_at < now() - interval '1 minute')
            )
            SELECT role FROM valid
            """, logger: database.logger)
        for try await role in rows.decode(String.self) { return Role(rawValue: role) }
        return nil
    }

    /// Revokes the live token with this name; returns how many were revoked (0 or 1).
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
        public var expiresAt: Date?
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    /// Every token, revoked ones included, oldest first.
    public func list() async throws -> [Token] {
        let rows = try await database.client.query(
            "SELECT name, role, created_at, expires_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id",
            logger: database.logger)
        var tokens: [Token] = []
        for try await (name, role, createdAt, expiresAt, lastUsedAt, revokedAt)
            in rows.decode((String, String, Date, Date?, Date?, Date?).self)
        {
            guard let role = Role(rawValue: role) else {
                throw StorageError(.query, "token \(name) has an unknown role '\(role)'")
            }
            tokens.append(
                Token(name: name, role: role, createdAt: createdAt, expiresAt: expiresAt, lastUsedAt: lastUsedAt,
                      revokedAt: revokedAt))
        }
        return tokens
    }
}
