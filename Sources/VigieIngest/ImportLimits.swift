import Foundation
import VigieModel

/// What an import line must respect to be stored: the limits PostgreSQL and Vigie's schema
/// put on a post, checked before anything is sent, so that a bad line is reported with
/// its file and line instead of failing its whole batch.
public enum ImportLimits {
    /// A JSONL line longer than this is skipped without being held in memory.
    public static let maximumLineBytes = 8 << 20
    /// The longest body stored, in UTF-8 bytes.
    public static let maximumBodyBytes = 1 << 20
    /// The longest `url`, `parent_url` or `source`: these are indexed, and PostgreSQL
    /// refuses an index entry over about 2.7 kB.
    public static let maximumKeyBytes = 2_048
    /// The earliest publication date believed: anything older (1970, the Unix epoch, is
    /// the usual culprit) is a missing date written as zero.
    public static let earliestDate = Date(timeIntervalSince1970: 631_152_000)  // 1990-01-01T00:00:00Z
    /// How far in the future a publication date may be (clocks and time zones disagree).
    public static let futureTolerance: TimeInterval = 86_400

    /// Why the record cannot be stored, or nil when it can.
    static func refusal(of record: ImportRecord) -> String? {
        let texts: [(String, String?)] = [
            ("body", record.body), ("title", record.title), ("author", record.author), ("url", record.url),
            ("parent_url", record.parentURL), ("lang", record.lang), ("source", record.source),
        ]
        for case let (field, text?) in texts where text.utf8.contains(0) {
            return "field '\(field)' holds a NUL character (\\u0000), which PostgreSQL cannot store"
        }
        guard record.body.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            return "empty body"
        }
        if record.body.utf8.count > maximumBodyBytes {
            return "body of \(record.body.utf8.count) bytes, over the limit of \(maximumBodyBytes) (1 MiB)"
        }
        for case let (field, text?) in texts.dropFirst(3) where field != "lang" && text.utf8.count > maximumKeyBytes {
            return "field '\(field)' of \(text.utf8.count) bytes, over the limit of \(maximumKeyBytes)"
        }
        return nil
    }

    /// Drops a publication date before 1990 or more than a day ahead of `now`, so that the
    /// post is counted at its collection time, and says so; nil when the date is kept.
    static func dropImplausibleDate(of record: inout ImportRecord, now: Date) -> String? {
        guard let date = record.publishedAt else { return nil }
        let problem: String
        if date < earliestDate {
            problem = "is before 1990"
        } else if date > now.addingTimeInterval(futureTolerance) {
            problem = "is more than a day in the future"
        } else {
            return nil
        }
        record.publishedAt = nil
        return "published_at \(Timestamp.format(date)) \(problem): stored with its collection time instead"
    }
}
