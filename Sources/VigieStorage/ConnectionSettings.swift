import Foundation

/// Where and how to reach PostgreSQL, resolved by libpq's rules.
///
/// Each parameter is taken from the first of these that gives it:
/// 1. command-line flags (``Parameters`` built by the caller);
/// 2. `DATABASE_URL` (`postgres://user:password@host:port/database?sslmode=...`);
/// 3. the `PG*` variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`,
///    `PGSSLMODE`, `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT`, `PGAPPNAME`);
/// 4. the password file (`PGPASSFILE`, else `~/.pgpass`), for the password only;
/// 5. libpq's defaults: port 5432, the login name as user, the user name as database.
///
/// A host starting with `/` is the folder of a Unix-domain socket, as in libpq
/// (`PGHOST=/var/run/postgresql`). When neither a URL nor a host is given, no server is
/// configured and Vigie uses its local cluster (see ``LocalCluster``).
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode`. `allow` and `prefer` try TLS and fall back to a plain connection;
    /// `require` insists on TLS but, as in libpq, does not verify the certificate;
    /// `verify-ca` checks the chain against `sslrootcert`; `verify-full` also the host name.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"

        /// Whether the server's certificate is checked against trusted roots.
        public var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// Trusted roots for `verify-ca` and `verify-full`: a PEM file, or `system` for the
    /// system's store. libpq's default, `~/.postgresql/root.crt`, is used when it exists.
    public var sslRootCert: String?
    /// Seconds to wait for a connection; libpq waits forever when unset or 0, Vigie 10 s.
    public var connectTimeout: Int
    /// Reported in `pg_stat_activity.application_name`.
    public var applicationName: String
    /// Timeouts and keepalives every connection sets (see ``SessionLimits``).
    public var sessionLimits: SessionLimits = .standard

    public init(
        host: String = "localhost", port: Int = 5432, user: String, password: String? = nil,
        database: String? = nil, sslMode: SSLMode = .prefer, sslRootCert: String? = nil,
        connectTimeout: Int = ConnectionSettings.defaultConnectTimeout, applicationName: String = "vigie"
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database ?? user
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    public static let defaultConnectTimeout = 10

    /// Whether `host` names the folder of a Unix-domain socket rather than a TCP host.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq connects to for a socket folder: `HOST/.s.PGSQL.PORT`.
    public var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// The address tried, for error messages; never includes the password.
    public var description: String {
        isUnixSocket ? "\(user)@\(unixSocketPath)/\(database)" : "\(user)@\(host):\(port)/\(database)"
    }

    /// Parses a `postgres://` or `postgresql://` URL (see ``Parameters/init(url:)``) and fills the
    /// rest from libpq's defaults only, without the environment.
    public init(url text: String) throws {
        guard let settings = try Self.resolve(Parameters(url: text), environment: [:], passwordFile: nil) else {
            throw StorageError.badConfiguration("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        self = settings
    }

    /// Settings from the environment alone, or nil when it names no server
    /// (neither `DATABASE_URL` nor `PGHOST` is set).
    public static func fromEnvironment(_ env: [String: String]) throws -> ConnectionSettings? {
        try resolve(Parameters(), environment: env)
    }

    /// libpq's resolution: `flags` over `DATABASE_URL` over the `PG*` variables over the
    /// password file over the defaults. nil when no server is named (no URL and no host).
    ///
    /// - Parameter passwordFile: where to look for a password when none is given; by
    ///   default `PGPASSFILE`, else `~/.pgpass` in `HOME`. nil turns the lookup off.
    public static func resolve(
        _ flags: Parameters, environment env: [String: String], passwordFile: String?? = .none
    ) throws -> ConnectionSettings? {
        var parameters = flags
        var named = flags.host != nil || flags.isURL
        if !flags.isURL, let url = env["DATABASE_URL"], !url.isEmpty {
            parameters.fill(from: try Parameters(url: url))
            named = true
        }
        let fromEnvironment = try Parameters(environment: env)
        named = named || fromEnvironment.host != nil
        guard named else { return nil }
        parameters.fill(from: fromEnvironment)

        let user = parameters.user ?? currentUserName(env)
        var settings = ConnectionSettings(
            host: parameters.host ?? defaultHost(), port: parameters.port ?? 5432, user: user,
            password: parameters.password, database: parameters.database ?? user,
            sslMode: parameters.sslMode ?? .prefer, sslRootCert: parameters.sslRootCert,
            connectTimeout: parameters.connectTimeout ?? defaultConnectTimeout,
            applicationName: parameters.applicationName ?? "vigie")
        if settings.password == nil {
            let file: String?
            switch passwordFile {
            case .none: file = defaultPasswordFile(env)
            case .some(let given): file = given
            }
            if let file, let found = PasswordFile.lookup(path: file, for: settings) { settings.password = found }
        }
        if settings.sslMode.verifiesCertificate && settings.sslRootCert == nil, let home = env["HOME"] {
            let root = home + "/.postgresql/root.crt"
            if FileManager.default.fileExists(atPath: root) { settings.sslRootCert = root }
        }
        return settings
    }

    /// `PGPASSFILE`, else `~/.pgpass`.
    static func defaultPasswordFile(_ env: [String: String]) -> String? {
        if let file = env["PGPASSFILE"], !file.isEmpty { return file }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.pgpass"
    }

    /// libpq's default host: the socket folder of Debian's server when it exists, else
    /// `/tmp` as upstream libpq; `localhost` where neither exists.
    static func defaultHost() -> String {
        for folder in ["/var/run/postgresql", "/tmp"] where FileManager.default.fileExists(atPath: folder) {
            return folder
        }
        return "localhost"
    }

    static func currentUserName(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let user = env["USER"], !user.isEmpty { return user }
        return NSUserName()
    }
}
