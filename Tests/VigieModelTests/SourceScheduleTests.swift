import Foundation
import Testing
import VigieModel

@Suite("Source schedule")
struct SourceScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func wait(
        _ kind: FetchOutcomeKind, interval: Int = 900, errors: Int = 0, retryAfter: Duration? = nil
    ) -> TimeInterval {
        var random = SystemRandomNumberGenerator()
        return SourceSchedule.nextFetch(
            after: kind, now: now, intervalSeconds: interval, consecutiveErrors: errors,
            retryAfter: retryAfter, random: &random
        ).timeIntervalSince(now)
    }

    @Test("success and 304 wait the interval, within ±10%, and the jitter varies")
    func success() {
        for kind in [FetchOutcomeKind.fetched, .notModified] {
            let waits = (0..<200).map { _ in wait(kind) }
            #expect(waits.allSatisfy { $0 >= 810 && $0 <= 990 })
            #expect(Set(waits).count > 100, "jitter spreads sources apart")
            #expect(waits.contains { $0 < 880 } && waits.contains { $0 > 920 })
        }
    }

    @Test("errors double the wait from the interval up, capped at 24 hours")
    func backoff() {
        for (errors, base) in [(1, 900.0), (2, 1800), (3, 3600), (5, 14400), (7, 57600)] {
            let waits = (0..<50).map { _ in wait(.failed, errors: errors) }
            #expect(waits.allSatisfy { $0 >= base * 0.9 && $0 <= base * 1.1 }, "after \(errors) errors")
        }
        for errors in [8, 20, 64, Int.max] {
            let waits = (0..<50).map { _ in wait(.failed, errors: errors) }
            #expect(waits.allSatisfy { $0 >= 86400 * 0.9 && $0 <= 86400 * 1.1 }, "after \(errors) errors")
        }
    }

    @Test("Retry-After is never undercut, even past the backoff cap; a short one does not hurry")
    func retryAfter() {
        #expect((0..<50).allSatisfy { _ in wait(.failed, errors: 1, retryAfter: .seconds(7200)) >= 7200 })
        #expect((0..<50).allSatisfy { _ in wait(.failed, errors: 30, retryAfter: .seconds(200_000)) >= 200_000 })
        #expect((0..<50).allSatisfy { _ in wait(.fetched, retryAfter: .seconds(10)) >= 810 })
    }

    @Test("a nonsense interval still schedules in the future")
    func badInterval() {
        #expect(wait(.fetched, interval: 0) >= 1)
        #expect(wait(.failed, interval: -5, errors: -3) >= 1)
    }
}
