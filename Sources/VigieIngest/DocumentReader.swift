import Foundation
import VigieFeeds
import VigieModel

/// Turns the bytes of a local file into import records. Pure: the caller reads the file.
public enum DocumentReader {
    /// Reads a whole file. JSONL is better streamed with ``JSONLReader``.
    public static func records(
        from data: Data, path: String, format: DocumentFormat
    ) -> (records: [ImportRecord], issues: [ImportIssue]) {
        switch format {
        case .jsonl:
            var reader = JSONLReader(data: data, path: path)
            var records: [ImportRecord] = []
            var issues: [ImportIssue] = []
            // Reading from memory cannot throw.
            while let batch = try? reader.next(maxRecords: 10_000) {
                records += batch.records
                issues += batch.issues
            }
            return (records, issues)
        case .html, .text:
            guard let text = decodeText(data) else {
                return ([], [ImportIssue(file: path, message: "not valid UTF-8, UTF-16 or Latin-1 text")])
            }
            let record = format == .html ? htmlDocument(text, path: path) : textDocument(text, path: path)
            guard let record else { return ([], [ImportIssue(file: path, message: "no text to import")]) }
            if let refusal = ImportLimits.refusal(of: record) { return ([], [ImportIssue(file: path, message: refusal)]) }
            return ([record], [])
        }
    }

    /// The source name given to documents of a file: its folder name.
    static func sourceName(for path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        return folder.isEmpty || folder == "/" ? "local files" : folder
    }

    static func textDocument(_ text: String, path: String) -> ImportRecord? {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        guard let titleLine = lines.first else { return nil }
        let title = titleLine.trimmingCharacters(in: .whitespaces)
        let body = lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return ImportRecord(
            url: URL(fileURLWithPath: path).absoluteString, title: title, body: body.isEmpty ? title : body,
            source: sourceName(for: path))
    }

    static func htmlDocument(_ html: String, path: String) -> ImportRecord? {
        let title = firstElementText(html, tag: "title") ?? firstElementText(html, tag: "h1")
        let body = HTMLText.plainText(html)
        guard !body.isEmpty else { return nil }
        return ImportRecord(
            url: URL(fileURLWithPath: path).absoluteString, title: title, body: body, source: sourceName(for: path))
    }

    private static func firstElementText(_ html: String, tag: String) -> String? {
        guard let open = html.range(of: "<\(tag)", options: .caseInsensitive),
            let openEnd = html.range(of: ">", range: open.upperBound..<html.endIndex),
            let close = html.range(of: "</\(tag)", options: .caseInsensitive, range: openEnd.upperBound..<html.endIndex)
        else { return nil }
        let text = HTMLText.plainText(String(html[openEnd.upperBound..<close.lowerBound]))
        return text.isEmpty ? nil : text
    }

    /// UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 when the bytes are not UTF-8.
    static func decodeText(_ data: Data) -> String? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return String(data: data.dropFirst(3), encoding: .utf8) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        if let text = String(data: data, encoding: .utf8) { return text }
        if data.contains(0) { return nil }
        return String(data: data, encoding: .isoLatin1)
    }
}
