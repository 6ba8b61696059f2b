import Foundation

/// RFC 3339 timestamps in UTC, the one date form Vigie writes.
public enum Timestamp {
    /// Parses RFC 3339 (`2014-03-05T10:00:00Z`, with or without fractional seconds or an offset)
    /// or a bare date (`2014-03-05`, taken as midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = try? Date(t, strategy: Date.ISO8601FormatStyle()) { return d }
        if let d = try? Date(t, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        if let d = try? Date(t, strategy: Date.ISO8601FormatStyle().year().month().day()) { return d }
        return nil
    }

    /// Formats as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
