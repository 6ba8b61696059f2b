import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// `vigie classify --watch` as systemd runs it: it stops on SIGTERM, having committed
/// what it classified.
@Suite("Classify worker under a service manager", .timeLimit(.minutes(2)))
struct WatchTests {
    @Test("classify --watch classifies, then stops cleanly on SIGTERM")
    func stopsOnSIGTERM() async throws {
        let settings = try await TestDatabase.fresh(label: "watch")
        let total = 40
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await Migrator(database: database).migrate()
            let records = (0..<total).map { i in
                ImportRecord(url: "https://watch.example/\(i)", body: "Avis numéro \(i) : très bon service, merci.")
            }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
        }

        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["classify", "--watch", "--batch-size", "10"]
        process.environment = StartupTests.environment(settings)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Everything gets classified while the worker keeps watching for more.
        let deadline = ContinuousClock.now + .seconds(60)
        while try await Self.classified(settings) < total, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await Self.classified(settings) == total)
        #expect(process.isRunning)

        kill(process.processIdentifier, SIGTERM)
        let stopBy = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < stopBy {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!process.isRunning, "still running 20 s after SIGTERM")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("classified \(total) posts"))
    }

    static func classified(_ settings: ConnectionSettings) async throws -> Int {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query("SELECT count(*)::int8 FROM classifications")
            for try await n in rows.decode(Int64.self) { return Int(n) }
            return 0
        }
    }
}
