import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import VigieClassify
import VigieCommandLine
import VigieModel
import VigieStorage
import VigieWorkers

/// `vigie-bench classify`: the classifier in-process on one core, then the worker end to end
/// on a database of its own.
struct ClassifyBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classification speed: in-process on one core, and the worker end to end with database writes.",
        discussion: """
            In-process: language, sentiment, 50 brand queries and categories over generated 1 KiB posts, \
            posts per CPU-second of one core. End to end: the same posts imported into a throwaway \
            PostgreSQL cluster (or the configured server, into new tables of its own database), then \
            drained by the classification worker: posts per wall-clock second including leasing, \
            result and rollup writes. Both run in the same process, so the ratio between them holds \
            on a busy machine.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Posts for the in-process measurement.") var posts = 20_000
    @Option(help: "Posts for the end-to-end measurement.") var endToEndPosts = 50_000
    @Option(help: "Brand queries.") var brands = 50
    @Option(help: "Concurrent batches of the worker.") var jobs = 2
    @Option(help: "Posts per worker transaction.") var batchSize = 1_000

    func validate() throws {
        for (flag, value) in [
            ("--posts", posts), ("--end-to-end-posts", endToEndPosts), ("--brands", brands), ("--jobs", jobs),
            ("--batch-size", batchSize),
        ] where value <= 0 {
            throw ValidationError("\(flag) must be positive")
        }
    }

    func run() async throws {
        let logger = try db.makeLogger()
        let inProcess = ClassifierBenchmark.run(posts: posts, brandCount: brands)
        print("classifier \(Classifier.version)")
        print(String(
            format: "in-process: %d posts of %d bytes, %d brand queries: %.0f posts/s per core (CPU time), %.0f posts/s wall",
            inProcess.posts, inProcess.averagePostBytes, inProcess.brandQueries,
            inProcess.postsPerSecond, inProcess.postsPerWallSecond))
        Terminal.flush()

        let (count, batchSize, jobs, brandCount) = (endToEndPosts, batchSize, jobs, brands)
        // A database of its own, on a throwaway cluster unless a server is configured.
        let figures = try await BenchServer.with(db, logger: logger) { server in
            try await server.withDatabase(suffix: "_classify") { settings in
                try await measureEndToEnd(
                    settings: settings, logger: logger, count: count, batchSize: batchSize, jobs: jobs,
                    brandCount: brandCount)
            }
        }
        print(String(format: "import: %d posts in %.2f s: %.0f posts/s", figures.0, figures.1, Double(figures.0) / figures.1))
        let endToEnd = Double(figures.2) / figures.3
        print(String(
            format: "worker end to end: %d posts in %.2f s with %d jobs, batches of %d: %.0f posts/s (%.0f%% of one core in-process)",
            figures.2, figures.3, jobs, batchSize, endToEnd, endToEnd / inProcess.postsPerSecond * 100))
    }

    private func measureEndToEnd(
        settings: ConnectionSettings, logger: Logger, count: Int, batchSize: Int, jobs: Int, brandCount: Int
    ) async throws -> (Int, Double, Int, Double) {
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: jobs + 2) { database in
                try await Migrator(database: database).migrate()
                let rules = ClassifierBenchmark.brandRules(count: brandCount)
                try await BrandStore(database).upsert(rules.map { Brand(name: $0.name, query: $0.query) })
                let start = Timestamp.parse("2024-01-01")!
                let records = ClassifierBenchmark.posts(count: count).enumerated().map { i, post in
                    ImportRecord(
                        url: "https://bench.example/\(i)", title: post.title, author: post.author,
                        publishedAt: start.addingTimeInterval(Double(i) * 60), body: post.text + " #\(i)")
                }
                let importStart = ContinuousClock.now
                let report = try await Importer(posts: PostStore(database), batchSize: 2_000).importRecords(records, sourceKind: .synthetic)
                let importSeconds = (ContinuousClock.now - importStart).seconds
                var configuration = ClassifyWorker.Configuration()
                configuration.drain = true
                configuration.batchSize = batchSize
                configuration.concurrency = jobs
                let classifyStart = ContinuousClock.now
                let classified = try await ClassifyRun.run(database: database, configuration: configuration, logger: logger).classified
                let classifySeconds = (ContinuousClock.now - classifyStart).seconds
                return (report.inserted, importSeconds, classified, classifySeconds)
            }
        }
    }
}
