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
        let environment = CommandLineTests.environment(settings)
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
        #expect(try vigie(["classify"]).status == 0)

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
}

extension CommandLineTests {
    /// The variables that point `vigie` at a test database.
    static func environment(_ settings: ConnectionSettings) -> [String: String] {
        [
            "PGHOST": settings.host, "PGPORT": String(settings.port), "PGUSER": settings.user,
            "PGDATABASE": settings.database, "PGPASSWORD": settings.password ?? "",
        ]
    }
}
