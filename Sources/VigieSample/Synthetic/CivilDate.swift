/// Calendar arithmetic on UTC seconds since 1970, without Foundation's calendars, so that
/// dates in generated URLs and timestamps cost a few integer operations.
struct CivilDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// Howard Hinnant's `civil_from_days`, proleptic Gregorian, UTC.
    init(secondsSince1970 seconds: Int64) {
        let days = Int(seconds.floorDivided(by: 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3_600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// Monday is 0, Sunday 6 (1 January 1970 was a Thursday).
    static func weekday(secondsSince1970 seconds: Int64) -> Int {
        Int((seconds.floorDivided(by: 86_400) + 3) % 7 + 7) % 7
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` as UTF-8, appended to `buffer`.
    func appendRFC3339(to buffer: inout [UInt8]) {
        Self.appendDigits(year, count: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        Self.appendDigits(month, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        Self.appendDigits(day, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        Self.appendDigits(hour, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        Self.appendDigits(minute, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        Self.appendDigits(second, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// `YYYY/MM/DD`, the date part of generated URLs.
    var pathComponent: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        Self.appendDigits(year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        Self.appendDigits(month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        Self.appendDigits(day, count: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendDigits(_ value: Int, count: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var v = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
