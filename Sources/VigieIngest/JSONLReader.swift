import Foundation
import VigieModel

/// Reads JSONL import records in batches, reporting bad lines by number and going on.
public struct JSONLReader {
    public struct Batch: Sendable {
        public var records: [ImportRecord]
        public var issues: [ImportIssue]
        /// Bytes of the input consumed so far, for progress reports.
        public var offset: Int
    }

    let data: Data
    let path: String
    var offset: Int
    var lineNumber = 0
    let decoder = JSONDecoder()

    public init(data: Data, path: String) {
        self.data = data
        self.path = path
        self.offset = data.startIndex
    }

    /// The next batch of up to `maxRecords` records, or nil at end of input.
    public mutating func next(maxRecords: Int) -> Batch? {
        guard offset < data.endIndex else { return nil }
        var records: [ImportRecord] = []
        var issues: [ImportIssue] = []
        while offset < data.endIndex && records.count < maxRecords {
            let end = lineEnd(from: offset)
            let line = data[offset..<end]
            offset = end < data.endIndex ? end + 1 : end
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                var record = try decoder.decode(ImportRecord.self, from: line)
                guard record.body.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                    issues.append(ImportIssue(file: path, line: lineNumber, message: "empty body"))
                    continue
                }
                if record.source == nil { record.source = DocumentReader.sourceName(for: path) }
                records.append(record)
            } catch {
                issues.append(ImportIssue(file: path, line: lineNumber, message: Self.describe(error)))
            }
        }
        return Batch(records: records, issues: issues, offset: offset - data.startIndex)
    }

    /// The index of the next newline at or after `start`, or the end of the data.
    private func lineEnd(from start: Int) -> Int {
        data.withUnsafeBytes { raw -> Int in
            let base = raw.baseAddress!
            let from = start - data.startIndex
            guard let hit = memchr(base + from, Int32(UInt8(ascii: "\n")), raw.count - from) else {
                return data.endIndex
            }
            return data.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "a line must be one JSON object" : "field '\(field)' has the wrong type"
        case DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { return "not valid JSON" }
            return "field '\(field)': \(context.debugDescription)"
        default:
            return "not valid JSON"
        }
    }
}
