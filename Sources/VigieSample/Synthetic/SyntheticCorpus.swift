import Foundation
import VigieModel

/// A deterministic generator of realistic-looking posts about a set of brands, for demos and
/// load tests: the same seed, brands and period always give the same records.
///
/// The corpus has shape: French mostly (78 %), with English, German and Spanish; posts (about
/// 55 %), comments and pingbacks answering earlier posts; each brand its own volume and mood,
/// moods drifting over the period; weekday seasonality and slow growth; one crisis week for one
/// brand (`crisis`) with boycott, outage, data-leak and scam posts, and two short campaigns.
/// Records come in chronological order with whole-second UTC timestamps and unique URLs on
/// `.example` hosts. Bodies run from about 300 to 1,200 characters.
public struct SyntheticCorpus: Sendable {
    /// The week one brand goes through a crisis: volume several times its baseline, mostly
    /// negative.
    public struct Crisis: Sendable, Hashable {
        public let brand: String
        public let start: Date
        /// Exclusive.
        public let end: Date
    }

    public let seed: UInt64
    public let brands: [Brand]
    let timeline: Timeline

    /// `start..<end` is the period covered, cut into UTC days from `start`; a period shorter
    /// than a day is taken as one day from `start`.
    public init(seed: UInt64, brands: [Brand], start: Date, end: Date) {
        self.seed = seed
        self.brands = brands
        timeline = Timeline(
            seed: seed, brandCount: brands.count,
            startSeconds: Int64(start.timeIntervalSince1970.rounded(.down)),
            endSeconds: Int64(end.timeIntervalSince1970.rounded(.up)))
    }

    /// The crisis week, `nil` without brands.
    public var crisis: Crisis? {
        guard let spike = timeline.crisis else { return nil }
        let start = timeline.dayStart(spike.firstDay)
        let end = min(timeline.dayStart(spike.firstDay + spike.profile.count), timeline.endSeconds)
        return Crisis(
            brand: brands[spike.brand].name,
            start: Date(timeIntervalSince1970: TimeInterval(start)),
            end: Date(timeIntervalSince1970: TimeInterval(end)))
    }

    /// `count` records in chronological order.
    public func records(count: Int) -> [ImportRecord] {
        var stream = RecordStream(seed: seed, brands: brands, timeline: timeline, count: count)
        var records: [ImportRecord] = []
        records.reserveCapacity(max(count, 0))
        while let record = stream.next() {
            records.append(record)
        }
        return records
    }

    /// Writes the same records as `records(count:)` to `handle` as JSONL, in chunks of about
    /// 1 MiB, holding one chunk at a time.
    public func write(count: Int, to handle: FileHandle) throws {
        let chunk = 1 << 20
        var stream = RecordStream(seed: seed, brands: brands, timeline: timeline, count: count)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunk + 8_192)
        while let record = stream.next() {
            JSONLine.append(record, to: &buffer)
            if buffer.count >= chunk {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty {
            try handle.write(contentsOf: buffer)
        }
    }
}
