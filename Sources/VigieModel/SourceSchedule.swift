import Foundation

/// When to fetch a source next: pure, so that backoff is tested without a clock or a socket.
///
/// - success or 304: the source's interval, ±10% jitter so that sources added together
///   drift apart instead of hitting their hosts in step;
/// - error: the interval doubled for each consecutive error (interval·2^(errors-1)),
///   capped at 24 hours, with the same jitter;
/// - a `Retry-After` (a 429 or a 503 that says when): never earlier than it asks, whatever
///   the interval, even past the 24 hour cap.
public enum SourceSchedule {
    /// The longest wait after errors (a `Retry-After` may ask for more).
    public static let maximumBackoffSeconds = 24 * 3600
    /// Jitter, as a fraction of the wait, either way.
    public static let jitter = 0.1

    /// `consecutiveErrors` counts the failure being scheduled (1 after a first failure).
    public static func nextFetch(
        after outcome: FetchOutcomeKind, now: Date, intervalSeconds: Int, consecutiveErrors: Int,
        retryAfter: Duration?, random: inout some RandomNumberGenerator
    ) -> Date {
        let interval = Double(max(1, intervalSeconds))
        var wait: Double
        switch outcome {
        case .fetched, .notModified:
            wait = interval
        case .failed:
            // 2^(errors-1) with the exponent bounded: past 2^20 every interval is over the cap.
            let exponent = min(max(consecutiveErrors, 1) - 1, 20)
            wait = min(interval * Double(1 << exponent), Double(maximumBackoffSeconds))
        }
        wait *= 1 + Double.random(in: -jitter...jitter, using: &random)
        if let retryAfter {
            let asked = Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18
            wait = max(wait, asked)
        }
        return now.addingTimeInterval(max(wait, 1))
    }
}
