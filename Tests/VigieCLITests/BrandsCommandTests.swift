import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers
@testable import vigie

@Suite("vigie brands")
struct BrandsCommandTests {
    @Test("a brand added after classification says what it queued, and its trend shows its past; remove takes it away")
    func addThenRemove() async throws {
        let settings = try await TestDatabase.fresh(label: "brandscli")
        let environment = settings.environment
        func vigie(_ arguments: [String]) throws -> CommandLineTests.Run {
            try CommandLineTests.vigie(arguments, environment: environment)
        }
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await BrandStore(database).upsert([Fixtures.acme])
            _ = try await Importer(posts: PostStore(database)).importRecords(Fixtures.trendRecords, sourceKind: .file)
        }
        #expect(try vigie(["classify"]).status == 0)

        let added = try vigie(["brands", "add", "Globex"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("\(Fixtures.trendRecords.count) stored posts queued for the brand backfill"), "\(added.stdout)")
        let again = try vigie(["brands", "add", "Globex"])
        #expect(again.stdout.contains("no stored post queued"), "\(again.stdout)")
        let matched = try vigie(["classify"])
        #expect(matched.status == 0, "\(matched.stderr)")
        #expect(matched.stdout.contains("matched \(Fixtures.trendRecords.count) stored posts against new or changed brands"), "\(matched.stdout)")

        // The demo's trend table: Globex's one mention, in March 2014, not today.
        let table = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await TrendTable.render(database: database)
        }
        let globex = try #require(table.split(separator: "\n").first { $0.hasPrefix("Globex") }, "\(table)")
        #expect(globex.split(separator: " ").map(String.init)[1] == "1", "\(table)")
        #expect(table.split(separator: "\n").first?.contains("03/2014 to 03/2014") == true, "\(table)")

        let removed = try vigie(["brands", "remove", "globex"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed Globex"))
        let missing = try vigie(["brands", "remove", "globex"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no brand named 'globex'"), "\(missing.stderr)")
        #expect(!(try vigie(["brands", "list"]).stdout.contains("Globex")))
        try await TestDatabase.drop(settings)
    }

    @Test("kill -9 of a watch worker in the middle of a brand backfill loses and doubles nothing", .timeLimit(.minutes(3)))
    func killedMidBackfill() async throws {
        let settings = try await TestDatabase.fresh(label: "brandskill")
        let environment = settings.environment
        let total = 3_000
        try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            let records = (0..<total).map { i in
                ImportRecord(
                    url: "https://kill.example/\(i)", publishedAt: Date(timeIntervalSince1970: 1_400_000_000 + Double(i) * 600),
                    body: "Avis \(i) sur Acme : \(i % 3 == 0 ? "service excellent" : "livraison en retard, très déçu").")
            }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
        }
        // Classified before the brand exists: its history comes only from the backfill.
        #expect(try CommandLineTests.vigie(["classify"], environment: environment).status == 0)
        let added = try CommandLineTests.vigie(["brands", "add", "Acme"], environment: environment)
        #expect(added.stdout.contains("\(total) stored posts queued"), "\(added.stdout) \(added.stderr)")

        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["classify", "--watch", "--batch-size", "10", "--jobs", "2"]
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Killed once it is well under way, with batches in flight.
        let deadline = ContinuousClock.now + .seconds(90)
        var left = total
        while left > total * 2 / 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            left = try await Self.figures(settings).queued
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try await Self.figures(settings).queued > 0, "the backfill ended before the kill: nothing was tested")

        #expect(try CommandLineTests.vigie(["classify"], environment: environment).status == 0)
        let after = try await Self.figures(settings)
        #expect(after.queued == 0)
        #expect(after.mentions == total)
        #expect(after.counted == total)
        #expect(after.negative == after.negativePosts)
        try await TestDatabase.drop(settings)
    }

    /// Backfill rows left, brand mentions, posts and negative posts in the rollups, negative posts classified.
    static func figures(_ settings: ConnectionSettings) async throws
        -> (queued: Int, mentions: Int, counted: Int, negative: Int, negativePosts: Int)
    {
        try await Database.withDatabase(settings, logger: TestDatabase.logger, maximumConnections: 1) { database in
            let rows = try await database.client.query(
                """
                SELECT (SELECT count(*) FROM brand_backfill_queue)::int8, (SELECT count(*) FROM post_brands)::int8,
                       (SELECT COALESCE(sum(posts), 0) FROM brand_hourly)::int8,
                       (SELECT COALESCE(sum(negative), 0) FROM brand_hourly)::int8,
                       (SELECT count(*) FROM classifications WHERE sentiment = 'negative')::int8
                """)
            for try await (q, m, c, n, p) in rows.decode((Int64, Int64, Int64, Int64, Int64).self) {
                return (Int(q), Int(m), Int(c), Int(n), Int(p))
            }
            return (-1, -1, -1, -1, -1)
        }
    }
}
