import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

@Suite("Import")
struct ImportTests {
    @Test("re-importing the same files adds nothing")
    func idempotent() async throws {
        let jsonl = try Fixtures.file("posts.jsonl", Fixtures.trendRecords.map(Fixtures.jsonLine))
        let text = try Fixtures.file("note.txt", ["Titre de la note", "", "Le corps de la note, sur deux lignes.", "Seconde ligne."])
        try await TestDatabase.with { database in
            let importer = Importer(posts: PostStore(database), batchSize: 3)
            let first = try await importer.importPaths([jsonl, text])
            #expect(first.inserted == Fixtures.trendRecords.count + 1)
            #expect(first.duplicates == 0)
            #expect(first.issues.isEmpty)
            let second = try await importer.importPaths([jsonl, text])
            #expect(second.inserted == 0)
            #expect(second.duplicates == Fixtures.trendRecords.count + 1)
            var counts = try await PostStore(database).counts()
            #expect(counts.total == Fixtures.trendRecords.count + 1)
            // Nothing to queue for until a classifier version registers; then everything.
            #expect(counts.queued == 0)
            try await ClassifierVersions(database).register(version: "v1")
            counts = try await PostStore(database).counts()
            #expect(counts.queued == counts.total)
        }
    }

    @Test("two imports of the same posts in opposite orders store each once")
    func concurrentImports() async throws {
        // Each waits on the other's fingerprints: the server may end one transaction as a
        // deadlock, which the importer tries again.
        let records = (0..<300).map { i in
            ImportRecord(url: "https://both.example/\(i)", body: "Billet \(i) importé deux fois, dans deux ordres.")
        }
        try await TestDatabase.with { database in
            let importer = Importer(posts: PostStore(database), batchSize: 300)
            async let forward = importer.importRecords(records, sourceKind: .file)
            async let backward = importer.importRecords(Array(records.reversed()), sourceKind: .file)
            let reports = try await [forward, backward]
            #expect(reports.map(\.inserted).reduce(0, +) == records.count)
            #expect(reports.map(\.duplicates).reduce(0, +) == records.count)
            #expect(try await PostStore(database).counts().total == records.count)
        }
    }

    @Test("the same post with other whitespace and markup is stored once")
    func sameContentOnce() async throws {
        try await TestDatabase.with { database in
            let a = ImportRecord(url: "https://a.example/x", title: "Bonjour", body: "Un   texte\n\nidentique.")
            let b = ImportRecord(url: "https://b.example/y", title: "Bonjour", body: "<p>Un texte</p> <p>identique.</p>")
            let report = try await Importer(posts: PostStore(database)).importRecords([a, b], sourceKind: .file)
            #expect(report.inserted == 1)
            #expect(report.duplicates == 1)
        }
    }

    @Test("malformed lines are reported with file and line, the rest is imported")
    func malformedLines() async throws {
        let good = Fixtures.trendRecords.prefix(2).map(Fixtures.jsonLine)
        let path = try Fixtures.file(
            "mixed.jsonl",
            [good[0], "{not json", "{\"title\": \"no body\"}", "", "[1, 2]", "{\"body\": \"x\", \"published_at\": \"hier\"}", good[1]])
        try await TestDatabase.with { database in
            let report = try await Importer(posts: PostStore(database)).importPaths([path, "/no/such/file.jsonl"])
            #expect(report.inserted == 2)
            let lines = report.issues.compactMap(\.line)
            #expect(lines == [2, 3, 5, 6])
            #expect(report.issues.contains { $0.file == "/no/such/file.jsonl" && $0.line == nil })
            #expect(report.issues.first { $0.line == 3 }?.message.contains("body") == true)
            #expect(report.issues.first { $0.line == 6 }?.message.contains("published_at") == true)
        }
    }

    @Test("comments and pingbacks are linked to their post whichever comes first")
    func parentLinks() async throws {
        try await TestDatabase.with { database in
            let comment = ImportRecord(url: "https://blog.example/p#c1", author: "Anne", body: "Bien vu.", kind: .comment, parentURL: "https://blog.example/p")
            let post = ImportRecord(url: "https://blog.example/p", title: "Billet", body: "Le billet.")
            let importer = Importer(posts: PostStore(database))
            let first = try await importer.importRecords([comment], sourceKind: .file)
            #expect(first.linked == 0)
            let second = try await importer.importRecords([post], sourceKind: .file)
            #expect(second.linked == 1)
            let rows = try await database.client.query(
                "SELECT c.kind, p.url FROM posts c JOIN posts p ON p.id = c.parent_id")
            var pairs: [String] = []
            for try await (kind, url) in rows.decode((String, String).self) { pairs.append("\(kind) \(url)") }
            #expect(pairs == ["comment https://blog.example/p"])
        }
    }
}
