import Foundation

/// RFC 3339 timestamps in UTC, to the second: `2024-03-05T09:30:00Z`.
public enum RFC3339 {
    public static func string(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, m, d) = CivilDate.fromDays(floorDiv(seconds, 86_400))
        let secondOfDay = Int(seconds - floorDiv(seconds, 86_400) * 86_400)
        guard (0...9999).contains(y) else { return paddedString(y, m, d, secondOfDay) }
        // Twenty ASCII bytes written in place: every date a feed gives is in this range.
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for k in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(y, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(m, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(d, 2, at: 8)
            out[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, 2, at: 17)
            out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Years outside 0–9999, written as they come, padded to four characters.
    private static func paddedString(_ y: Int, _ m: Int, _ d: Int, _ secondOfDay: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return
            "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = FeedDate.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an RFC 3339 date")
        }
        return date
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
