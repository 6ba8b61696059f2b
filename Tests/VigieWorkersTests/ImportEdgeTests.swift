import Foundation
import PostgresNIO
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// Imports never abort on one line: bad lines, refused rows, a source created twice at
/// once, a connection cut mid-batch. All on the real PostgreSQL.
@Suite("Import at the edges")
struct ImportEdgeTests {
    static let quickBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(200), maximumAttempts: 10)

    @Test("a file with a NUL line, a 1970 date, invalid UTF-8 and a long body imports everything else")
    func badLinesInTheMiddle() async throws {
        var bytes: [UInt8] = []
        func line(_ text: String) { bytes += Array(text.utf8) + [0x0A] }
        for i in 1...3 { line(#"{"url": "https://blog.example/\#(i)", "body": "Billet \#(i) avant."}"#) }
        line(#"{"body": "Un NUL \u0000 au milieu"}"#)  // 4
        line(#"{"body": "Daté du premier janvier 1970.", "published_at": "1970-01-01T00:00:00Z"}"#)  // 5
        bytes += Array(#"{"body": "caf"#.utf8) + [0xE9, 0x20] + Array(#"crème"}"#.utf8) + [0x0A]  // 6
        line(#"{"body": "\#(String(repeating: "long ", count: 300_000))"}"#)  // 7
        for i in 8...10 { line(#"{"url": "https://blog.example/\#(i)", "body": "Billet \#(i) après."}"#) }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mixed.jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        try await TestDatabase.with { database in
            let report = try await Importer(posts: PostStore(database), batchSize: 4).importPaths([path])
            #expect(report.inserted == 7)
            #expect(report.problems == 3)
            #expect(report.warnings == 1)
            #expect(report.issues.filter { !$0.isWarning }.map(\.description) == [
                "\(path):4: field 'body' holds a NUL character (\\u0000), which PostgreSQL cannot store",
                "\(path):6: not valid UTF-8 (convert the file to UTF-8)",
                "\(path):7: body of 1500000 bytes, over the limit of 1048576 (1 MiB)",
            ])
            #expect(report.issues.first(where: \.isWarning)?.description.hasPrefix("\(path):5: published_at 1970-01-01") == true)
            let rows = try await database.client.query(
                "SELECT count(*)::int8, count(*) FILTER (WHERE published_at IS NULL AND body LIKE 'Daté du premier%')::int8 FROM posts")
            for try await (total, undated) in rows.decode((Int64, Int64).self) {
                #expect(total == 7)
                #expect(undated == 1, "the 1970 post is kept, counted at its collection time")
            }
        }
    }

    @Test("a row the database refuses is found by splitting its batch; the other rows are stored")
    func bisection() async throws {
        // Records in memory skip the reader's checks, so PostgreSQL itself refuses the NUL:
        // the whole batch of 100 fails, and only the splitting finds the culprit.
        var batch = (1...100).map { ImportRecord(url: "https://split.example/\($0)", body: "Billet \($0), rien à redire.") }
        batch[36].body = "Un NUL\u{0} que PostgreSQL refuse."
        let records = batch
        try await TestDatabase.with { database in
            let report = try await Importer(posts: PostStore(database), batchSize: 100).importRecords(records, sourceKind: .file)
            #expect(report.inserted == 99)
            #expect(report.issues.count == 1)
            let issue = try #require(report.issues.first)
            #expect(issue.file == "file" && issue.line == 37)
            #expect(issue.message.hasPrefix("refused by the database: "), "\(issue.message)")
            #expect(try await PostStore(database).counts().total == 99)
        }
    }

    @Test("an import waiting on another's new source stores all its posts once that one commits")
    func sourceCreatedMeanwhile() async throws {
        let records = (1...50).map {
            ImportRecord(body: "Billet \($0) d'une source toute neuve.", source: "source toute neuve")
        }
        try await TestDatabase.with { database in
            // Another import's transaction has created the source and not yet committed.
            try await database.client.withConnection { other in
                try await other.query("BEGIN", logger: TestDatabase.logger)
                try await other.query("INSERT INTO sources (name) VALUES ('source toute neuve')", logger: TestDatabase.logger)
                let importing = Task { try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file) }
                try await Self.waitForLockWait(database)
                try await other.query("COMMIT", logger: TestDatabase.logger)
                let report = try await importing.value
                #expect(report.inserted == records.count, "no post dropped")
            }
            #expect(try await PostStore(database).counts().total == records.count)
        }
    }

    @Test("two imports creating the same new sources at once lose nothing")
    func twoImportsOneSource() async throws {
        try await TestDatabase.with { database in
            for round in 1...10 {
                let source = "source \(round)"
                let a = (1...200).map { ImportRecord(body: "Round \(round), A, billet \($0).", source: source) }
                let b = (1...200).map { ImportRecord(body: "Round \(round), B, billet \($0).", source: source) }
                let importer = Importer(posts: PostStore(database), batchSize: 200, backoff: Self.quickBackoff)
                async let first = importer.importRecords(a, sourceKind: .file)
                async let second = importer.importRecords(b, sourceKind: .file)
                let reports = try await [first, second]
                #expect(reports.map(\.inserted) == [200, 200], "round \(round)")
            }
            #expect(try await PostStore(database).counts().total == 4_000)
        }
    }

    @Test("a connection cut under a batch is retried with backoff and the batch stored")
    func connectionCut() async throws {
        let records = (1...30).map { ImportRecord(body: "Billet \($0) sous une connexion coupée.", source: "coupée") }
        try await TestDatabase.with { database in
            try await database.client.withConnection { other in
                // Hold the sources table so the import's batch waits; then cut its connection.
                try await other.query("BEGIN", logger: TestDatabase.logger)
                try await other.query("LOCK TABLE sources IN EXCLUSIVE MODE", logger: TestDatabase.logger)
                let importer = Importer(posts: PostStore(database), backoff: Self.quickBackoff)
                let importing = Task { try await importer.importRecords(records, sourceKind: .file) }
                let pid = try await Self.waitForLockWait(database)
                try await other.query("SELECT pg_terminate_backend(\(pid))", logger: TestDatabase.logger)
                try await other.query("COMMIT", logger: TestDatabase.logger)
                let report = try await importing.value
                #expect(report.inserted == records.count)
            }
            #expect(try await PostStore(database).counts().total == records.count)
        }
    }

    @Test("backoff doubles up to its cap and gives up after its attempts")
    func backoff() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), maximumAttempts: 6)
        let delays = (1...6).map { backoff.delay(after: $0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), nil])
    }

    /// Waits until a backend of this database waits for a lock, and returns its process id.
    @discardableResult
    static func waitForLockWait(_ database: Database) async throws -> Int32 {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let rows = try await database.client.query(
                """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                """)
            for try await pid in rows.decode(Int32.self) { return pid }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }
}
