import Foundation
import Logging
import VigieIngest
import VigieModel
import VigieStorage

/// Imports local files, standard input and records into the database in batches.
///
/// Files are streamed (see ``VigieIngest/JSONLReader``): memory holds a batch or two,
/// whatever the file's size. No line can abort an import: bad lines and unreadable files
/// are reported with file and line and skipped, a batch the database refuses is split
/// until the refused rows are found and reported, and a passing database failure is tried
/// again with backoff. Idempotent: posts already stored (same fingerprint) are counted as
/// duplicates and not written again.
public struct Importer: Sendable {
    public struct Progress: Sendable {
        public var file: String
        public var bytesDone: Int
        /// 0 when unknown (standard input, a pipe).
        public var bytesTotal: Int
        public var records: Int
    }

    public struct Report: Sendable {
        public var files = 0
        public var records = 0
        public var inserted = 0
        /// Known posts (same canonical URL, kind and parent) stored with new content.
        public var revised = 0
        public var duplicates = 0
        /// Posts a steward suppressed (their content, URL or author): never stored.
        public var suppressed = 0
        public var linked = 0
        /// Problems and warnings, in input order within each batch.
        public var issues: [ImportIssue] = []
        /// Lines skipped or files not read; warnings (kept lines) are not counted.
        public var problems: Int { issues.count { !$0.isWarning } }
        public var warnings: Int { issues.count { $0.isWarning } }
    }

    /// The largest HTML or text document imported, read whole.
    public static let maximumDocumentBytes = 16 << 20

    let posts: PostStore
    let batchSize: Int
    let backoff: Backoff
    let logger: Logger?
    let progress: @Sendable (Progress) -> Void

    public init(
        posts: PostStore, batchSize: Int = 1_000, backoff: Backoff = Backoff(), logger: Logger? = nil,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) {
        self.posts = posts
        self.batchSize = batchSize
        self.backoff = backoff
        self.logger = logger
        self.progress = progress
    }

    /// One batch to store: its posts, where each comes from, and the progress it makes.
    struct Batch: Sendable {
        var posts: [NewPost]
        var file: String
        /// The line (or the record's position) of each post.
        var lines: [Int?]
        var sourceKind: SourceKind
        var progress: Progress
    }

    /// Imports files and folders (walked recursively for files of a known format);
    /// `-` reads JSONL from standard input.
    public func importPaths(_ paths: [String]) async throws -> Report {
        var report = Report()
        for (path, format) in Self.expand(paths, issues: &report.issues) {
            report.files += 1
            let input: InputFile
            do {
                input = try InputFile(path: path)
            } catch {
                report.issues.append(ImportIssue(file: path, message: error.description))
                continue
            }
            let name = path == InputFile.standardInput ? "standard input" : path
            let total = input.size ?? 0
            do {
                if format == .jsonl {
                    var reader = JSONLReader(path: name) { try input.read() }
                    try await pipelined(into: &report) { report in
                        guard let batch = try reader.next(maxRecords: batchSize) else { return nil }
                        report.issues += batch.issues
                        return Batch(
                            posts: batch.records.map { NewPost($0) },
                            file: name, lines: batch.lines, sourceKind: .file,
                            progress: Progress(file: name, bytesDone: batch.offset, bytesTotal: total, records: 0))
                    }
                } else {
                    let data = try input.readAll(limit: Self.maximumDocumentBytes)
                    let result = DocumentReader.records(from: data, path: path, format: format)
                    report.issues += result.issues
                    var done = false
                    try await pipelined(into: &report) { _ in
                        guard !done else { return nil }
                        done = true
                        return Batch(
                            posts: result.records.map { NewPost($0) },
                            file: name, lines: result.records.map { _ in nil }, sourceKind: .file,
                            progress: Progress(file: name, bytesDone: data.count, bytesTotal: data.count, records: 0))
                    }
                }
            } catch let error as InputFileError {
                report.issues.append(ImportIssue(file: name, message: error.description))
            }
        }
        report.linked = try await posts.linkParents()
        return report
    }

    /// Imports records in memory (the bundled sample, the generator) or made as they are read
    /// (a lazy sequence: feeds parsed one by one), a batch at a time. A record the database
    /// refuses is reported under the source kind's name and its position from 1.
    public func importRecords(_ records: some Sequence<ImportRecord>, sourceKind: SourceKind) async throws -> Report {
        var report = Report()
        var remaining = records.makeIterator()
        // Exact for an array; 0, unknown, for a lazy sequence.
        let total = records.underestimatedCount
        var start = 0
        try await pipelined(into: &report) { _ in
            var batch: [ImportRecord] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let record = remaining.next() { batch.append(record) }
            guard !batch.isEmpty else { return nil }
            let end = start + batch.count
            defer { start = end }
            return Batch(
                posts: batch.map { NewPost($0) },
                file: sourceKind.rawValue, lines: (start..<end).map { $0 + 1 }, sourceKind: sourceKind,
                progress: Progress(file: sourceKind.rawValue, bytesDone: end, bytesTotal: total, records: 0))
        }
        report.linked = try await posts.linkParents()
        return report
    }

