import Foundation

extension ConnectionSettings {
    /// Connection parameters as one source gives them: each nil when that source leaves it out.
    public struct Parameters: Sendable, Equatable {
        public var host: String?
        public var port: Int?
        public var user: String?
        public var password: String?
        public var database: String?
        public var sslMode: SSLMode?
        public var sslRootCert: String?
        public var connectTimeout: Int?
        public var applicationName: String?
        /// Whether these came from a URL: a URL names a server even without a host.
        public var isURL = false

        public init(
            host: String? = nil, port: Int? = nil, user: String? = nil, password: String? = nil,
            database: String? = nil, sslMode: SSLMode? = nil, sslRootCert: String? = nil,
            connectTimeout: Int? = nil, applicationName: String? = nil
        ) {
            self.host = host.nonEmpty
            self.port = port
            self.user = user.nonEmpty
            self.password = password.nonEmpty
            self.database = database.nonEmpty
            self.sslMode = sslMode
            self.sslRootCert = sslRootCert.nonEmpty
            self.connectTimeout = connectTimeout
            self.applicationName = applicationName.nonEmpty
        }

        /// Flags as typed: port, sslmode and timeout are checked here.
        public init(
            host: String?, port: String?, user: String?, database: String?, sslMode: String? = nil
        ) throws {
            self.init(host: host, user: user, database: database)
            self.port = try port.nonEmpty.map { try Self.port($0, source: "--pgport") }
            self.sslMode = try sslMode.nonEmpty.map { try Self.sslMode($0, source: "sslmode") }
        }

        /// The `PG*` variables libpq reads.
        public init(environment env: [String: String]) throws {
            self.init(
                host: env["PGHOST"], user: env["PGUSER"], password: env["PGPASSWORD"], database: env["PGDATABASE"],
                sslRootCert: env["PGSSLROOTCERT"], applicationName: env["PGAPPNAME"])
            port = try env["PGPORT"].nonEmpty.map { try Self.port($0, source: "PGPORT") }
            sslMode = try env["PGSSLMODE"].nonEmpty.map { try Self.sslMode($0, source: "PGSSLMODE") }
            connectTimeout = try env["PGCONNECT_TIMEOUT"].nonEmpty.map { try Self.timeout($0, source: "PGCONNECT_TIMEOUT") }
        }

        /// A libpq connection URI: `postgres[ql]://[user[:password]@][host][:port][/dbname][?param=value&...]`.
        /// The host may be a percent-encoded socket folder (`%2Fvar%2Frun%2Fpostgresql`) or
        /// given as `?host=/var/run/postgresql`. Query parameters: `host`, `port`, `user`,
        /// `password`, `dbname`, `sslmode`, `sslrootcert`, `connect_timeout`, `application_name`;
        /// any other is refused, as libpq does.
        public init(url text: String) throws {
            let bad = StorageError.badConfiguration("DATABASE_URL must look like postgres://user:password@host:5432/database")
            guard let components = URLComponents(string: text), let scheme = components.scheme,
                ["postgres", "postgresql"].contains(scheme.lowercased())
            else { throw bad }
            self.init()
            isURL = true
            if let host = components.percentEncodedHost, host.contains(",") {
                throw StorageError.badConfiguration("DATABASE_URL: several hosts are not supported")
            }
            host = components.percentEncodedHost?.removingPercentEncoding.nonEmpty
            if let host, host.hasPrefix("["), host.hasSuffix("]") { self.host = String(host.dropFirst().dropLast()) }
            port = components.port
            user = components.percentEncodedUser?.removingPercentEncoding.nonEmpty
            password = components.percentEncodedPassword?.removingPercentEncoding.nonEmpty
            var path = components.percentEncodedPath
            if path.hasPrefix("/") { path.removeFirst() }
            database = path.removingPercentEncoding.nonEmpty
            for item in components.queryItems ?? [] {
                let value = item.value ?? ""
                switch item.name {
                case "host": host = value.nonEmpty
                case "port": port = try Self.port(value, source: "DATABASE_URL port")
                case "user": user = value.nonEmpty
                case "password": password = value.nonEmpty
                case "dbname": database = value.nonEmpty
                case "sslmode": sslMode = try Self.sslMode(value, source: "DATABASE_URL sslmode")
                case "sslrootcert": sslRootCert = value.nonEmpty
                case "connect_timeout": connectTimeout = try Self.timeout(value, source: "DATABASE_URL connect_timeout")
                case "application_name": applicationName = value.nonEmpty
                default:
                    throw StorageError.badConfiguration("DATABASE_URL: unknown parameter '\(item.name)'")
                }
            }
        }

        /// Takes from `other` each parameter this one leaves out.
        public mutating func fill(from other: Parameters) {
            host = host ?? other.host
            port = port ?? other.port
            user = user ?? other.user
            password = password ?? other.password
            database = database ?? other.database
            sslMode = sslMode ?? other.sslMode
            sslRootCert = sslRootCert ?? other.sslRootCert
            connectTimeout = connectTimeout ?? other.connectTimeout
            applicationName = applicationName ?? other.applicationName
        }

        static func port(_ text: String, source: String) throws -> Int {
            guard let value = Int(text), (1...65535).contains(value) else {
                throw StorageError.badConfiguration("\(source): '\(text)' is not a port number between 1 and 65535")
            }
            return value
        }

        static func sslMode(_ text: String, source: String) throws -> SSLMode {
            guard let mode = SSLMode(rawValue: text.lowercased()) else {
                let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw StorageError.badConfiguration("\(source): '\(text)' is not one of \(modes)")
            }
            return mode
        }

        /// libpq reads a timeout as whole seconds; 0 and negatives mean "wait forever",
        /// which Vigie caps at a day so that a unit never hangs unseen.
        static func timeout(_ text: String, source: String) throws -> Int {
            guard let value = Int(text) else {
                throw StorageError.badConfiguration("\(source): '\(text)' is not a number of seconds")
            }
            return value <= 0 ? 86_400 : max(value, 2)
        }
    }
}

extension Optional where Wrapped == String {
    /// nil for nil and for the empty string: libpq treats an empty setting as unset.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
