import Foundation
import VigieModel

/// Reads JSONL import records in batches from a stream of chunks, reporting bad lines by
/// number and going on. Memory holds one batch, one chunk and one line, whatever the size
/// of the input (see ``LineSplitter``).
///
/// A line is skipped, with `file:line: reason`, when it is not one JSON object of the
/// import format, holds a NUL character or invalid UTF-8, or breaks ``ImportLimits``.
/// A publication date before 1990 or more than a day ahead is dropped with a warning:
/// the post is kept and counted at its collection time.
public struct JSONLReader {
    public struct Batch: Sendable {
        public var records: [ImportRecord]
        /// The line of each record, in the same order.
        public var lines: [Int]
        public var issues: [ImportIssue]
        /// Bytes of the input consumed so far, for progress reports.
        public var offset: Int
    }

    var splitter: LineSplitter
    let path: String
    let now: Date
    let decoder = JSONDecoder()

    /// Reads the chunks `read` returns until it returns nil.
    public init(path: String, now: Date = Date(), read: @escaping () throws -> [UInt8]?) {
        self.splitter = LineSplitter(maximumLineBytes: ImportLimits.maximumLineBytes, read: read)
        self.path = path
        self.now = now
    }

    /// Reads bytes already in memory.
    public init(data: Data, path: String, now: Date = Date()) {
        var chunk: [UInt8]? = Array(data)
        self.init(path: path, now: now) {
            defer { chunk = nil }
            return chunk
        }
    }

    /// The next batch of up to `maxRecords` records and about `maxBytes` bytes of input,
    /// or nil at the end of the input. Throws only what reading throws.
    public mutating func next(maxRecords: Int, maxBytes: Int = 8 << 20) throws -> Batch? {
        var batch = Batch(records: [], lines: [], issues: [], offset: 0)
        let startOffset = splitter.offset
        var sawLine = false
        while batch.records.count < maxRecords && splitter.offset - startOffset < maxBytes,
            let line = try splitter.next()
        {
            sawLine = true
            let number = splitter.lineNumber
            switch line {
            case .tooLong:
                batch.issues.append(issue(number, "line longer than \(ImportLimits.maximumLineBytes) bytes (8 MiB)"))
            case .text(let bytes):
                switch decode(bytes) {
                case .none:
                    continue
                case .failure(let reason):
                    batch.issues.append(issue(number, reason))
                case .success(var record):
                    if let warning = ImportLimits.dropImplausibleDate(of: &record, now: now) {
                        batch.issues.append(ImportIssue(file: path, line: number, message: warning, isWarning: true))
                    }
                    if record.source == nil { record.source = DocumentReader.sourceName(for: path) }
                    batch.records.append(record)
                    batch.lines.append(number)
                }
            }
        }
        guard sawLine else { return nil }
        batch.offset = splitter.offset
        return batch
    }

    enum Decoded {
        case success(ImportRecord)
        case failure(String)
    }

    /// A record, the reason the line is refused, or nil for a blank line.
    private func decode(_ line: ArraySlice<UInt8>) -> Decoded? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        if line.contains(0) { return .failure("a NUL character, which PostgreSQL cannot store") }
        guard String(validating: line, as: UTF8.self) != nil else {
            return .failure("not valid UTF-8 (convert the file to UTF-8)")
        }
        do {
            let record = try decoder.decode(ImportRecord.self, from: Data(line))
            if let refusal = ImportLimits.refusal(of: record) { return .failure(refusal) }
            return .success(record)
        } catch {
            return .failure(Self.describe(error))
        }
    }

    private func issue(_ line: Int, _ message: String) -> ImportIssue {
        ImportIssue(file: path, line: line, message: message)
    }

    /// The user's words for a decoding error: the field, and what it should hold.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(let type, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { return "a line must be one JSON object" }
            return "field '\(field)' must be \(type == String.self ? "a string" : "\(type)")"
        case DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "a line must be one JSON object" : "field '\(field)' must not be null"
        case DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { return "not valid JSON" }
            return "field '\(field)': \(context.debugDescription)"
        default:
            return "not valid JSON"
        }
    }
}
