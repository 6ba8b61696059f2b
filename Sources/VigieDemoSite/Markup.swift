import Foundation

/// Escaping and dates for the pages, feeds and JSON the site writes.
enum Markup {
    /// Text made safe inside XML or HTML, attributes included.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text.unicodeScalars {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Paragraphs as HTML, escaped.
    static func html(_ paragraphs: [String]) -> String {
        paragraphs.map { "<p>\(escaped($0))</p>" }.joined(separator: "\n")
    }

    /// An HTTP date (RFC 9110 IMF-fixdate), as `Last-Modified` carries it; also the RFC 822
    /// form RSS 2.0 asks for (with `GMT` for the zone).
    static func httpDate(_ date: Date) -> String {
        formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(from: date)
    }

    /// Reads an HTTP date as `If-Modified-Since` sends it; nil when it is not one.
    static func parseHTTPDate(_ text: String) -> Date? {
        formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// ISO 8601 in UTC without fraction or zone, as WordPress's `date_gmt` has it.
    static func wordPressDate(_ date: Date) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ss").string(from: date)
    }

    /// ISO 8601 in UTC with milliseconds and `Z`, as Mastodon's `created_at` has it.
    static func mastodonDate(_ date: Date) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").string(from: date)
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = format
        return formatter
    }
}
