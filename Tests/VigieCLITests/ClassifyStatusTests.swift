import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

@Suite("vigie classify --status")
struct ClassifyStatusTests {
    @Test("the failed post is listed with its error, and --retry-failed queues it again")
    func failedList() async throws {
        let settings = try await TestDatabase.fresh(label: "status")
        let poison = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            let records = (0..<5).map { ImportRecord(url: "https://status.example/\($0)", body: "Billet \($0), très bien.") }
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
            var poison: Int64 = 0
            for try await id in try await database.client.query("SELECT max(id) FROM posts").decode(Int64.self) { poison = id }
            try await Fixtures.poison(database, postID: poison)
            return poison
        }
        let environment = settings.environment
        let classify = try CommandLineTests.vigie(["classify"], environment: environment)
        // Done, but not all of it: exit status 1, and a pointer to --status.
        #expect(classify.status == 1, "\(classify.stderr)")
        #expect(classify.stdout.contains("classified 4 posts"))
        #expect(classify.stderr.contains("1 posts failed to classify"))

        let status = try CommandLineTests.vigie(["classify", "--status"], environment: environment)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\(Classifier.version) (active, this build): 4 classified, 0 queued, 1 failed"))
        #expect(status.stdout.contains("post \(poison)  \(Classifier.version)  2 attempts"))
        #expect(status.stdout.contains("post \(poison) is poison"))

        let retry = try CommandLineTests.vigie(["classify", "--retry-failed"], environment: environment)
        #expect(retry.stdout.contains("queued 1 failed posts again"))
        let again = try CommandLineTests.vigie(["classify", "--status"], environment: environment)
        #expect(again.stdout.contains("4 classified, 0 queued, 1 failed"))
        #expect(again.stdout.contains("post \(poison)  \(Classifier.version)  4 attempts"))
        try await TestDatabase.drop(settings)
    }
}
