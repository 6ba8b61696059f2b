import Synchronization

/// The error of an attempt that did not finish in time.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let timeout: Duration
    public init(timeout: Duration) { self.timeout = timeout }
    public var description: String { "no answer from the database within \(timeout)" }
}

/// Runs `operation`, but waits for it at most `timeout`.
///
/// A database call can stay suspended forever when its connection dies at the wrong moment
/// (PostgresNIO 1.33 never completes a query sent on a connection that has just closed).
/// Past the deadline the operation is cancelled and left behind instead of awaited, and the
/// caller gets ``DeadlineExceeded``, so a worker retries on a new connection rather than
/// hanging. Cancelling the caller cancels the operation.
public func withDeadline<T: Sendable>(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let state = DeadlineState<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            state.start(continuation)
            let timer = Task {
                try await Task.sleep(for: timeout)
                state.finish(.failure(DeadlineExceeded(timeout: timeout)))
            }
            let work = Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                timer.cancel()
                state.finish(result)
            }
            state.track(work: work, timer: timer)
        }
    } onCancel: {
        state.finish(.failure(CancellationError()))
    }
}

/// Resumes the caller once, with whichever comes first, and cancels what is left.
private final class DeadlineState<T: Sendable>: Sendable {
    private struct Inner {
        var continuation: CheckedContinuation<T, any Error>?
        var pending: Result<T, any Error>?
        var work: Task<Void, Never>?
        var timer: Task<Void, any Error>?
        var done = false
    }

    private let inner = Mutex(Inner())

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = inner.withLock { inner in
            if let pending = inner.pending { return pending }
            inner.continuation = continuation
            return nil
        }
        // Cancelled before it began.
        if let pending { continuation.resume(with: pending) }
    }

    func track(work: Task<Void, Never>, timer: Task<Void, any Error>) {
        let finished = inner.withLock { inner in
            inner.work = work
            inner.timer = timer
            return inner.done
        }
        if finished {
            work.cancel()
            timer.cancel()
        }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, work, timer): (CheckedContinuation<T, any Error>?, Task<Void, Never>?, Task<Void, any Error>?) =
            inner.withLock { inner in
                guard !inner.done else { return (nil, nil, nil) }
                inner.done = true
                guard let continuation = inner.continuation else {
                    inner.pending = result
                    return (nil, inner.work, inner.timer)
                }
                inner.continuation = nil
                return (continuation, inner.work, inner.timer)
            }
        work?.cancel()
        timer?.cancel()
        continuation?.resume(with: result)
    }
}
