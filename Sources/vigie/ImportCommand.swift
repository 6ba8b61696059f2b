import ArgumentParser
import Foundation
import Synchronization
import VigieCommandLine
import VigieIngest
import VigieStorage
import VigieWorkers

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import local files: JSONL, HTML or plain text.",
        discussion: """
            JSONL: one post per line, {"url", "title", "author", "published_at", "lang", "body", \
            "kind": "post|comment|pingback", "parent_url", "source"}; only body is required. \
            `-` reads JSONL from standard input. Files are streamed, whatever their size. \
            HTML and text files become one post each. Folders are walked recursively. \
            Re-importing adds nothing: posts are identified by a fingerprint of their content. \
            Bad lines (not JSON, a NUL character, invalid UTF-8, a body over 1 MiB) are reported \
            as file:line: reason and skipped; a date before 1990 or over a day ahead is dropped \
            with a warning and the post counted at its collection time. The exit status is 1 \
            when any line or file was skipped.
            """)

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Seconds between progress lines when standard error is not a terminal.")
    var progressInterval: Int = 10
    @Argument(help: "Files or folders to import; - for standard input.") var paths: [String]

    func validate() throws {
        guard progressInterval > 0 else { throw ValidationError("--progress-interval must be a positive number of seconds") }
    }

    func run() async throws {
        let logger = try db.makeLogger()
        let paths = self.paths
        let started = ContinuousClock.now
        let lines = ProgressLines(interval: .seconds(progressInterval))
        let report = try await db.withDatabase(logger: logger) { database in
            try await Importer(posts: PostStore(database), logger: logger) { progress in
                lines.report(progress)
            }.importPaths(paths)
        }
        Terminal.endProgress()
        for issue in report.issues { Terminal.warn("vigie: \(issue)") }
        let seconds = (ContinuousClock.now - started).seconds
        print(
            "imported \(report.inserted) new posts from \(report.files) files (\(report.revised) edited, \(report.duplicates) already stored, \(report.suppressed) suppressed, \(report.problems) problems, \(report.warnings) warnings) in \(String(format: "%.2f", seconds)) s")
        if report.problems > 0 { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}

/// Import progress: a line redrawn in place on a terminal; elsewhere (a log, a pipe) a
/// plain line at most once per `interval`, so that a long import shows it is alive.
final class ProgressLines: Sendable {
    let interval: Duration
    /// When the last line was printed, or the import started: a short import prints none.
    private let lastLine = Mutex(ContinuousClock.now)

    init(interval: Duration) { self.interval = interval }

    func report(_ progress: Importer.Progress) {
        var text = "importing \(progress.file): "
        if progress.bytesTotal > 0 {
            text += "\(progress.bytesDone * 100 / progress.bytesTotal)% (\(progress.records) records)"
        } else {
            text += "\(progress.bytesDone >> 20) MiB read (\(progress.records) records)"
        }
        if Terminal.isInteractive {
            Terminal.progress(text)
            return
        }
        let now = ContinuousClock.now
        let due = lastLine.withLock { last in
            guard now - last >= interval else { return false }
            last = now
            return true
        }
        if due { Terminal.warn("vigie: \(text)") }
    }
}
