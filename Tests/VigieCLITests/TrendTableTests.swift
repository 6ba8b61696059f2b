import Foundation
import Testing
import VigieClassify
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers
@testable import vigie

@Suite("Demo trend table")
struct TrendTableTests {
    @Test("columns stay apart whatever the counts: widths come from the data")
    func widths() throws {
        let start = Date(timeIntervalSince1970: 0)
        let rows = [
            TrendTable.Row(
                name: "Orange", total: TrendBucket(start: start, posts: 39472, negative: 13675, neutral: 22935, positive: 2862, scoreSum: -1200),
                months: [1, 2, 3], undated: 12, categories: "outage 4200"),
            TrendTable.Row(
                name: "A brand with a long name", total: TrendBucket(start: start, posts: 7, negative: 1, neutral: 2, positive: 4, scoreSum: 2),
                months: [0, 0, 7], undated: 0, categories: ""),
        ]
        let lines = TrendTable.format(rows).split(separator: "\n").map(String.init)
        #expect(!lines.joined().contains("3947213675"))
        let orange = try #require(lines.first { $0.hasPrefix("Orange") })
        let fields = orange.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(Array(fields.prefix(8)) == ["Orange", "39472", "13675", "22935", "2862", "-0.27", "-0.03", "12"])
        // Every column starts at the same place on every line: right-aligned numbers end together.
        let header = lines[0]
        let postsEnd = try #require(header.range(of: "posts")).upperBound.utf16Offset(in: header)
        for line in lines.dropFirst(2) {
            let index = line.index(line.startIndex, offsetBy: postsEnd - 1)
            #expect(line[index].isNumber, "\(line)")
            #expect(line[line.index(after: index)] == " ", "\(line)")
        }
        #expect(lines[1].allSatisfy { $0 == "-" })
    }

    @Test("undated posts, counted at their collection time, do not stretch the period to today")
    func undated() async throws {
        try await TestDatabase.with { database in
            let brands = try await BrandStore(database).upsert([Fixtures.acme])
            let records = [
                ImportRecord(url: "https://blog.example/a", publishedAt: Fixtures.date("2013-05-02T10:00:00Z"), lang: "fr",
                             body: "Acme est excellent, merci pour ce service rapide."),
                ImportRecord(url: "https://blog.example/b", publishedAt: Fixtures.date("2014-02-10T10:00:00Z"), lang: "fr",
                             body: "Acme est nul, service horrible, très déçu."),
                ImportRecord(url: "https://blog.example/c", lang: "fr", body: "Un commentaire sans date sur Acme."),
            ]
            _ = try await Importer(posts: PostStore(database)).importRecords(records, sourceKind: .file)
            var configuration = ClassifyWorker.Configuration()
            configuration.drain = true
            try await ClassifyWorker(
                database: database, classifier: try Classifier(brands: brands), configuration: configuration,
                logger: TestDatabase.logger
            ).run()
            let table = try await TrendTable.render(database: database)
            let title = try #require(table.split(separator: "\n").first)
            #expect(title.contains("05/2013 to 02/2014"), "\(table)")
            let acme = try #require(table.split(separator: "\n").first { $0.hasPrefix("Acme") })
            let fields = acme.split(separator: " ").map(String.init)
            #expect(fields[1] == "2", "\(table)")  // dated posts
            #expect(fields[7] == "1", "\(table)")  // undated, apart
        }
    }
}
