import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

@Suite("Posts that fail to classify")
struct FailedPostTests {
    @Test("a post that fails every time is isolated, listed, and the queue moves on")
    func poisonPost() async throws {
        try await TestDatabase.with { database in
            let acme = try await BrandStore(database).upsert([Fixtures.acme])[0]
            let records = (0..<40).map { i in
                ImportRecord(
                    url: "https://poison.example/\(i)", publishedAt: Fixtures.date("2014-01-01").addingTimeInterval(Double(i) * 3600),
                    lang: "fr", body: "Billet \(i) sur Acme, un service excellent.")
            }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
            try await ClassifierVersions(database).register(version: Classifier.version)
            let ids = try await Self.postIDs(database)
            let poison = ids[23]
            try await Fixtures.poison(database, postID: poison)

            let events = EventLog()
            var configuration = ClassifyWorker.Configuration()
            configuration.drain = true
            configuration.batchSize = 16
            configuration.concurrency = 2
            try await ClassifyWorker(
                database: database, classifier: try Classifier(brands: [acme]), configuration: configuration,
                logger: TestDatabase.logger, onEvent: events.append
            ).run()

            #expect(events.failed == [poison])
            #expect(events.committed == 39)
            #expect(try await PipelineTests.rollupTotal(database, brand: acme.id!) == 39)
            let failures = try await ClassifyFailures(database).list()
            #expect(failures.map(\.postID) == [poison])
            #expect(failures.first?.attempts == 2)
            #expect(failures.first?.error.contains("post \(poison) is poison") == true)
            var status = try await ClassificationStatus.load(database)
            #expect(status.versions.map(\.queued) == [0])
            #expect(status.versions.map(\.classified) == [39])
            #expect(status.versions.map(\.failed) == [1])

            // Once the cause is gone, a retry classifies it and clears the list, counted once.
            try await database.client.query("DROP TRIGGER refuse_poison ON classifications")
            #expect(try await ClassifyFailures(database).retry(version: Classifier.version) == 1)
            try await PipelineTests.classify(database)
            #expect(try await PipelineTests.rollupTotal(database, brand: acme.id!) == 40)
            status = try await ClassificationStatus.load(database)
            #expect(status.versions.map(\.classified) == [40])
            #expect(status.versions.map(\.failed) == [0])
        }
    }

    @Test("a failing post found again adds to its attempts")
    func attemptsAccumulate() async throws {
        try await TestDatabase.with { database in
            _ = try await Importer(posts: PostStore(database)).importRecords(
                [ImportRecord(url: "https://poison.example/alone", body: "Un billet seul.")], sourceKind: .file)
            try await ClassifierVersions(database).register(version: Classifier.version)
            let poison = try #require(try await Self.postIDs(database).first)
            try await Fixtures.poison(database, postID: poison)
            try await PipelineTests.classify(database)
            #expect(try await ClassifyFailures(database).retry(version: Classifier.version) == 1)
            try await PipelineTests.classify(database)
            let failures = try await ClassifyFailures(database).list()
            #expect(failures.map(\.attempts) == [4])
            #expect(try await ClassificationStatus.load(database).versions.map(\.queued) == [0])
        }
    }

    static func postIDs(_ database: Database) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await id in try await database.client.query("SELECT id FROM posts ORDER BY id").decode(Int64.self) {
            ids.append(id)
        }
        return ids
    }
}

/// What a worker reported, for tests to read after it stopped.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ClassifyWorker.Event] = []

    @Sendable func append(_ event: ClassifyWorker.Event) { lock.withLock { events.append(event) } }

    var failed: [Int64] {
        lock.withLock { events.compactMap { if case .failed(let id, _) = $0 { id } else { nil } } }
    }
    var committed: Int {
        lock.withLock { events.reduce(0) { if case .committed(let n) = $1 { $0 + n } else { $0 } } }
    }
}
