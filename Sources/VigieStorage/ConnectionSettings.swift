import Foundation

/// Where and how to reach PostgreSQL, resolved the way libpq does it.
///
/// Sources, later ones winning:
/// 1. `DATABASE_URL` (`postgres://user:password@host:port/database?sslmode=...`)
/// 2. `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`
/// 3. command-line flags (applied by the caller with ``overriding(with:)``)
///
/// When none of them names a server, Vigie uses its local cluster (see ``LocalCluster``).
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    public init(
        host: String = "localhost", port: Int = 5432, user: String, password: String? = nil,
        database: String? = nil, sslMode: SSLMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database ?? user
        self.sslMode = sslMode
    }

    /// The address tried, for error messages; never includes the password.
    public var description: String {
        "\(user)@\(host):\(port)/\(database)"
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw StorageError.badConfiguration("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let user = components.percentEncodedUser?.removingPercentEncoding ?? ConnectionSettings.currentUserName()
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        var sslMode = SSLMode.prefer
        if let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            sslMode = try Self.parseSSLMode(mode)
        }
        self.init(
            host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost",
            port: components.port ?? 5432,
            user: user,
            password: components.percentEncodedPassword?.removingPercentEncoding,
            database: database.isEmpty ? nil : database.removingPercentEncoding,
            sslMode: sslMode)
    }

    /// Settings from the environment, or nil when it names no server
    /// (neither `DATABASE_URL` nor `PGHOST` is set).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionSettings? {
        var settings: ConnectionSettings
        if let url = env["DATABASE_URL"], !url.isEmpty {
            settings = try ConnectionSettings(url: url)
        } else if let host = env["PGHOST"], !host.isEmpty {
            settings = ConnectionSettings(host: host, user: env["PGUSER"] ?? currentUserName())
        } else {
            return nil
        }
        try settings.apply(
            host: env["PGHOST"], port: env["PGPORT"], user: env["PGUSER"], password: env["PGPASSWORD"],
            database: env["PGDATABASE"], sslMode: env["PGSSLMODE"])
        return settings
    }

    /// Applies the non-empty values given, as flags override the environment.
    public mutating func apply(
        host: String? = nil, port: String? = nil, user: String? = nil, password: String? = nil,
        database: String? = nil, sslMode: String? = nil
    ) throws {
        if let host, !host.isEmpty { self.host = host }
        if let port, !port.isEmpty {
            guard let value = Int(port), (1...65535).contains(value) else {
                throw StorageError.badConfiguration("port '\(port)' is not a number between 1 and 65535")
            }
            self.port = value
        }
        if let user, !user.isEmpty { self.user = user }
        if let password, !password.isEmpty { self.password = password }
        if let database, !database.isEmpty { self.database = database }
        if let sslMode, !sslMode.isEmpty { self.sslMode = try Self.parseSSLMode(sslMode) }
    }

    static func parseSSLMode(_ text: String) throws -> SSLMode {
        switch text.lowercased() {
        case "disable", "allow": return .disable
        case "prefer": return .prefer
        case "require", "verify-ca", "verify-full": return .require
        default:
            throw StorageError.badConfiguration("sslmode '\(text)' is not one of disable, prefer, require")
        }
    }

    static func currentUserName() -> String {
        ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    }
}
