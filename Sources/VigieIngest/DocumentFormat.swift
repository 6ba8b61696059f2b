/// How a local file is read, decided by its extension.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// One JSON ``VigieModel/ImportRecord`` per line.
    case jsonl
    /// An HTML page: title from `<title>` or the first `<h1>`, text from the body.
    case html
    /// Plain text: the first non-empty line is the title, the rest the body.
    case text

    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") {
            self = .html
        } else if lower.hasSuffix(".txt") || lower.hasSuffix(".text") || lower.hasSuffix(".md") {
            self = .text
        } else {
            return nil
        }
    }
}
