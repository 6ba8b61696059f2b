import Testing

import VigieStorage

/// Wall-clock bounds are loose: other suites keep both cores busy while these run.
@Suite("Deadlines on database calls", .timeLimit(.minutes(1)))
struct DeadlineTests {
    @Test("a call that answers in time gives its value")
    func answersInTime() async throws {
        let value = try await withDeadline(.seconds(5)) { 42 }
        #expect(value == 42)
    }

    @Test("a call that never answers is given up at the deadline")
    func neverAnswers() async throws {
        let start = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(200)) {
                // Suspended for good, ignoring cancellation, like a query on a dead connection.
                await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test("the call's own error comes through")
    func errorsPassThrough() async throws {
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await withDeadline(.seconds(5)) { throw Failure() }
        }
    }

    @Test("cancelling the caller cancels the wait")
    func cancellation() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await withDeadline(.seconds(120)) {
                signal.yield()
                try await Task.sleep(for: .seconds(120))
            }
        }
        // Cancel once the call is under way, not at a guess.
        for await _ in started { break }
        task.cancel()
        let start = ContinuousClock.now
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}
