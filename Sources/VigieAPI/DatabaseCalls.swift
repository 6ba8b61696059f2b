import Hummingbird
import Logging
import VigieStorage

/// Database work done for a request: bounded by a deadline, and its failures told apart
/// by ``VigieStorage/DatabaseFailure``. A database that is down, restarting or overloaded
/// (or slower than the deadline) gives a 503 `unavailable` problem with Retry-After;
/// anything else a 500 `internal-error` problem, never a bare 500.
struct DatabaseCalls: Sendable {
    /// Longest wait for the database: the pool holds a request while it cannot connect.
    let timeout: Duration

    func run<T: Sendable>(_ context: some RequestContext, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withDeadline(timeout, body)
        } catch let problem as Problem {
            throw problem
        } catch {
            let failure = DatabaseFailure.classify(error)
            context.logger.error(
                "database call failed",
                metadata: ["error": "\(Database.reason(error))", "db.failure": "\(failure)"])
            throw failure.isRetryable ? Problem.unavailable : Problem.internalError
        }
    }
}
