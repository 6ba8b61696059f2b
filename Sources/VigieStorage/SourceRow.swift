import Foundation
import PostgresNIO
import VigieModel

/// The columns a ``Source`` is read from, shared by ``SourceStore`` and ``SourceLeases``.
enum SourceRow {
    /// Select-list text (no user input): prefixed with `s.` so it fits any query naming sources `s`.
    static let columns = """
        s.id, s.name, s.kind, s.url, s.options::text, s.interval_seconds::int8, s.paused, s.removed_at, \
        s.etag, s.last_modified, s.cursor, s.last_fetch_at, s.last_status::int8, s.consecutive_errors::int8, \
        s.next_fetch_at, s.last_error
        """

    typealias Columns = (
        Int64, String, String, String?, String, Int64, Bool, Date?,
        String?, String?, String?, Date?, Int64?, Int64, Date?, String?
    )

    static func source(_ c: Columns) throws -> Source {
        guard let kind = SourceKind(rawValue: c.2) else {
            throw StorageError(.query, "source \(c.1) has an unknown kind '\(c.2)'")
        }
        let options = (try? JSONDecoder().decode([String: String].self, from: Data(c.4.utf8))) ?? [:]
        let state = FetchState(
            etag: c.8, lastModified: c.9, cursor: c.10, lastFetchAt: c.11, lastStatus: c.12.map { Int($0) },
            consecutiveErrors: Int(c.13), nextFetchAt: c.14, lastError: c.15)
        var source = Source(
            id: c.0, name: c.1, kind: kind, url: c.3, options: options, intervalSeconds: Int(c.5), paused: c.6,
            state: state)
        source.removedAt = c.7
        return source
    }

    static func sources(_ rows: PostgresRowSequence) async throws -> [Source] {
        var sources: [Source] = []
        for try await columns in rows.decode(Columns.self) { sources.append(try source(columns)) }
        return sources
    }

    /// Options as the jsonb text stored in `sources.options`.
    static func json(_ options: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(options), as: UTF8.self)
    }
}
