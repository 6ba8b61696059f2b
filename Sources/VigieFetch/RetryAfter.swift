import Foundation

/// `Retry-After` (RFC 9110 §10.2.3): a number of seconds or an HTTP-date.
enum RetryAfter {
    /// The delay `value` asks for, measured from `now`; nil when it is neither form.
    /// A date in the past is a delay of zero; a delay is capped at one week.
    static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        let week = 7 * 24 * 3600
        if let seconds = Int(text), seconds >= 0 {
            return .seconds(min(seconds, week))
        }
        for pattern in patterns {
            let format = DateFormatter()
            format.locale = Locale(identifier: "en_US_POSIX")
            format.timeZone = TimeZone(identifier: "GMT")
            format.dateFormat = pattern
            if let date = format.date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now).rounded(.up))
                return .seconds(min(Int(seconds), week))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the two obsolete forms RFC 9110 says a recipient must accept.
    /// (Formatters are made per call: `Retry-After` is rare and DateFormatter not Sendable.)
    private static let patterns = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]
}
