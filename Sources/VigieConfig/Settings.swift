/// Every setting Vigie reads, in one table. A command never reads the environment
/// itself: it asks a ``Configuration`` for one of these.
///
/// Precedence, highest first: the command-line flag, the environment variable, the file
/// named by `KEY_FILE` (secrets only), the default. The PostgreSQL settings then combine as
/// libpq's do (see `ConnectionSettings`): `DATABASE_URL` first, `PG*` for what it leaves out.
public enum Settings {
    // MARK: Database

    public static let databaseURL = Setting(
        "DATABASE_URL", flag: "database-url", secret: true, check: .postgresURL,
        "PostgreSQL URL, postgres://user:password@host:port/database?sslmode=...; the password is masked when printed. Each parameter it gives beats the PG* variable.")
    public static let pgHost = Setting(
        "PGHOST", flag: "pghost", "PostgreSQL server host, or the folder of its Unix socket (/var/run/postgresql).")
    public static let pgPort = Setting(
        "PGPORT", flag: "pgport", default: "5432", check: .port, "PostgreSQL server port.")
    public static let pgUser = Setting(
        "PGUSER", flag: "pguser", defaultDescription: "the login name", "PostgreSQL user name.")
    public static let pgPassword = Setting(
        "PGPASSWORD", secret: true, "PostgreSQL password (never a flag: it would show in the process list).")
    public static let pgDatabase = Setting(
        "PGDATABASE", flag: "pgdatabase", defaultDescription: "the user name", "PostgreSQL database name.")
    public static let pgSSLMode = Setting(
        "PGSSLMODE", default: "prefer",
        check: .oneOf(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]),
        "TLS to the server, as libpq's sslmode: prefer and require encrypt without checking the certificate, verify-ca and verify-full check it.")
    public static let pgSSLRootCert = Setting(
        "PGSSLROOTCERT", defaultDescription: "~/.postgresql/root.crt",
        "Trusted roots for verify-ca and verify-full: a PEM file, or 'system' for the system's store.")
    public static let pgConnectTimeout = Setting(
        "PGCONNECT_TIMEOUT", default: "10", check: .integer, "Seconds to wait for a connection (0: a day).")
    public static let pgAppName = Setting(
        "PGAPPNAME", default: "vigie", "Name shown in pg_stat_activity.")
    public static let pgPassFile = Setting(
        "PGPASSFILE", defaultDescription: "~/.pgpass",
        "libpq's password file, read when no password is given; ignored unless mode 0600.")

    // MARK: Session limits

    public static let statementTimeout = Setting(
        "VIGIE_STATEMENT_TIMEOUT", default: "300", check: .integer,
        "Seconds a statement may run before the server cancels it (0: no limit).")
    public static let lockTimeout = Setting(
        "VIGIE_LOCK_TIMEOUT", default: "30", check: .integer,
        "Seconds a statement may wait for a lock (0: no limit).")
    public static let idleInTransactionTimeout = Setting(
        "VIGIE_IDLE_IN_TRANSACTION_TIMEOUT", default: "120", check: .integer,
        "Seconds a transaction may sit idle before the server ends its session, releasing a frozen worker's batch (0: no limit).")

    public static let autoMigrate = Setting(
        "VIGIE_AUTO_MIGRATE", default: "1", check: .oneOf(["1", "0", "true", "false", "yes", "no", "on", "off"]),
        "Whether commands apply pending migrations before they start; with 0 they refuse a database that lacks one, so their role needs no DDL rights ('vigie migrate' always migrates).")

    // MARK: Local cluster

    public static let dataDirectory = Setting(
        "VIGIE_DATA_DIR", flag: "data-dir",
        defaultDescription: "$XDG_DATA_HOME/vigie or ~/.local/share/vigie; /var/lib/vigie as root",
        "Folder of the local PostgreSQL cluster, used when no server is configured.")
    public static let pgBinDirectory = Setting(
        "VIGIE_PG_BINDIR", defaultDescription: "/usr/lib/postgresql/*/bin, then PATH",
        "Folder holding initdb and pg_ctl for the local cluster.")
    public static let clusterUser = Setting(
        "VIGIE_CLUSTER_USER", defaultDescription: "postgres, else nobody",
        "Account that runs the local cluster when Vigie runs as root.")

    // MARK: API server

    public static let host = Setting(
        "VIGIE_HOST", flag: "host", default: "127.0.0.1", "Address `vigie serve` listens on.")
    public static let port = Setting(
        "VIGIE_PORT", flag: "port", default: "8080", check: .port, "Port `vigie serve` listens on.")

    public static let httpIdleTimeout = Setting(
        "VIGIE_HTTP_IDLE_TIMEOUT", default: "60", check: .integer,
        "Seconds `vigie serve` keeps a connection with no request in flight open.")
    public static let httpMaxConnections = Setting(
        "VIGIE_HTTP_MAX_CONNECTIONS", default: "256", check: .integer,
        "Open connections past which `vigie serve` stops accepting new ones until one closes.")
    public static let requestTimeout = Setting(
        "VIGIE_REQUEST_TIMEOUT", default: "30", check: .integer,
        "Seconds within which `vigie serve` answers a request, else a 503 problem.")

    // MARK: Collector

    public static let contactURL = Setting(
        "VIGIE_CONTACT_URL", flag: "contact", defaultDescription: "none (the collector warns)",
        "URL (a page or mailto:) the collector's User-Agent names, so site owners can reach whoever runs it.")

    // MARK: Logging

    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    public static let logLevel = Setting(
        "VIGIE_LOG_LEVEL", flag: "log-level", defaultDescription: "warning; info for serve",
        check: .oneOf(logLevels), "Least severe log level written to standard error.")

    /// Every setting, in the order `vigie config` prints them.
    public static let all: [Setting] = [
        databaseURL, pgHost, pgPort, pgUser, pgPassword, pgDatabase, pgSSLMode, pgSSLRootCert, pgConnectTimeout,
        pgAppName, pgPassFile,
        statementTimeout, lockTimeout, idleInTransactionTimeout, autoMigrate,
        dataDirectory, pgBinDirectory, clusterUser,
        host, port, httpIdleTimeout, httpMaxConnections, requestTimeout,
        contactURL,
        logLevel,
    ]

    /// The setting read from `key`, or from `key` less its `_FILE` suffix for a secret.
    public static func named(_ key: String) -> Setting? {
        all.first { $0.key == key || $0.fileKey == key }
    }
}
