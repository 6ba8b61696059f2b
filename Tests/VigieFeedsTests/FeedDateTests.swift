import Foundation
import Testing

@testable import VigieFeeds

@Suite struct FeedDateTests {
    private func iso(_ text: String) -> String? {
        FeedDate.parse(text).map(RFC3339.string)
    }

    @Test func impossibleDatesAreRejected() {
        #expect(iso("2024-02-30") == nil)
        #expect(iso("2023-02-29T10:00:00Z") == nil)
        #expect(iso("2024-02-29T10:00:00Z") == "2024-02-29T10:00:00Z")
        #expect(iso("Tue, 32 Mar 2024 10:00:00 GMT") == nil)
        #expect(iso("2024-13-01") == nil)
        #expect(iso("") == nil)
        #expect(iso("0") == nil)
    }

    @Test func zonesAreApplied() {
        #expect(iso("Tue, 05 Mar 2024 23:30:00 -0800") == "2024-03-06T07:30:00Z")
        #expect(iso("Tue, 05 Mar 2024 10:30:00 UT") == "2024-03-05T10:30:00Z")
        #expect(iso("Tue, 05 Mar 2024 10:30:00 GMT+2") == "2024-03-05T08:30:00Z")
        #expect(iso("2024-03-05T00:30:00+05:30") == "2024-03-04T19:00:00Z")
        #expect(iso("2024-03-05T00:30:00-09:45") == "2024-03-05T10:15:00Z")
        #expect(iso("2024-03-05T00:30:00z") == "2024-03-05T00:30:00Z")
        #expect(iso("2024-03-05T00:30:00.250+00:00") == "2024-03-05T00:30:00Z")
        #expect(iso("2024-03-05T00:30:00+05:75") == nil)
    }

    /// The fixed-offset readers of the usual forms (`…:ssZ`, `…:ss+hh:mm`, RFC 822 `+hhmm`)
    /// against the general readers, which take the same dates written a little
    /// differently (a zero fraction, a colon in the zone), valid or not.
    @Test func usualFormsReadLikeTheGeneralReaders() {
        var rng = SplitMix64(seed: 0xDA7E)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var parsed = 0
        for _ in 0..<20_000 {
            let (year, month, day) = (pick(1990...2030), pick(0...13), pick(0...32))
            let (hour, minute, second) = (pick(0...25), pick(0...61), pick(0...61))
            let (zoneHours, zoneMinutes) = (pick(0...19), pick(0...61))
            let sign = rng.next() % 2 == 0 ? "+" : "-"
            let stamp = "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
            let utc = FeedDate.parse(stamp + "Z")
            #expect(utc == FeedDate.parse(stamp + ".0Z"), "\(stamp)Z")
            let zone = "\(sign)\(two(zoneHours)):\(two(zoneMinutes))"
            let zoned = FeedDate.parse(stamp + zone)
            #expect(zoned == FeedDate.parse(stamp + ".0" + zone), "\(stamp)\(zone)")
            if (1...12).contains(month) {
                let rfc822 = "\(two(day)) \(months[month - 1]) \(year) \(two(hour)):\(two(minute)):\(two(second)) "
                let compact = FeedDate.parse(rfc822 + "\(sign)\(two(zoneHours))\(two(zoneMinutes))")
                #expect(compact == FeedDate.parse(rfc822 + zone), "\(rfc822)\(zone)")
                // With a day name, the form read at fixed places; an extra space sends the
                // same date to the general reader.
                let numeric = "\(sign)\(two(zoneHours))\(two(zoneMinutes))"
                #expect(FeedDate.parse("Tue, " + rfc822 + numeric) == compact, "Tue, \(rfc822)\(numeric)")
                #expect(FeedDate.parse("Tue, " + rfc822 + numeric) == FeedDate.parse("Tue,  " + rfc822 + numeric))
                #expect(FeedDate.parse("Tue, " + rfc822 + "GMT") == FeedDate.parse("Tue,  " + rfc822 + " GMT"))
            }
            if utc != nil, zoned != nil { parsed += 1 }
        }
        // Enough of the random dates are valid for the comparison to mean something.
        #expect(parsed > 2_000)
    }

    @Test func italianAndPortugueseMonths() {
        #expect(iso("mer, 16 nov 2022 00:38:15 +0100") == "2022-11-15T23:38:15Z")
        #expect(iso("Seg, 24 Set 2018 19:42:40 -0300") == "2018-09-24T22:42:40Z")
        #expect(iso("martedì 5 marzo 2024 10:30") == "2024-03-05T10:30:00Z")
        #expect(iso("terça-feira, 5 de março de 2024 10:30") == "2024-03-05T10:30:00Z")
        #expect(iso("12 ottobre 2023") == "2023-10-12T00:00:00Z")
    }

    @Test func rfc3339RoundTrips() {
        for seconds in [0.0, 951_782_400, 1_709_632_800, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(FeedDate.parse(RFC3339.string(date)) == date)
        }
        #expect(RFC3339.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    /// Zones are lower-cased and trimmed on their bytes when ASCII: the same as with
    /// `lowercased()` and `CharacterSet`, which other text still goes through.
    @Test func zonesAreLoweredAsWithStrings() {
        let pieces = [" ", "(", ")", "GMT", "gmt", "Utc", "EST", "cest", "+", "-", "01", ":", "0", "Z", "é", "İ", "\u{A0}", "x"]
        var rng = SplitMix64(seed: 0x2073)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 6) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let strings = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
            #expect(FeedDate.loweredZone(text) == strings, "\(text)")
        }
        #expect(FeedDate.parse("Tue, 14 Nov 2023 23:13:20 EST").map(RFC3339.string) == "2023-11-15T04:13:20Z")
        #expect(FeedDate.parse("Mon, 3 Mar 2014 10:32:00 (CEST)").map(RFC3339.string) == "2014-03-03T08:32:00Z")
    }

    /// Dates of ASCII and Latin-1 are split into words and lower-cased on their bytes: the
    /// same words as by characters with `lowercased()`, which other text still goes through.
    @Test func dateWordsAreSplitAsByCharacters() {
        let pieces = [
            " ", ",", "\t", "\u{A0}", "\r\n", "\r", "\n", "-", "+", ".", "/", ":", "10:32", "2014", "3", "1er", "MARS",
            "mars", "Février", "FÉVRIER", "Août", "MÄRZ", "Dezember", "à", "À", "×", "÷", "ß", "ÿ", "µ", "Þ", "ª",
            "\u{AD}", "é", "e\u{301}", "İ", "Ω", "中", "😀", "de", "Lundi",
        ]
        var rng = SplitMix64(seed: 0xDA7E)
        var simple = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 8) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if let bytes = FeedDate.simpleLooseTokens(text) {
                simple += 1
                #expect(bytes == FeedDate.looseTokens(characters: text), "\(text)")
            }
        }
        #expect(simple > 5_000)
        #expect(FeedDate.simpleLooseTokens("3 février, 2014") == ["3", "février", "2014"])
        #expect(FeedDate.simpleLooseTokens("Ω") == nil)
    }
}