    /// Stores the batches `next` reads, one insert at a time, while the next batch is read
    /// and fingerprinted: decoding and hashing on this side overlap the database's work.
    private func pipelined(into report: inout Report, _ next: (inout Report) throws -> Batch?) async throws {
        try await withThrowingTaskGroup(of: (Batch, Stored).self) { group in
            var inFlight = false
            func collect(_ done: (batch: Batch, stored: Stored)) {
                report.records += done.batch.posts.count
                report.inserted += done.stored.inserted
                report.revised += done.stored.revised
                report.duplicates += done.stored.duplicates
                report.suppressed += done.stored.suppressed
                report.issues += done.stored.refused
                var progress = done.batch.progress
                progress.records = report.records
                self.progress(progress)
            }
            while let batch = try next(&report) {
                guard !batch.posts.isEmpty else { continue }
                if inFlight, let done = try await group.next() { collect(done) }
                group.addTask { (batch, try await self.store(batch.posts[...], of: batch)) }
                inFlight = true
            }
            while let done = try await group.next() { collect(done) }
        }
    }

    /// What storing part of a batch did.
    struct Stored: Sendable {
        var inserted = 0
        var revised = 0
        var duplicates = 0
        var suppressed = 0
        var refused: [ImportIssue] = []

        static func + (a: Stored, b: Stored) -> Stored {
            Stored(
                inserted: a.inserted + b.inserted, revised: a.revised + b.revised, duplicates: a.duplicates + b.duplicates,
                suppressed: a.suppressed + b.suppressed, refused: a.refused + b.refused)
        }
    }

    /// Stores `posts`, a slice of `batch`. When the database refuses them for their data,
    /// stores each half apart, down to the single posts it refuses, which are reported:
    /// one bad row costs about 2 log2(batch size) statements, and the rest is stored.
    func store(_ posts: ArraySlice<NewPost>, of batch: Batch) async throws -> Stored {
        do {
            let result = try await insertRetrying(Array(posts), sourceKind: batch.sourceKind)
            return Stored(
                inserted: result.inserted, revised: result.revised, duplicates: result.duplicates,
                suppressed: result.suppressed)
        } catch where !DatabaseFailure.classify(error).isRetryable {
            guard posts.count > 1 else {
                let line = batch.lines[posts.startIndex - batch.posts.startIndex]
                let issue = ImportIssue(
                    file: batch.file, line: line, message: "refused by the database: \(Database.reason(error))")
                return Stored(refused: [issue])
            }
            let middle = posts.startIndex + posts.count / 2
            let first = try await store(posts[..<middle], of: batch)
            return first + (try await store(posts[middle...], of: batch))
        }
    }

    /// Stores a batch, trying again with ``Backoff`` while the failure is worth retrying
    /// (``VigieStorage/DatabaseFailure/isRetryable``: a deadlock between two imports, a
    /// serialization failure, a lost connection). Safe to repeat: storing is idempotent.
    func insertRetrying(_ posts: [NewPost], sourceKind: SourceKind) async throws -> PostStore.InsertResult {
        var attempt = 1
        while true {
            do {
                return try await self.posts.insert(posts, sourceKind: sourceKind)
            } catch {
                let failure = DatabaseFailure.classify(error)
                guard failure.isRetryable, let delay = backoff.delay(after: attempt) else { throw error }
                logger?.warning(
                    "import batch failed; retrying",
                    metadata: [
                        "error": "\(Database.reason(error))", "db.failure": "\(failure)", "retry.delay": "\(delay)",
                        "retry.attempt": "\(attempt)",
                    ])
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// Files to import, in a stable order; unknown or missing paths become issues.
    /// `-` (standard input) is JSONL.
    static func expand(_ paths: [String], issues: inout [ImportIssue]) -> [(String, DocumentFormat)] {
        var files: [(String, DocumentFormat)] = []
        let fm = FileManager.default
        for path in paths {
            if path == InputFile.standardInput {
                files.append((path, .jsonl))
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                issues.append(ImportIssue(file: path, message: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let entries = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
                for entry in entries {
                    let full = (path as NSString).appendingPathComponent(entry)
                    if let format = DocumentFormat(path: full) { files.append((full, format)) }
                }
            } else if let format = DocumentFormat(path: path) {
                files.append((path, format))
            } else {
                issues.append(ImportIssue(file: path, message: "unknown format: use .jsonl, .html, .htm, .txt or .md"))
            }
        }
        return files
    }
}
