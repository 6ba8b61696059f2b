import Foundation
import PostgresNIO
import Testing
import VigieStorage
import VigieTestSupport

/// Each sslmode against a real cluster serving TLS with a certificate of a throwaway
/// authority: the modes that encrypt do, only verify-ca and verify-full check the chain.
@Suite("TLS connections", .serialized)
struct TLSConnectionTests {
    /// A cluster of its own (ssl = on must not change the shared one), its authority's
    /// certificate, and an unrelated authority's.
    struct TLSCluster {
        let folder: URL
        let cluster: LocalCluster
        let settings: ConnectionSettings
        let caFile: String
        let otherCAFile: String
        /// The folder where the server also listens on a Unix-domain socket.
        let socketFolder: String

        func remove() {
            try? cluster.reset()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func openssl(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TLSSetupError(step: arguments.prefix(2).joined(separator: " ")) }
    }

    static func start() async throws -> TLSCluster {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let certs = folder.appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        for ca in ["ca", "other-ca"] {
            try openssl(
                ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Vigie test \(ca)",
                 "-keyout", "\(ca).key", "-out", "\(ca).crt"], in: certs)
        }
        try openssl(
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"],
            in: certs)
        try Data("subjectAltName=DNS:localhost\n".utf8).write(to: certs.appendingPathComponent("san.ext"))
        try openssl(
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
             "-extfile", "san.ext", "-out", "server.crt"], in: certs)

        let cluster = TemporaryCluster.cluster(in: folder.appendingPathComponent("cluster"))
        var settings = try cluster.start()
        // The server reads its key as its own account, from its data folder, mode 0600.
        let pgdata = cluster.dataDirectory.path
        let owner = try FileManager.default.attributesOfItem(atPath: pgdata)
        for name in ["server.crt", "server.key"] {
            let target = pgdata + "/" + name
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: certs.appendingPathComponent(name).path, toPath: target)
            var attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
            attributes[.ownerAccountID] = owner[.ownerAccountID]
            attributes[.groupOwnerAccountID] = owner[.groupOwnerAccountID]
            try FileManager.default.setAttributes(attributes, ofItemAtPath: target)
        }
        let sockets = folder.appendingPathComponent("sockets")
        try FileManager.default.createDirectory(at: sockets, withIntermediateDirectories: true)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o700, .ownerAccountID: owner[.ownerAccountID]!, .groupOwnerAccountID: owner[.groupOwnerAccountID]!],
            ofItemAtPath: sockets.path)
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            try await database.client.query("ALTER SYSTEM SET ssl = on")
            try await database.client.query(PostgresQuery(unsafeSQL: "ALTER SYSTEM SET unix_socket_directories = '\(sockets.path)'"))
        }
        // A restart, not a reload: every session after it is served with TLS.
        try cluster.stop()
        settings = try cluster.start()
        settings.host = "localhost"
        return TLSCluster(
            folder: folder, cluster: cluster, settings: settings, caFile: certs.appendingPathComponent("ca.crt").path,
            otherCAFile: certs.appendingPathComponent("other-ca.crt").path, socketFolder: sockets.path)
    }

    /// Whether the session that `settings` opens is encrypted, as the server sees it.
    static func encrypted(_ settings: ConnectionSettings) async throws -> Bool {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            for try await ssl in rows.decode(Bool.self) { return ssl }
            return false
        }
    }

    @Test("disable is plain; allow, prefer and require encrypt without checking; verify-ca and verify-full check")
    func eachMode() async throws {
        let tls = try await Self.start()
        defer { tls.remove() }
        func with(_ mode: ConnectionSettings.SSLMode, root: String?) -> ConnectionSettings {
            var settings = tls.settings
            settings.sslMode = mode
            settings.sslRootCert = root
            return settings
        }
        #expect(try await Self.encrypted(with(.disable, root: nil)) == false)
        for mode in [ConnectionSettings.SSLMode.allow, .prefer, .require] {
            #expect(try await Self.encrypted(with(mode, root: tls.otherCAFile)), "\(mode) encrypts without verifying")
        }
        #expect(try await Self.encrypted(with(.verifyCA, root: tls.caFile)))
        #expect(try await Self.encrypted(with(.verifyFull, root: tls.caFile)))
        await #expect(throws: StorageError.self, "verify-ca refuses a chain it does not trust") {
            _ = try await Self.encrypted(with(.verifyCA, root: tls.otherCAFile))
        }
        await #expect(throws: StorageError.self, "verify-full refuses it too") {
            _ = try await Self.encrypted(with(.verifyFull, root: tls.otherCAFile))
        }
    }

    @Test("a host that is a folder connects through the Unix-domain socket in it, as PGHOST does")
    func unixSocket() async throws {
        let tls = try await Self.start()
        defer { tls.remove() }
        let env = [
            "PGHOST": tls.socketFolder, "PGPORT": String(tls.settings.port), "PGUSER": tls.settings.user,
            "PGPASSWORD": tls.settings.password ?? "", "PGDATABASE": tls.settings.database,
        ]
        let settings = try #require(try ConnectionSettings.resolve(.init(), environment: env, passwordFile: .some(nil)))
        #expect(settings.isUnixSocket)
        let address = try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query("SELECT inet_client_addr() IS NULL")
            for try await local in rows.decode(Bool.self) { return local }
            return false
        }
        #expect(address, "a socket session has no client address")
    }
}

struct TLSSetupError: Error, CustomStringConvertible {
    let step: String
    var description: String { "openssl \(step) failed" }
}
