import ArgumentParser
import Foundation
import Logging
import VigieClassify
import VigieCommandLine
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
        var steps = StepClock()
        let settings = try CLIError.wrap { try db.resolve(logger: logger) }
        let local = (try? db.configuredServer()) == nil
        steps.done("database ready (\(local ? "local cluster \(try db.cluster.directory.path)" : settings.description))")
        let (synthetic, seed) = (self.synthetic, self.seed)
        let summary = try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 4) { database in
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
                let classified = try await ClassifyRun.run(database: database, configuration: .draining, logger: logger)
                steps.done("classified \(classified) posts with \(Classifier.version)")
                let table = try await TrendTable.render(database: database)
                // One token of its own, replaced on each run: only its digest is stored, so
                // the secret cannot be shown again, and runs add no tokens.
                let token = try await TokenStore(database).replace(name: "demo", role: .reader)
                return (table, token)
            }
        }
        print("")
        print(summary.0)
        if noServe { return }
        let token = summary.1
        let port = self.port
        try await Server.run(settings: settings, host: "127.0.0.1", port: port, logger: try db.makeLogger(defaultLevel: .warning)) { bound in
            print("""

                API listening on http://127.0.0.1:\(bound) (Ctrl-C to stop). Try:
                  curl -s -H 'Authorization: Bearer \(token)' 'http://127.0.0.1:\(bound)/v1/trends?brand=google&interval=month'
                """)
            Terminal.flush()
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
enum TrendTable {
    static func render(database: Database) async throws -> String {
        guard let version = try await ClassifierVersions(database).active() else { return "no classified posts yet" }
        let trends = TrendStore(database)
        let brands = try await BrandStore(database).all()
        var extents: [(id: Int64, name: String, first: Date, last: Date)] = []
        for brand in brands {
            guard let id = brand.id else { continue }
            if let e = try await trends.extent(brandID: id, version: version) { extents.append((id, brand.name, e.first, e.last)) }
        }
        guard let first = extents.map(\.first).min(), let last = extents.map(\.last).max() else {
            return "no brand mentions found"
        }
        let end = last.addingTimeInterval(3600)
        var rows: [(name: String, total: TrendBucket, months: [Int])] = []
        for brand in extents {
            let buckets = try await trends.trend(brandID: brand.id, version: version, interval: .month, from: first, to: end)
            rows.append((brand.name, TrendBucket.total(of: buckets, start: first), buckets.map(\.posts)))
        }
        rows.sort { ($0.total.posts, $1.name) > ($1.total.posts, $0.name) }
        let month = Date.FormatStyle().year().month(.twoDigits).locale(Locale(identifier: "en_US_POSIX"))
        var utc = month
        utc.timeZone = TimeZone(identifier: "UTC")!
        var topCategories: [String: String] = [:]
        for brand in extents {
            let totals = try await trends.categoryTotals(brandID: brand.id, version: version)
            topCategories[brand.name] = totals.prefix(3).map { "\($0.category) \($0.posts)" }.joined(separator: ", ")
        }
        var out = "Trends by brand, \(first.formatted(utc)) to \(last.formatted(utc)), classifier \(version)\n"
        let header = pad("brand", 16) + lpad("posts", 6) + lpad("neg", 5) + lpad("neu", 5) + lpad("pos", 5)
            + lpad("net", 7) + lpad("mean", 7) + "  " + pad("top categories", 34) + "volume by month"
        out += header + "\n" + String(repeating: "-", count: header.count + 20) + "\n"
        for row in rows {
            let t = row.total
            out += pad(row.name, 16) + lpad("\(t.posts)", 6) + lpad("\(t.negative)", 5) + lpad("\(t.neutral)", 5)
                + lpad("\(t.positive)", 5) + lpad(String(format: "%+.2f", t.netSentiment), 7)
                + lpad(String(format: "%+.2f", t.meanScore), 7) + "  " + pad(topCategories[row.name] ?? "", 34)
                + sparkline(row.months) + "\n"
        }
        let categories = try await trends.categoryTotals(brandID: 0, version: version)
        if !categories.isEmpty {
            out += "\nGovernance categories, all posts: "
            out += categories.map { "\($0.category) \($0.posts) (\($0.negative) negative)" }.joined(separator: ", ") + "\n"
        }
        out += "Posts without a publication date are counted when they were collected.\n"
        return out
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
        s.count >= n ? String(s.prefix(n - 1)) + " " : s + String(repeating: " ", count: n - s.count)
    }

    static func lpad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
    }
}
