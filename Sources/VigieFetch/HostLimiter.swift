/// An async semaphore per host: at most `limit` fetches to one host at a time. A waiter
/// that is cancelled (its fetch timed out) leaves the queue at once.
actor HostLimiter {
    private let limit: Int
    private var active: [String: Int] = [:]
    private var waiters: [String: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)]] = [:]
    private var nextID: UInt64 = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` holding one of `host`'s slots.
    func withSlot<T: Sendable>(
        for host: String, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await acquire(host)
        do {
            let result = try await body()
            release(host)
            return result
        } catch {
            release(host)
            throw error
        }
    }

    private func acquire(_ host: String) async throws {
        if active[host, default: 0] < limit {
            active[host, default: 0] += 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[host, default: []].append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(host, id: id) }
        }
    }

    private func cancelWaiter(_ host: String, id: UInt64) {
        guard let index = waiters[host]?.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters[host]!.remove(at: index)
        waiter.continuation.resume(throwing: CancellationError())
    }

    /// Hands the slot to the next waiter, or frees it.
    private func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue.isEmpty ? nil : queue
            next.continuation.resume()
            return
        }
        let count = active[host, default: 1] - 1
        active[host] = count > 0 ? count : nil
    }

    /// Fetches holding a slot of `host` now (for tests).
    func activeCount(for host: String) -> Int {
        active[host, default: 0]
    }
}
