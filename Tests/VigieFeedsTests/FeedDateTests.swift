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
}
