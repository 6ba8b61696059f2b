import Foundation
import Testing
import VigieModel
import VigieStorage
import VigieTestSupport

/// `vigie demo --no-serve` on a configured database: the bundled fixture site is collected
/// before the trend table, as CI's `make demo ARGS=--no-serve` shows it.
@Suite("vigie demo")
struct DemoCommandTests {
    @Test("--no-serve adds the demo site's two sources, collects them once and counts their posts in the table")
    func collectsTheDemoSite() async throws {
        let settings = try await TestDatabase.fresh(label: "democli")
        let run = try CommandLineTests.vigie(["demo", "--no-serve"], environment: settings.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("added source 'Demo blog' (feed): http://127.0.0.1:"), "\(run.stdout)")
        #expect(run.stdout.contains("added source 'Demo hashtag' (mastodon): http://127.0.0.1:"), "\(run.stdout)")
        let collected = run.stdout.split(separator: "\n").first { $0.contains("new posts from the demo site") }
        let count = collected.flatMap { $0.split(separator: " ").dropFirst(3).first }.flatMap { Int($0) }
        #expect((count ?? 0) > 0, "\(run.stdout)")
        // The site's posts are dated from now back: the table's period reaches this month.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = calendar.dateComponents([.year, .month], from: Date())
        let month = String(format: "%02d/%04d", now.month!, now.year!)
        #expect(run.stdout.contains("to \(month), classifier"), "\(run.stdout)")

        let sources = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await SourceStore(database).list()
        }
        let blog = try #require(sources.first { $0.name == "Demo blog" })
        #expect(blog.url?.hasSuffix("/feed/") == true && blog.state.lastStatus == 200, "\(blog)")  // found by autodiscovery
        #expect(sources.first { $0.name == "Demo hashtag" }?.state.cursor != nil)

        let again = try CommandLineTests.vigie(["demo", "--no-serve"], environment: settings.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("source 'Demo blog': http://127.0.0.1:"), "\(again.stdout)")
        try await TestDatabase.drop(settings)
    }
}
