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
        #expect(try await Self.counts(settings).distinctPosts == Self.total)
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
        var frozenAt: ContinuousClock.Instant?
        for _ in 0..<100 {
            kill(worker.processIdentifier, SIGSTOP)
            try await Task.sleep(for: .milliseconds(200))
            if try await Self.counts(settings).frozenInTransaction > 0 {
                frozenAt = .now - .milliseconds(200)
                break
            }
            kill(worker.processIdentifier, SIGCONT)
            try await Task.sleep(for: .milliseconds(30))
        }
        let stopped = try #require(frozenAt, "never caught the worker inside a batch")
        #expect(try await Self.classified(settings) < Self.total)

        // The server ends the frozen session, so its batch is free again.
        try await Self.waitFor(seconds: 120) { try await Self.counts(settings).frozenInTransaction == 0 }
        let released = ContinuousClock.now - stopped
        print("frozen worker's batch released after \(released) (idle-in-transaction timeout \(idleTimeout) s)")
        #expect(try await Self.counts(settings).frozenInTransaction == 0)
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
        try await counts(settings).classified
    }

    struct Counts: Sendable {
        /// Classifications, and the posts they cover: equal when none was counted twice.
        var classified = 0, distinctPosts = 0
        /// Sessions of the worker named `frozen-worker` stopped inside a transaction.
        var frozenInTransaction = 0
    }

    static func counts(_ settings: ConnectionSettings) async throws -> Counts {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query(
                """
                SELECT (SELECT count(*) FROM classifications)::int8,
                       (SELECT count(DISTINCT post_id) FROM classifications)::int8,
                       (SELECT count(*) FROM pg_stat_activity
                        WHERE application_name = 'frozen-worker' AND state = 'idle in transaction')::int8
                """)
            var counts = Counts()
            for try await (classified, distinct, frozen) in rows.decode((Int64, Int64, Int64).self) {
                counts = Counts(classified: Int(classified), distinctPosts: Int(distinct), frozenInTransaction: Int(frozen))
            }
            return counts
        }
    }

    static func waitFor(seconds: Int, _ condition: () async throws -> Bool) async throws {
        try await StartupTests.waitFor(seconds: seconds, condition)
    }
}
