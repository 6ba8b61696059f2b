import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
import VigieFetch
import VigieModel
import VigieStorage
import VigieTestSupport
import VigieWorkers

extension CollectorKindsTests {
    /// A post as stored, to check identities and comment links.
    struct StoredPost: Sendable {
        var id: Int64
        var url: String?
        var kind: String
        var parentID: Int64?
    }

    /// One source on a fresh database, collected by passes of a real `Collector`.
    struct Run: Sendable {
        let database: Database
        let fetcher: Fetcher
        /// The fixture server's `http://127.0.0.1:PORT`.
        let base: String
        /// The source as added.
        let source: Source

        /// Makes the source due and runs one collector pass (`once`); what it did.
        func pass() async throws -> [Collector.Event] {
            try await SourceStore(database).resume(source.id)
            var configuration = Collector.Configuration(workerName: "kinds-test")
            configuration.once = true
            let events = Mutex<[Collector.Event]>([])
            try await Collector(
                database: database, fetcher: fetcher, configuration: configuration,
                environment: ["VIGIE_TEST_BSKY_PASSWORD": "app-password"], logger: TestDatabase.logger
            ) { event in
                switch event {
                case .collected, .failed, .leaseLost: events.withLock { $0.append(event) }
                case .rescued, .retrying: return
                }
            }.run()
            return events.withLock { $0 }
        }

        /// The source as stored now.
        func stored() async throws -> Source {
            try #require(try await SourceStore(database).source(id: source.id))
        }

        /// Every stored post, in insertion order.
        func posts() async throws -> [StoredPost] {
            let rows = try await database.client.query(
                "SELECT id, url, kind, parent_id FROM posts ORDER BY id", logger: database.logger)
            var posts: [StoredPost] = []
            for try await (id, url, kind, parent) in rows.decode((Int64, String?, String, Int64?).self) {
                posts.append(StoredPost(id: id, url: url, kind: kind, parentID: parent))
            }
            return posts
        }
    }

    /// Serves `server`, adds a source of `kind` at its base URL and `path` with `options` (and the brand
    /// "Maison Vert", whose saved query a search source with `options["brand"]` looks for)
    /// on a fresh database, and runs `body`.
    static func collect(
        _ server: FixtureServer, kind: SourceKind, path: String = "", options: [String: String] = [:], _ body: @escaping @Sendable (Run) async throws -> Void
    ) async throws {
        try await server.run { base in
            try await TestDatabase.with { database in
                _ = try await BrandStore(database).upsert([Brand(name: "Maison Vert", query: "\"maison vert\" OR maisonvert")])
                let source = try await SourceStore(database).add(
                    name: "\(kind.rawValue) test", kind: kind, url: base + path, options: options)
                var configuration = FetchConfiguration(userAgent: "Vigie/test (+http://127.0.0.1/)")
                configuration.allowLoopback = true
                let fetcher = Fetcher(configuration: configuration, logger: TestDatabase.logger)
                do {
                    try await body(Run(database: database, fetcher: fetcher, base: base, source: source))
                } catch {
                    try? await fetcher.shutdown()
                    throw error
                }
                try await fetcher.shutdown()
            }
        }
    }
}
