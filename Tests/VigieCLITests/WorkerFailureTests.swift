import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// `vigie classify --watch` killed or frozen in the middle of a batch: another worker
/// finishes the queue, and every post is classified exactly once.
@Suite("Classify worker killed or frozen mid-batch", .timeLimit(.minutes(4)))
struct WorkerFailureTests {
    static let total = 12000

    @Test("kill -9 mid-batch: another worker finishes, every post classified exactly once")
    func killed() async throws {
        let settings = try await Self.queued(label: "killed")
        let worker = try Self.start(["classify", "--watch", "--batch-size", "500"], settings, appName: "killed-worker")
        try await Self.waitFor(seconds: 60) { try await Self.classified(settings) > 0 }
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(try await Self.classified(settings) < Self.total, "the worker finished before it was killed")

        let finisher = try Self.start(["classify", "--batch-size", "500"], settings, appName: "finisher")
        finisher.waitUntilExit()
        #expect(finisher.terminationStatus == 0)
        #expect(try await Self.classified(settings) == Self.total)
        #expect(try await Self.count(settings, .distinctPosts) == Self.total)
        try await TestDatabase.drop(settings)
    }

    @Test("a frozen worker's batch is released within the idle-in-transaction timeout")
    func frozen() async throws {
        let settings = try await Self.queued(label: "frozen")
        let idleTimeout = 5
        let worker = try Self.start(
            ["classify", "--watch", "--batch-size", "1000"], settings, appName: "frozen-worker",
            extra: ["VIGIE_IDLE_IN_TRANSACTION_TIMEOUT": "\(idleTimeout)"])
        defer { kill(worker.processIdentifier, SIGKILL) }
        try await Self.waitFor(seconds: 60) { try await Self.classified(settings) > 0 }

        // Freeze it while it holds a batch: inside its transaction, its rows locked.
        let inTransaction = Count.frozenWorkerInTransaction
        var frozenAt: ContinuousClock.Instant?
        for _ in 0..<100 {
            kill(worker.processIdentifier, SIGSTOP)
            try await Task.sleep(for: .milliseconds(200))
            if try await Self.count(settings, inTransaction) > 0 {
                frozenAt = .now - .milliseconds(200)
                break
            }
            kill(worker.processIdentifier, SIGCONT)
            try await Task.sleep(for: .milliseconds(30))
        }
        let stopped = try #require(frozenAt, "never caught the worker inside a batch")
        #expect(try await Self.classified(settings) < Self.total)

        // The server ends the frozen session, so its batch is free again.
        try await Self.waitFor(seconds: 120) { try await Self.count(settings, inTransaction) == 0 }
        let released = ContinuousClock.now - stopped
        print("frozen worker's batch released after \(released) (idle-in-transaction timeout \(idleTimeout) s)")
        #expect(try await Self.count(settings, inTransaction) == 0)
        #expect(released < .seconds(idleTimeout + 10))

        let finisher = try Self.start(["classify", "--batch-size", "1000"], settings, appName: "finisher")
        finisher.waitUntilExit()
        #expect(finisher.terminationStatus == 0)
        #expect(try await Self.classified(settings) == Self.total)
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        try await TestDatabase.drop(settings)
    }

    /// A migrated database holding `total` queued posts.
    static func queued(label: String) async throws -> ConnectionSettings {
        let settings = try await TestDatabase.fresh(label: label)
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            let records = (0..<total).map { i in
                ImportRecord(url: "https://frozen.example/\(i)", body: "Avis numéro \(i) : très bon service, merci beaucoup.")
            }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
        }
        return settings
    }

    static func start(
        _ arguments: [String], _ settings: ConnectionSettings, appName: String, extra: [String: String] = [:]
    ) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        var environment = StartupTests.environment(settings)
        environment["PGAPPNAME"] = appName
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func classified(_ settings: ConnectionSettings) async throws -> Int {
        try await count(settings, .classifications)
    }

    enum Count { case classifications, distinctPosts, frozenWorkerInTransaction }

    static func count(_ settings: ConnectionSettings, _ what: Count) async throws -> Int {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows =
                switch what {
                case .classifications:
                    try await database.client.query("SELECT count(*)::int8 FROM classifications")
                case .distinctPosts:
                    try await database.client.query("SELECT count(DISTINCT post_id)::int8 FROM classifications")
                case .frozenWorkerInTransaction:
                    try await database.client.query(
                        """
                        SELECT count(*)::int8 FROM pg_stat_activity
                        WHERE application_name = 'frozen-worker' AND state = 'idle in transaction'
                        """)
                }
            for try await n in rows.decode(Int64.self) { return Int(n) }
            return 0
        }
    }

    static func waitFor(seconds: Int, _ condition: () async throws -> Bool) async throws {
        try await StartupTests.waitFor(seconds: seconds, condition)
    }
}
