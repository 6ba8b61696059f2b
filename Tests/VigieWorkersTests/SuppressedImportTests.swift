import Foundation
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

/// Erased posts and authors stay erased: an import of files that still hold them stores the rest.
@Suite("Suppressed import")
struct SuppressedImportTests {
    @Test("an import whose posts are suppressed by fingerprint, URL or author stores only the others")
    func suppressedImport() async throws {
        let records = [
            ImportRecord(url: "https://blog.example/a", title: "A", author: "alice", body: "Premier billet, effacé."),
            ImportRecord(url: "https://blog.example/b?utm_source=x", title: "B", author: "bob", body: "Deuxième billet."),
            ImportRecord(url: "https://blog.example/c", title: "C", author: "carol", body: "Troisième billet."),
            ImportRecord(url: "https://blog.example/d", title: "D", author: "dave", body: "Quatrième billet."),
        ]
        let jsonl = try Fixtures.file("erased.jsonl", records.map(Fixtures.jsonLine))
        try await TestDatabase.with { database in
            let suppressions = Suppressions(database)
            try await suppressions.add(.fingerprint, NewPost(records[0]).fingerprint, reason: "erasure request")
            // The canonical form: the tracking parameter is not part of it.
            try await suppressions.add(.url, "https://blog.example/b")
            try await suppressions.add(.author, "carol")
            let importer = Importer(posts: PostStore(database), batchSize: 2)
            let report = try await importer.importPaths([jsonl])
            #expect(report.inserted == 1 && report.suppressed == 3 && report.duplicates == 0)
            let again = try await importer.importPaths([jsonl])
            #expect(again.inserted == 0 && again.suppressed == 3 && again.duplicates == 1)
            #expect(try await PostStore(database).counts().total == 1)
        }
    }
}
