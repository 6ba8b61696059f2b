import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VigieClassify
import VigieCommandLine
import VigieModel
import VigieSample
import VigieStorage
import VigieWorkers

struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify queued posts: language, sentiment, brands, governance categories.",
        discussion: """
            Leases unclassified posts in batches (FOR UPDATE SKIP LOCKED: run as many workers \
            as you like, on any host), writes classifications stamped with the classifier \
            version and updates the trend rollups in the same transaction, so nothing is \
            classified or counted twice. Stops when the queue is empty unless --watch.

            A post that fails to classify is found by splitting its batch, moved to a \
            failed list with its error, and the queue moves on: --status lists them, \
            --retry-failed queues them again.

            --stdin needs no database: it reads JSONL ({"id"?, "text", "title"?, "lang"?}) and \
            writes one JSON result per line, with the rules that produced it; each brand found \
            gets its own sentiment, read from the clauses naming it, and says which.
            """)

    @OptionGroup var db: DatabaseOptions

    @Flag(help: "Keep running and classify new posts as they arrive.") var watch = false
    @Flag(help: "Backfill this build's classifier version over every post while the active one keeps serving, then switch the trends to it.")
    var reclassify = false
    @Option(help: "Posts per transaction.") var batchSize = 500
    @Option(help: "Concurrent batches in this process.") var jobs = 1
    @Flag(help: "Print what is queued, classified and failed per classifier version, and the failed posts; classify nothing.")
    var status = false
    @Flag(help: "Queue the posts on the failed list again, then classify.") var retryFailed = false
    @Flag(help: "Read JSONL from standard input and write results to standard output; no database.") var stdin = false
    @Option(help: "With --stdin: a brands JSON file ([{\"name\", \"query\"}]); default: the bundled sample brands.")
    var brands: String?

    func validate() throws {
        guard batchSize >= 1 && batchSize <= 10_000 else { throw ValidationError("--batch-size must be between 1 and 10000") }
        guard jobs >= 1 && jobs <= 64 else { throw ValidationError("--jobs must be between 1 and 64") }
        if status && (watch || reclassify || retryFailed || stdin) {
            throw ValidationError("--status only reports; it goes with no other mode")
        }
    }

    func run() async throws {
        if stdin { return try StdinClassifier(brandsFile: brands).run() }
        let logger = try db.makeLogger()
        if status {
            return try await db.withDatabase(logger: logger) { database in try await ClassifyStatusReport.print(database) }
        }
        var configuration = ClassifyWorker.Configuration()
        configuration.batchSize = batchSize
        configuration.concurrency = jobs
        configuration.drain = !watch
        configuration.reclassify = reclassify
        let settings = configuration
        let started = ContinuousClock.now
        let retryFailed = self.retryFailed
        let done: ClassifyRun.Outcome = try await db.withDatabase(logger: logger, maximumConnections: jobs + 2, waitForServer: watch) { database in
            if retryFailed {
                let queued = try await ClassifyFailures(database).retry(version: Classifier.version)
                print("queued \(queued) failed posts again")
            }
            return try await ClassifyRun.run(database: database, configuration: settings, logger: logger)
        }
        let seconds = (ContinuousClock.now - started).seconds
        print("classified \(done.classified) posts in \(String(format: "%.2f", seconds)) s with \(Classifier.version)")
        if done.failed > 0 {
            Terminal.warn("\(done.failed) posts failed to classify and are on the failed list: see 'vigie classify --status'")
            throw ExitCode(ExitStatus.partial.rawValue)
        }
    }
}

/// `vigie classify --stdin`: JSONL in, one result per line out.
struct StdinClassifier {
    struct Input: Decodable {
        var id: String?
        var text: String
        var title: String?
        var lang: String?
        var author: String?

        enum CodingKeys: String, CodingKey { case id, text, title, lang, author }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let n = try? c.decodeIfPresent(Int64.self, forKey: .id) { id = String(n) } else {
                id = try c.decodeIfPresent(String.self, forKey: .id)
            }
            text = try c.decode(String.self, forKey: .text)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            lang = try c.decodeIfPresent(String.self, forKey: .lang)
            author = try c.decodeIfPresent(String.self, forKey: .author)
        }
    }

    let brandsFile: String?

    func run() throws {
        let definitions: [Brand]
        if let brandsFile {
            definitions = try JSONDecoder().decode([Brand].self, from: Data(contentsOf: URL(fileURLWithPath: brandsFile)))
        } else {
            definitions = try SampleCorpus.brands()
        }
        let classifier: Classifier
        do { classifier = try Classifier(brands: definitions) } catch { throw CLIError(.badInput, "brand query error: \(error)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoder = JSONDecoder()
        var lineNumber = 0
        var failures = 0
        let out = FileHandle.standardOutput
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                let input = try decoder.decode(Input.self, from: Data(line.utf8))
                let result = classifier.classify(
                    ClassifierInput(id: input.id, title: input.title, text: input.text, author: input.author, lang: input.lang))
                var data = try encoder.encode(result)
                data.append(0x0A)
                out.write(data)
            } catch {
                failures += 1
                Terminal.warn("vigie: stdin:\(lineNumber): expected {\"id\"?, \"text\", \"title\"?, \"lang\"?}")
            }
        }
        if failures > 0 { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}

/// `vigie classify --status`.
enum ClassifyStatusReport {
    static func print(_ database: Database) async throws {
        let status = try await ClassificationStatus.load(database)
        if status.versions.isEmpty { Swift.print("no classifier version yet: run 'vigie classify'") }
        for version in status.versions {
            let role = version.active ? "active" : "backfilling"
            let this = version.version == Classifier.version ? ", this build" : ""
            Swift.print(
                "\(version.version) (\(role)\(this)): \(version.classified) classified, \(version.queued) queued, \(version.failed) failed, \(version.brandBackfill) waiting for the brand backfill")
        }
        let failures = try await ClassifyFailures(database).list(limit: 50)
        guard !failures.isEmpty else { return }
        Swift.print("\nfailed posts, most recent first:")
        for failure in failures {
            Swift.print(
                "  post \(failure.postID)  \(failure.version)  \(failure.attempts) attempts  \(Timestamp.format(failure.lastFailedAt))  \(failure.error)")
        }
    }
}
