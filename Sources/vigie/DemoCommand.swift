import ArgumentParser
import Foundation
import Logging
import VigieClassify
import VigieCommandLine
import VigieFetch
import VigieModel
import VigieSample
import VigieStorage
import VigieWorkers

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline on the bundled sample corpus, then serve the API.",
        discussion: """
            Starts (or reuses) the local cluster unless a server is configured, migrates, loads \
            the sample brands, imports the bundled sample corpus (French blog posts, comments and \
            pingbacks, 2012-2015), classifies, prints a trend table, creates a reader token and \
            serves the API on localhost until interrupted. Running it again adds nothing (its token \
            "demo" is replaced, not added).
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Also generate and import this many synthetic posts (2012-2015), so trends have shape.")
    var synthetic = 0
    @Option(help: "Seed of the synthetic corpus.") var seed: UInt64 = 42
    @Flag(help: "Stop after printing the trend table.") var noServe = false
    @Option(help: "Port for the API (default 8080).") var port = 8080

    func validate() throws {
        guard synthetic >= 0 && synthetic <= 10_000_000 else { throw ValidationError("--synthetic must be between 0 and 10000000") }
    }

    func run() async throws {
        let logger = try db.makeLogger()
        let quiet = try db.makeLogger(defaultLevel: .warning)
        var steps = StepClock()
        let settings = try CLIError.wrap { try db.resolve(logger: logger) }
        let local = (try? db.configuredServer()) == nil
        steps.done("database ready (\(local ? "local cluster \(try db.cluster.directory.path)" : settings.description))")
        let (synthetic, seed, noServe, port) = (self.synthetic, self.seed, self.noServe, self.port)
        let fetcher = DemoCollecting.fetcher(logger: quiet)
        do {
            try await DemoCollecting.withSite(logger: quiet) { base, hashtag in
                let (table, token) = try await CLIError.wrapAsync {
                    try await Database.withDatabase(settings, logger: logger, maximumConnections: 4) { database in
                        try await Self.prepare(
                            database, base: base, hashtag: hashtag, fetcher: fetcher, synthetic: synthetic, seed: seed,
                            logger: logger, quiet: quiet)
                    }
                }
                print("")
                print(table)
                if noServe { return }
                try await Self.serve(settings: settings, port: port, token: token, base: base, fetcher: fetcher, logger: quiet)
            }
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
        try await fetcher.shutdown()
    }

    /// Migrates, loads the sample, collects the demo site once, classifies: the trend table
    /// and a fresh reader token.
    static func prepare(
        _ database: Database, base: String, hashtag: String, fetcher: Fetcher, synthetic: Int, seed: UInt64,
        logger: Logger, quiet: Logger
    ) async throws -> (String, String) {
        var steps = StepClock()
        let migrated = try await Migrator(database: database).migrate()
        steps.done("schema: \(migrated.isEmpty ? "up to date" : "applied \(migrated.joined(separator: ", "))")")
        let brandDefinitions = try SampleCorpus.brands()
        try await BrandStore(database).upsert(brandDefinitions)
        steps.done("brands: \(brandDefinitions.count) sample brands")
        let importer = Importer(posts: PostStore(database)) { p in
            Terminal.progress("importing \(p.file): \(p.bytesDone)/\(p.bytesTotal)")
        }
        let sample = try await importer.importRecords(try SampleCorpus.records(), sourceKind: .sample)
        Terminal.endProgress()
        steps.done("sample corpus: \(sample.records) records, \(sample.inserted) new, \(sample.duplicates) already stored")
        if synthetic > 0 {
            let generator = SyntheticCorpus(
                seed: seed, brands: brandDefinitions,
                start: Timestamp.parse("2012-01-01")!, end: Timestamp.parse("2016-01-01")!)
            let report = try await importer.importRecords(generator.records(count: synthetic), sourceKind: .synthetic)
            Terminal.endProgress()
            steps.done("synthetic corpus: \(report.records) records, \(report.inserted) new")
        }
        for line in try await DemoCollecting.ensureSources(database, base: base, hashtag: hashtag) { print(line) }
        let collected = try await DemoCollecting.collect(database: database, fetcher: fetcher, once: true, logger: quiet)
        steps.done("collected \(collected) new posts from the demo site and the other sources")
        let classified = try await ClassifyRun.run(database: database, configuration: .draining, logger: logger).classified
        steps.done("classified \(classified) posts with \(Classifier.version)")
        let table = try await TrendTable.render(database: database)
        // One token of its own, replaced on each run: only its digest is stored, so
        // the secret cannot be shown again, and runs add no tokens.
        let token = try await TokenStore(database).replace(name: "demo", role: .reader)
        return (table, token)
    }

    /// Serves the API while a collector watches the sources and a classifier the queue,
    /// until SIGINT or SIGTERM.
    static func serve(
        settings: ConnectionSettings, port: Int, token: String, base: String, fetcher: Fetcher, logger: Logger
    ) async throws {
        try await Database.withDatabase(settings, logger: logger, maximumConnections: 4) { database in
            let classifier = try Classifier(brands: try await BrandStore(database).all())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await DemoCollecting.collect(database: database, fetcher: fetcher, once: false, logger: logger) }
                group.addTask {
                    try await ClassifyWorker(database: database, classifier: classifier, configuration: .init(), logger: logger).run()
                }
                try await Server.run(settings: settings, host: "127.0.0.1", port: port, logger: logger) { bound in
                    print("""

                        API listening on http://127.0.0.1:\(bound) (Ctrl-C to stop). Try:
                          curl -s -H 'Authorization: Bearer \(token)' 'http://127.0.0.1:\(bound)/v1/trends?brand=google&interval=month'
                        A collector and a classifier run alongside: new posts show in the trends as they arrive.
                        \(DemoCollecting.hints(base: base))
                        """)
                    Terminal.flush()
                }
                group.cancelAll()
            }
        }
    }
}

/// Prints how long each step took.
struct StepClock {
    var last = ContinuousClock.now

    mutating func done(_ what: String) {
        let now = ContinuousClock.now
        print(String(format: "%6.2f s  ", (now - last).seconds) + what)
        Terminal.flush()
        last = now
    }
}

/// The demo's trend table: one row per brand, a sparkline of monthly volume.
///
/// Posts without a publication date are counted apart, in the `undated` column: the
/// rollups count them at their collection time, which for the bundled sample is the day
/// of the import, and would stretch every brand's period from 2012 to today. The period,
/// the months and the other columns come from the dated posts.
enum TrendTable {
    struct Row {
        var name: String
        var total: TrendBucket
        var months: [Int]
        var undated: Int
        var categories: String
    }

    static func render(database: Database) async throws -> String {
        guard let version = try await ClassifierVersions(database).active() else { return "no classified posts yet" }
        let trends = TrendStore(database)
        let dates = PostDates(database)
        var found: [(id: Int64, name: String, first: Date?, last: Date?, undated: Int)] = []
        for brand in try await BrandStore(database).all() {
            guard let id = brand.id else { continue }
            let e = try await dates.extent(brandID: id, version: version)
            if e.first != nil || e.undated > 0 { found.append((id, brand.name, e.first, e.last, e.undated)) }
        }
        guard !found.isEmpty else { return "no brand mentions found" }
        let period = found.compactMap(\.first).min().flatMap { first in found.compactMap(\.last).max().map { (first, $0) } }
        var rows: [Row] = []
        for brand in found {
            var buckets: [TrendBucket] = []
            if let period, brand.first != nil {
                buckets = try await trends.trend(
                    brandID: brand.id, version: version, interval: .month, from: period.0,
                    to: period.1.addingTimeInterval(3600))
            }
            let categories = try await trends.categoryTotals(brandID: brand.id, version: version)
            rows.append(
                Row(
                    name: brand.name, total: TrendBucket.total(of: buckets, start: period?.0 ?? Date()),
                    months: buckets.map(\.posts), undated: brand.undated,
                    categories: categories.prefix(3).map { "\($0.category) \($0.posts)" }.joined(separator: ", ")))
        }
        rows.sort { ($0.total.posts, $0.undated, $1.name) > ($1.total.posts, $1.undated, $0.name) }
        let month = Date.FormatStyle().year().month(.twoDigits).locale(Locale(identifier: "en_US_POSIX"))
        var utc = month
        utc.timeZone = TimeZone(identifier: "UTC")!
        let span = period.map { "\($0.0.formatted(utc)) to \($0.1.formatted(utc))" } ?? "no dated posts"
        var out = "Trends by brand, \(span), classifier \(version)\n"
        out += format(rows)
        let categories = try await trends.categoryTotals(brandID: 0, version: version)
        if !categories.isEmpty {
            out += "\nGovernance categories, all posts: "
            out += categories.map { "\($0.category) \($0.posts) (\($0.negative) negative)" }.joined(separator: ", ") + "\n"
        }
        out += """
            Posts without a publication date are counted apart, under 'undated': the API counts \
            them at their collection time.

            """
        return out
    }

    /// The rows under a header, each column as wide as its widest cell, two spaces apart:
    /// numbers are right-aligned, names and categories left-aligned, the sparkline last.
    static func format(_ rows: [Row]) -> String {
        let header = ["brand", "posts", "neg", "neu", "pos", "net", "mean", "undated", "top categories", "volume by month"]
        let leftAligned: Set<Int> = [0, 8, 9]
        var cells = [header]
        for row in rows {
            let t = row.total
            cells.append([
                row.name, "\(t.posts)", "\(t.negative)", "\(t.neutral)", "\(t.positive)",
                String(format: "%+.2f", t.netSentiment), String(format: "%+.2f", t.meanScore), "\(row.undated)",
                row.categories, sparkline(row.months),
            ])
        }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines = cells.map { line in
            line.indices.map { column in
                let cell = line[column]
                if column == line.count - 1 { return cell }
                return leftAligned.contains(column) ? pad(cell, widths[column]) : lpad(cell, widths[column])
            }.joined(separator: "  ")
        }
        lines.insert(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)), at: 1)
        return lines.joined(separator: "\n") + "\n"
    }

    static func sparkline(_ values: [Int]) -> String {
        let bars = Array(" ▁▂▃▄▅▆▇█")
        let top = max(1, values.max() ?? 1)
        // At most 60 columns: months are summed in groups when the range is long.
        let group = max(1, (values.count + 59) / 60)
        var out = ""
        var i = 0
        while i < values.count {
            let sum = values[i..<min(i + group, values.count)].reduce(0, +)
            let level = sum == 0 ? 0 : max(1, Int((Double(sum) / Double(top * group) * 8).rounded(.up)))
            out.append(bars[min(8, level)])
            i += group
        }
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    static func lpad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
    }
}
