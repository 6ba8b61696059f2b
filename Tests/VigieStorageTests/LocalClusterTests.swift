import Foundation
import PostgresNIO
import Testing
@testable import VigieStorage
import VigieTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("Local cluster")
struct LocalClusterTests {
    static func mode(_ url: URL) -> mode_t {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return 0o7777 }
        return info.st_mode & 0o777
    }

    static func port(_ settings: ConnectionSettings) async throws -> (String, String) {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query(
                "SELECT setting, source FROM pg_settings WHERE name = 'port'", logger: TestDatabase.logger)
            for try await row in rows.decode((String, String).self) { return row }
            return ("", "")
        }
    }

    @Test("the folder is 0700 and no file holding the password is readable by others")
    func secretsArePrivate() async throws {
        try await TemporaryCluster.with { cluster, settings in
            #expect(Self.mode(cluster.directory) == 0o700)
            let password = try #require(settings.password)
            var holders: [String] = []
            let enumerator = try #require(FileManager.default.enumerator(at: cluster.directory, includingPropertiesForKeys: nil))
            for case let url as URL in enumerator {
                guard let data = try? Data(contentsOf: url, options: .mappedIfSafe), data.count < 1 << 20,
                    String(decoding: data, as: UTF8.self).contains(password)
                else { continue }
                holders.append(url.lastPathComponent)
                #expect(Self.mode(url) == 0o600, "\(url.path) holds the password")
            }
            #expect(holders == ["cluster.json"])
        }
    }

    @Test("a private file is 0600 whatever the umask, and replacing one leaves no temporary behind")
    func privateWrite() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-private-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try PrivateFiles.makePrivateDirectory(directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.mode(directory) == 0o700)
        let file = directory.appendingPathComponent("secret")
        try Data("one".utf8).write(to: file)
        chmod(file.path, 0o644)
        try PrivateFiles.write(Data("two".utf8), to: file)
        #expect(Self.mode(file) == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["secret"])
    }

    @Test("the port is kept in the cluster's configuration, not only on pg_ctl's command line")
    func portInConfiguration() async throws {
        try await TemporaryCluster.with { cluster, settings in
            let (port, source) = try await Self.port(settings)
            #expect(port == String(settings.port))
            #expect(source == "configuration file")
            let conf = try String(contentsOf: cluster.dataDirectory.appendingPathComponent("vigie-port.conf"), encoding: .utf8)
            #expect(conf.contains("port = \(settings.port)"))
        }
    }

    @Test("a postmaster.pid left by kill -9, or naming a process that is not PostgreSQL, does not stop a start")
    func stalePidFile() async throws {
        try await TemporaryCluster.with { cluster, _ in
            let pidFile = cluster.dataDirectory.appendingPathComponent("postmaster.pid")
            let text = try String(contentsOf: pidFile, encoding: .utf8)
            let postmaster = try #require(pid_t(text.prefix { $0 != "\n" }))
            #expect(kill(postmaster, SIGKILL) == 0)
            // SIGKILL is delivered, not done: wait (at most 5 s) until the process is gone
            // or a zombie, as after a crash, before starting again.
            for _ in 0..<100 where LocalCluster.stalePostmaster(pidFile: pidFile) == nil {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(LocalCluster.stalePostmaster(pidFile: pidFile) == postmaster)
            let restarted = try cluster.start()
            #expect(try await Self.port(restarted).0 == String(restarted.port))

            // The same file, after a reboot that gave its number to another program.
            try cluster.stop(immediate: true)
            let other = Process()
            other.executableURL = URL(fileURLWithPath: "/bin/sleep")
            other.arguments = ["60"]
            try other.run()
            defer { other.terminate() }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] = String(other.processIdentifier)
            try lines.joined(separator: "\n").write(to: pidFile, atomically: false, encoding: .utf8)
            #expect(LocalCluster.stalePostmaster(pidFile: pidFile) == other.processIdentifier)
            let again = try cluster.start()
            #expect(try await Self.port(again).0 == String(again.port))
            #expect(LocalCluster.stalePostmaster(pidFile: pidFile) == nil)
        }
    }
}
