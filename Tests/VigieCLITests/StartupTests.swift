import Foundation
import Testing
import VigieStorage
import VigieTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Long-running commands started before their database, as a service manager may start them.
@Suite("Start-up before the database", .timeLimit(.minutes(3)))
struct StartupTests {
    @Test("serve waits for an unreachable database with logged retries, then serves once it is up")
    func serveWaitsForDatabase() async throws {
        try await TemporaryCluster.with { cluster, settings in
            _ = try cluster.stop()
            let port = try PortProbe.freePort()
            let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("serve-\(UUID()).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["serve", "--port", "\(port)"]
            process.environment = Self.environment(settings)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            // It keeps trying, and says so, instead of exiting.
            try await Self.waitFor(seconds: 30) { Self.text(log).components(separatedBy: "database unreachable").count > 2 }
            #expect(process.isRunning, "\(Self.text(log))")
            #expect(Self.text(log).contains("retry.in_s"))

            let restarted = try cluster.start()
            #expect(restarted.port == settings.port)
            let url = URL(string: "http://127.0.0.1:\(port)/readyz")!
            var status = 0
            try await Self.waitFor(seconds: 60) {
                guard let answer = try? await URLSession.shared.data(from: url) else { return false }
                status = (answer.1 as? HTTPURLResponse)?.statusCode ?? 0
                return status == 200
            }
            #expect(status == 200, "\(Self.text(log))")
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }

    /// This process's environment, pointing at `settings` alone, for a `Process` of its own.
    static func environment(_ settings: ConnectionSettings) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.merging(settings.environment) { $1 }
        environment["DATABASE_URL"] = nil
        environment["PGCONNECT_TIMEOUT"] = "2"
        return environment
    }

    static func text(_ file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    static func waitFor(seconds: Int, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !(try await condition()), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
