import Foundation
import Logging
import Testing
import VigieDemoSite
import VigieModel
import VigieStorage
import VigieTestSupport

/// `vigie source test`, `import` and `export`, run as the built binary; `test` against the
/// demo site served on 127.0.0.1.
@Suite("vigie source test, import, export")
struct SourceToolsCommandTests {
    /// Runs the binary on a thread of its own: it waits for the process, and the server
    /// it talks to needs the concurrency pool meanwhile.
    static func vigie(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandLineTests.Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try CommandLineTests.vigie(arguments, environment: environment) })
            }.start()
        }
    }

    /// The demo site on a free loopback port, every post released.
    static func withSite(_ body: @escaping @Sendable (_ base: String, _ hashtag: String) async throws -> Void) async throws {
        let site = try DemoSite(start: Date(timeIntervalSinceNow: -86400 * 365), releaseEvery: .seconds(60))
        var logger = Logger(label: "demo-site")
        logger.logLevel = .critical
        try await LoopbackServer.withRunning(site.router(), logger: logger) { port in
            try await body("http://127.0.0.1:\(port)", site.hashtag)
        }
    }

    @Test("source test finds a page's feed, prints what would be stored, and needs no database")
    func testAFeedPage() async throws {
        try await Self.withSite { base, hashtag in
            let run = try await Self.vigie(["source", "test", "--allow-private-networks", base + "/"])
            #expect(run.status == 0, "\(run.stderr)")
            let first = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.hasPrefix("fetched, HTTP 200, 2 requests") && first.hasSuffix("posts would be stored"), "\(run.stdout)")
            #expect(run.stdout.contains("new URL: \(base)/feed/"), "\(run.stdout)")
            #expect(run.stdout.contains("KIND  PUBLISHED"), "\(run.stdout)")

            let json = try await Self.vigie(["source", "test", "--json", "--allow-private-networks", "--kind", "mastodon", "--hashtag", hashtag, base])
            #expect(json.status == 0, "\(json.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let posts = report?["posts"] as? [[String: Any]] ?? []
            #expect(!posts.isEmpty && posts.allSatisfy { ($0["url"] as? String)?.isEmpty == false }, "\(json.stdout)")
            #expect(report?["cursor"] is String && report?["outcome"] as? String == "fetched", "\(json.stdout)")
        }
    }

    @Test("source test refuses loopback without --allow-private-networks, with the reason")
    func testRefusesLoopback() async throws {
        try await Self.withSite { base, _ in
            let run = try await Self.vigie(["source", "test", base + "/feed/"])
            #expect(run.status == 75, "\(run.stdout) \(run.stderr)")
            #expect(run.stdout.hasPrefix("failed, HTTP -, 1 requests"), "\(run.stdout)")
            #expect(run.stderr.contains("127.0.0.1") && run.stderr.contains("loopback"), "\(run.stderr)")
        }
    }

    @Test("source import adds the feeds of an OPML file, skips known URLs and reports; export lists them")
    func importAndExport() async throws {
        let settings = try await TestDatabase.fresh(label: "opmlcli")
        let environment = settings.environment
        let known = try await Self.vigie(
            ["source", "add", "--kind", "feed", "--name", "Known", "http://127.0.0.1:9/known.xml"], environment: environment)
        #expect(known.status == 0, "\(known.stderr)")
        // OPML 2.0 (http://opml.org/spec2.opml), as feed readers export it.
        let opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><head><title>Abonnements</title></head><body>
              <outline type="rss" text="Known again" xmlUrl="http://127.0.0.1:9/known.xml"/>
              <outline text="Conso"><outline type="rss" text="Le Carnet" xmlUrl="http://127.0.0.1:9/carnet.xml"/></outline>
              <outline type="rss" xmlUrl="http://127.0.0.1:9/untitled.xml"/>
              <outline type="rss" text="Gopher" xmlUrl="gopher://127.0.0.1/feed"/>
            </body></opml>
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-\(UUID().uuidString).opml")
        try Data(opml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let imported = try await Self.vigie(["source", "import", file.path], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 feeds added, 1 already known, 1 not http(s)"), "\(imported.stdout)")
        #expect(imported.stdout.contains("'Le Carnet': http://127.0.0.1:9/carnet.xml"), "\(imported.stdout)")
        let again = try await Self.vigie(["source", "import", file.path], environment: environment)
        #expect(again.stdout.contains("0 feeds added, 3 already known"), "\(again.stdout)")

        let exported = try await Self.vigie(["source", "export", "--title", "Mes flux"], environment: environment)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.hasPrefix("<?xml") && exported.stdout.contains("<title>Mes flux</title>"), "\(exported.stdout)")
        for url in ["known.xml", "carnet.xml", "untitled.xml"] {
            #expect(exported.stdout.contains("xmlUrl=\"http://127.0.0.1:9/\(url)\""), "\(url) in \(exported.stdout)")
        }
        #expect(exported.stdout.contains("<outline text=\"Conso\" title=\"Conso\">"), "\(exported.stdout)")

        let bad = try Data("<html/>".utf8)
        try bad.write(to: file)
        let refused = try await Self.vigie(["source", "import", file.path], environment: environment)
        #expect(refused.status == 65 && refused.stderr.contains("not <opml>"), "\(refused.stderr)")
        try await TestDatabase.drop(settings)
    }
}
