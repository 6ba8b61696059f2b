import ArgumentParser
import Foundation
import VigieCommandLine
import VigieStorage
import VigieWorkers

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import local files: JSONL, HTML or plain text.",
        discussion: """
            JSONL: one post per line, {"url", "title", "author", "published_at", "lang", "body", \
            "kind": "post|comment|pingback", "parent_url", "source"}; only body is required. \
            HTML and text files become one post each. Folders are walked recursively. \
            Re-importing adds nothing: posts are identified by a fingerprint of their content. \
            Bad lines are reported with file and line and skipped; the exit status is 1 when \
            any line or file failed.
            """)

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "Files or folders to import.") var paths: [String]

    func run() async throws {
        let logger = try db.makeLogger()
        let paths = self.paths
        let started = ContinuousClock.now
        let report = try await db.withDatabase(logger: logger) { database in
            try await Importer(posts: PostStore(database)) { progress in
                let percent = progress.bytesTotal == 0 ? 100 : progress.bytesDone * 100 / progress.bytesTotal
                Terminal.progress("importing \(progress.file): \(percent)% (\(progress.records) records)")
            }.importPaths(paths)
        }
        Terminal.endProgress()
        for issue in report.issues { Terminal.warn("vigie: \(issue)") }
        let seconds = (ContinuousClock.now - started).seconds
        print(
            "imported \(report.inserted) new posts from \(report.files) files (\(report.revised) edited, \(report.duplicates) already stored, \(report.issues.count) problems) in \(String(format: "%.2f", seconds)) s")
        if !report.issues.isEmpty { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}
