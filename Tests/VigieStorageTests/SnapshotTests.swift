import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

@Suite("Snapshots")
struct SnapshotTests {
    @Test("reads in one snapshot agree while another transaction commits between them")
    func figuresFromOneSnapshot() async throws {
        try await TestDatabase.with { database in
            let acmeID = try await ClassifierVersionTests.seed(database, version: "v1")
            let queue = ClassifyQueue(database)
            let label: @Sendable ([LeasedPost]) -> [ClassificationRecord] = {
                ClassifierVersionTests.allNegative($0, brand: acmeID)
            }
            // Two posts counted before the snapshot, the rest while it is open.
            #expect(try await queue.classifyBatch(limit: 2, version: "v1", label) == 2)
            let (from, to) = (Fixtures.date("2014-03-01"), Fixtures.date("2014-04-01"))
            let total: @Sendable ([TrendBucket]) -> Int = { $0.reduce(0) { $0 + $1.posts } }

            let seen = try await database.snapshot { snapshot in
                let trends = TrendStore(snapshot)
                let version = try await trends.activeVersion()
                let before = try await trends.trend(brandID: acmeID, version: "v1", interval: .day, from: from, to: to)
                // Another connection classifies the rest and commits.
                let committed = try await queue.classifyBatch(limit: 100, version: "v1", label)
                #expect(committed == Fixtures.trendRecords.count - 2)
                let categories = try await trends.categories(brandID: acmeID, version: "v1", interval: .day, from: from, to: to)
                let after = try await trends.trend(brandID: acmeID, version: "v1", interval: .day, from: from, to: to)
                #expect(version == "v1")
                #expect(after == before)
                // Every Acme post is a complaint: categories agree with the buckets they go with.
                #expect(categories.values.reduce(0) { $0 + ($1["complaint"] ?? 0) } == total(before))
                return total(before)
            }
            // Outside the snapshot, the commit shows: the figures above were really held still.
            let now = try await TrendStore(database).trend(brandID: acmeID, version: "v1", interval: .day, from: from, to: to)
            #expect(seen < total(now))
            #expect(total(now) == 5)
        }
    }
}
