import Foundation

/// Dates as feeds write them: RFC 822 with named or numeric zones and the usual
/// malformations, RFC 3339 and W3C-DTF (partial dates too), and dates with French, German
/// or Spanish month and day names as blogs print them. A date without a zone is taken as UTC.
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parse(utf8:))
    }

    /// The same over UTF-8 bytes; the usual forms are read without making a string.
    static func parse(utf8 p: UnsafeBufferPointer<UInt8>) -> Date? {
        let trimmed = p.rangeTrimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.count < 100 else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: p[trimmed])
        // RFC 3339 and W3C-DTF dates start with the year; most RSS dates with a day's name.
        if !ASCII.isLetter(bytes[0]), let date = iso(bytes) { return date }
        if let date = rfc822(bytes) { return date }
        let text = String(decoding: bytes, as: UTF8.self)
        // Hangul is never ASCII: the check costs nothing for other dates.
        if bytes.contains(where: { $0 >= 0xE0 }), let date = korean(text) { return date }
        return loose(text)
    }

    /// The decimal value of `count` digits at `start`; nil unless all are digits.
    @inline(__always)
    static func fixedDigits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for k in start..<(start + count) {
            let digit = b[k] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A date from its parts, `offset` minutes east of UTC; nil for a date that does not exist.
    static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ fraction: Double,
        _ offset: Int
    ) -> Date? {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month), hour <= 24, minute < 60, second <= 60
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset * 60)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
