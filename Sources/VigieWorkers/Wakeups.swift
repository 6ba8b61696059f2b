import Synchronization

/// Wakes idle loops at once when work arrives (a NOTIFY), instead of at their next poll.
///
/// A loop reads ``generation`` before it looks for work, and after finding none waits with
/// ``wait(since:)``: a wake that came in between (the generation moved) returns at once,
/// so no notification is lost between the look and the wait.
final class Wakeups: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes every waiting loop, and the next one whose wait began before this call.
    func wake() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    /// Returns once the generation differs from `seen`, or the task is cancelled.
    func wait(since seen: UInt64) async {
        let id = state.withLock { state in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    // Cancelled before registering: the handler found nothing to resume.
                    if state.generation != seen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Waits at most `timeout` for a wake after `seen` (the poll interval: the fallback
    /// when notifications do not come).
    func wait(since seen: UInt64, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.wait(since: seen) }
            await group.next()
            group.cancelAll()
        }
    }
}
