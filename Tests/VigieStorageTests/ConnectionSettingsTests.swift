import Foundation
import Testing
import VigieStorage

/// Connection settings resolve as libpq resolves them: flags, then the URL, then the PG*
/// variables, then the password file, then the defaults.
@Suite("libpq's rules")
struct ConnectionSettingsTests {
    typealias Parameters = ConnectionSettings.Parameters

    static func resolve(
        _ flags: Parameters, _ env: [String: String], passwordFile: String? = nil
    ) throws -> ConnectionSettings? {
        try ConnectionSettings.resolve(flags, environment: env, passwordFile: .some(passwordFile))
    }

    static func resolve(_ env: [String: String], passwordFile: String? = nil) throws -> ConnectionSettings? {
        try resolve(Parameters(), env, passwordFile: passwordFile)
    }

    @Test("PG variables fill only what DATABASE_URL leaves out")
    func urlBeatsVariables() throws {
        let settings = try #require(try Self.resolve([
            "DATABASE_URL": "postgres://ann:s%40cret@db.example:6543/vigie?sslmode=require",
            "PGDATABASE": "other", "PGHOST": "elsewhere", "PGPORT": "5999", "PGUSER": "bob", "PGPASSWORD": "pw",
            "PGAPPNAME": "collector", "PGCONNECT_TIMEOUT": "3",
        ]))
        #expect(settings.host == "db.example")
        #expect(settings.port == 6543)
        #expect(settings.user == "ann")
        #expect(settings.password == "s@cret")
        #expect(settings.database == "vigie")
        #expect(settings.sslMode == .require)
        #expect(settings.applicationName == "collector")
        #expect(settings.connectTimeout == 3)
        #expect(!settings.description.contains("s@cret"))

        let partial = try #require(try Self.resolve([
            "DATABASE_URL": "postgres://db.example", "PGDATABASE": "other", "PGUSER": "bob", "PGPASSWORD": "pw",
            "PGPORT": "5999", "PGSSLMODE": "verify-full",
        ]))
        #expect(partial.host == "db.example")
        #expect(partial.port == 5999)
        #expect(partial.user == "bob")
        #expect(partial.password == "pw")
        #expect(partial.database == "other")
        #expect(partial.sslMode == .verifyFull)
    }

    @Test("flags override the URL and the variables")
    func flagsWin() throws {
        let flags = try Parameters(host: "flaghost", port: "7000", user: "carol", database: "flagdb")
        let settings = try #require(try Self.resolve(flags, [
            "DATABASE_URL": "postgres://ann@db.example:6543/vigie", "PGHOST": "envhost", "PGUSER": "bob",
        ]))
        #expect(settings.host == "flaghost" && settings.port == 7000 && settings.user == "carol" && settings.database == "flagdb")
        #expect(throws: StorageError.self) { try Parameters(host: nil, port: "http", user: nil, database: nil) }
    }

    @Test("defaults: port 5432, the login name as user, the user as database; no host, no server")
    func defaults() throws {
        let settings = try #require(try Self.resolve(["PGHOST": "h", "USER": "dora"]))
        #expect(settings.port == 5432 && settings.user == "dora" && settings.database == "dora")
        #expect(settings.sslMode == .prefer)
        #expect(settings.applicationName == "vigie")
        #expect(settings.connectTimeout == ConnectionSettings.defaultConnectTimeout)
        #expect(try Self.resolve(["PGUSER": "u", "PGPORT": "5433"]) == nil)
    }

    @Test("bad values are refused with the variable's name")
    func refused() {
        #expect(throws: StorageError.self) { try Self.resolve(["PGHOST": "h", "PGPORT": "http"]) }
        #expect(throws: StorageError.self) { try Self.resolve(["PGHOST": "h", "PGSSLMODE": "sometimes"]) }
        #expect(throws: StorageError.self) { try Self.resolve(["PGHOST": "h", "PGCONNECT_TIMEOUT": "soon"]) }
        #expect(throws: StorageError.self) { try ConnectionSettings(url: "mysql://x@y/z") }
        #expect(throws: StorageError.self) { try ConnectionSettings(url: "postgres://h/db?fallback=yes") }
        #expect(throws: StorageError.self) { try ConnectionSettings(url: "postgres://a,b/db") }
    }

    @Test("Unix-domain sockets: a host that is a folder, in PGHOST or in the URL")
    func sockets() throws {
        let env = try #require(try Self.resolve(["PGHOST": "/var/run/postgresql", "PGPORT": "5433", "PGUSER": "u"]))
        #expect(env.isUnixSocket)
        #expect(env.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5433")
        let encoded = try ConnectionSettings(url: "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db")
        #expect(encoded.isUnixSocket && encoded.host == "/var/run/postgresql" && encoded.database == "db")
        let query = try ConnectionSettings(url: "postgres:///db?host=/tmp&port=6000&user=u")
        #expect(query.isUnixSocket && query.unixSocketPath == "/tmp/.s.PGSQL.6000" && query.user == "u")
    }

    @Test("URL query parameters as libpq reads them")
    func queryParameters() throws {
        let settings = try ConnectionSettings(
            url: "postgres://u@h/db?sslmode=verify-ca&sslrootcert=/etc/ca.pem&connect_timeout=1&application_name=api")
        #expect(settings.sslMode == .verifyCA)
        #expect(settings.sslRootCert == "/etc/ca.pem")
        #expect(settings.connectTimeout == 2, "libpq raises a timeout under 2 s to 2 s")
        #expect(settings.applicationName == "api")
        #expect(try ConnectionSettings(url: "postgres://u@h/db?connect_timeout=0").connectTimeout == 86_400)
        #expect(try ConnectionSettings(url: "postgres://u@[::1]:5433/db").host == "::1")
    }

    @Test("the password file: first matching line, wildcards, escapes, sockets as localhost, mode 0600 only")
    func passwordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        let text = """
            # comment
            db.example:5432:vigie:ann:first
            db.example:*:*:ann:second
            *:*:*:bob:b\\:ob\\\\pw
            localhost:5432:*:sock:socketpw
            """
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        func password(_ env: [String: String]) throws -> String? {
            try Self.resolve(env, passwordFile: file)?.password
        }
        #expect(try password(["DATABASE_URL": "postgres://ann@db.example/vigie"]) == "first")
        #expect(try password(["DATABASE_URL": "postgres://ann@db.example:6000/other"]) == "second")
        #expect(try password(["PGHOST": "anywhere", "PGUSER": "bob"]) == "b:ob\\pw")
        #expect(try password(["PGHOST": "/var/run/postgresql", "PGUSER": "sock"]) == "socketpw")
        #expect(try password(["PGHOST": "db.example", "PGUSER": "zed"]) == nil)
        #expect(try password(["DATABASE_URL": "postgres://ann:given@db.example/vigie"]) == "given")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try password(["DATABASE_URL": "postgres://ann@db.example/vigie"]) == nil, "a readable file is ignored")

        // PGPASSFILE names the file when no path is forced.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let viaEnv = try ConnectionSettings.resolve(
            Parameters(), environment: ["PGHOST": "db.example", "PGUSER": "ann", "PGDATABASE": "vigie", "PGPASSFILE": file])
        #expect(viaEnv?.password == "first")
    }
}
