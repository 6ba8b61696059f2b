import Foundation
import VigieModel

/// `vigie source list` and `show` as text.
enum SourceTable {
    static let headers = ["ID", "NAME", "KIND", "STATE", "LAST FETCH", "STATUS", "ERRORS", "NEXT FETCH", "LAST ERROR"]

    /// One row per source, columns padded to their widest cell; the last error, last, is cut at 60 characters.
    static func render(_ sources: [Source]) -> String {
        guard !sources.isEmpty else { return "no sources ('vigie source add' adds one)" }
        let rows = [headers] + sources.map { s in
            [
                String(s.id), s.name, s.kind.rawValue, state(s), date(s.state.lastFetchAt),
                s.state.lastStatus.map(String.init) ?? "-", String(s.state.consecutiveErrors),
                nextFetch(s),
                s.state.lastError.map { String($0.prefix(60)) } ?? "-",
            ]
        }
        let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { i in i == row.count - 1 ? row[i] : row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// When the collector fetches the source next: "-" for imported kinds, which it never
    /// fetches, and for paused or removed sources; "now" when it is due.
    static func nextFetch(_ s: Source) -> String {
        guard s.kind.isCollected, !s.paused, s.removedAt == nil else { return "-" }
        return s.state.nextFetchAt.map(Timestamp.format) ?? "now"
    }

    /// Every field, one per line.
    static func details(_ s: Source) -> String {
        var lines: [(String, String)] = [
            ("id", String(s.id)), ("name", s.name), ("kind", s.kind.rawValue), ("url", s.url ?? "-"),
            ("state", state(s)), ("interval", "\(s.intervalSeconds) s"),
        ]
        for (key, value) in s.options.sorted(by: { $0.key < $1.key }) { lines.append(("option \(key)", value)) }
        lines += [
            ("last fetch", date(s.state.lastFetchAt)), ("last status", s.state.lastStatus.map(String.init) ?? "-"),
            ("consecutive errors", String(s.state.consecutiveErrors)), ("next fetch", date(s.state.nextFetchAt)),
            ("last error", s.state.lastError ?? "-"), ("etag", s.state.etag ?? "-"),
            ("last modified", s.state.lastModified ?? "-"), ("cursor", s.state.cursor ?? "-"),
            ("removed", date(s.removedAt)),
        ]
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { "\($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)" }.joined(separator: "\n")
    }

    static func state(_ s: Source) -> String {
        s.removedAt != nil ? "removed" : s.paused ? "paused" : "active"
    }

    static func date(_ date: Date?) -> String { date.map(Timestamp.format) ?? "-" }
}
