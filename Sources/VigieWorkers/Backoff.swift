/// Delays between attempts: doubling from `initial` up to `maximum`, with at most
/// `maximumAttempts` attempts in all. A value: it decides, the caller sleeps.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var maximumAttempts: Int

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), maximumAttempts: Int = 10) {
        self.initial = initial
        self.maximum = maximum
        self.maximumAttempts = maximumAttempts
    }

    /// The wait before attempt `attempt + 1` after `attempt` failed (from 1), or nil when
    /// no attempt is left.
    public func delay(after attempt: Int) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        var delay = initial
        for _ in 1..<max(attempt, 1) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }
}
