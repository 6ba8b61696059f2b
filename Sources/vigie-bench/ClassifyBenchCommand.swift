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

        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-bench-\(getpid())")
        // A throwaway cluster, run with the server programs and account the configuration names.
        let configuredCluster = try db.cluster
        let cluster = LocalCluster(
            directory: directory, durable: false, serverBinDirectory: configuredCluster.serverBinDirectory,
            serverAccountName: configuredCluster.serverAccountName)
        let configured = try CLIError.wrap { try db.configuredServer() }
        var settings: ConnectionSettings
        if let configured {
            settings = configured
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            settings = try CLIError.wrap { try cluster.start() }
        }
        defer {
            if configured == nil {
                _ = try? cluster.stop(immediate: true)
                try? FileManager.default.removeItem(at: directory)
            }
        }
        // A database of its own, so nothing of the user's is touched.
        let benchDatabase = "vigie_bench_\(getpid())"
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 1) { database in
                try await database.client.query(PostgresQueryText.createDatabase(benchDatabase), logger: logger)
            }
        }
        let admin = settings
        settings.database = benchDatabase
        let dropBenchDatabase: @Sendable () async -> Void = {
            _ = try? await Database.withDatabase(admin, logger: logger, maximumConnections: 1) { database in
                try await database.client.query(PostgresQueryText.dropDatabase(benchDatabase), logger: logger)
            }
        }
        let (count, batchSize, jobs, brandCount) = (endToEndPosts, batchSize, jobs, brands)
        let figures: (Int, Double, Int, Double)
        do {
            figures = try await measureEndToEnd(
                settings: settings, logger: logger, count: count, batchSize: batchSize, jobs: jobs, brandCount: brandCount)
        } catch {
            await dropBenchDatabase()
            throw error
        }
        await dropBenchDatabase()
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

/// Statements that take identifiers, which cannot be bound parameters: the
/// names here are made by Vigie (digits and letters), never by a user.
enum PostgresQueryText {
    static func createDatabase(_ name: String) -> PostgresQuery {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        return PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")
    }

    static func dropDatabase(_ name: String) -> PostgresQuery {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        return PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)")
    }
}
