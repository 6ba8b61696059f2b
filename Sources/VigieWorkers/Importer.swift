import Foundation
import Logging
import VigieIngest
import VigieModel
import VigieStorage

/// Imports local files and records into the database in batches.
///
/// Bad lines and unreadable files are reported with file and line and skipped;
/// everything else is imported. Idempotent: posts already stored (same
/// fingerprint) are counted as duplicates and not written again.
public struct Importer: Sendable {
    public struct Progress: Sendable {
        public var file: String
        public var bytesDone: Int
        public var bytesTotal: Int
        public var records: Int
    }

    public struct Report: Sendable {
        public var files = 0
        public var records = 0
        public var inserted = 0
        public var duplicates = 0
        public var linked = 0
        public var issues: [ImportIssue] = []
    }

    let posts: PostStore
    let batchSize: Int
    let progress: @Sendable (Progress) -> Void

    public init(posts: PostStore, batchSize: Int = 1_000, progress: @escaping @Sendable (Progress) -> Void = { _ in }) {
        self.posts = posts
        self.batchSize = batchSize
        self.progress = progress
    }

    /// Imports files; folders are walked recursively for files of a known format.
    public func importPaths(_ paths: [String]) async throws -> Report {
        var report = Report()
        for (path, format) in Self.expand(paths, issues: &report.issues) {
            report.files += 1
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            } catch {
                report.issues.append(ImportIssue(file: path, message: "cannot read: \(error.localizedDescription)"))
                continue
            }
            if format == .jsonl {
                var reader = JSONLReader(data: data, path: path)
                try await pipelined(into: &report) { report in
                    guard let batch = try reader.next(maxRecords: batchSize) else { return nil }
                    report.issues += batch.issues
                    let progress = Progress(file: path, bytesDone: batch.offset, bytesTotal: data.count, records: 0)
                    return (batch.records, .file, progress)
                }
            } else {
                var done = false
                try await pipelined(into: &report) { report in
                    guard !done else { return nil }
                    done = true
                    let result = DocumentReader.records(from: data, path: path, format: format)
                    report.issues += result.issues
                    return (result.records, .file, Progress(file: path, bytesDone: data.count, bytesTotal: data.count, records: 0))
                }
            }
        }
        report.linked = try await posts.linkParents()
        return report
    }

    /// Imports records already in memory (the bundled sample, the generator).
    public func importRecords(_ records: [ImportRecord], sourceKind: SourceKind) async throws -> Report {
        var report = Report()
        var start = 0
        try await pipelined(into: &report) { _ in
            guard start < records.count else { return nil }
            let end = min(start + batchSize, records.count)
            defer { start = end }
            return (
                Array(records[start..<end]), sourceKind,
                Progress(file: sourceKind.rawValue, bytesDone: end, bytesTotal: records.count, records: 0)
            )
        }
        report.linked = try await posts.linkParents()
        return report
    }

    /// Stores the batches `next` reads, one insert at a time, while the next batch is read
    /// and fingerprinted: decoding and hashing on this side overlap the database's work.
    private func pipelined(
        into report: inout Report,
        _ next: (inout Report) throws -> (records: [ImportRecord], sourceKind: SourceKind, progress: Progress)?
    ) async throws {
        let store = posts
        try await withThrowingTaskGroup(of: (Int, PostStore.InsertResult, Progress).self) { group in
            var inFlight = false
            func collect(_ done: (Int, PostStore.InsertResult, Progress)) {
                report.records += done.0
                report.inserted += done.1.inserted
                report.duplicates += done.1.duplicates
                var progress = done.2
                progress.records = report.records
                self.progress(progress)
            }
            while let (records, sourceKind, progress) = try next(&report) {
                guard !records.isEmpty else { continue }
                let posts = records.map { NewPost(record: $0, fingerprint: $0.fingerprint) }
                if inFlight, let done = try await group.next() { collect(done) }
                group.addTask { (records.count, try await Self.insert(posts, sourceKind: sourceKind, into: store), progress) }
                inFlight = true
            }
            while let done = try await group.next() { collect(done) }
        }
    }

    /// Tries a batch again, up to this many times in all, when the server gives its
    /// transaction up for another (two imports of overlapping files can deadlock).
    static let maximumAttempts = 5

    /// Stores a batch, trying again while the failure is ``VigieStorage/DatabaseFailure/transient``;
    /// any other failure ends the import.
    static func insert(_ posts: [NewPost], sourceKind: SourceKind, into store: PostStore) async throws -> PostStore.InsertResult {
        var attempt = 1
        while true {
            do {
                return try await store.insert(posts, sourceKind: sourceKind)
            } catch where attempt < maximumAttempts && DatabaseFailure.classify(error) == .transient {
                attempt += 1
            }
        }
    }

    /// Files to import, in a stable order; unknown or missing paths become issues.
    static func expand(_ paths: [String], issues: inout [ImportIssue]) -> [(String, DocumentFormat)] {
        var files: [(String, DocumentFormat)] = []
        let fm = FileManager.default
        for path in paths {
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
