import Logging
import ServiceLifecycle
import VigieStorage

/// Runs a database call again, with exponential backoff, while it fails in a way worth
/// retrying (``VigieStorage/DatabaseFailure/isRetryable``: the server restarting, a lost
/// connection, a deadlock), until it succeeds or the service is asked to stop. Each try
/// is bounded by `attemptTimeout`: a call on a connection that died with the server may
/// otherwise never return.
struct DatabaseRetry: Sendable {
    var attemptTimeout: Duration
    var maximumBackoff: Duration
    var logger: Logger
    var onRetry: @Sendable (DatabaseFailure, Duration) -> Void = { _, _ in }

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        var delay: Duration = .milliseconds(250)
        while true {
            do {
                return try await withDeadline(attemptTimeout, body)
            } catch {
                let failure = DatabaseFailure.classify(error)
                if !failure.isRetryable || Task.isCancelled || Task.isShuttingDownGracefully { throw error }
                logger.warning(
                    "database call failed; retrying",
                    metadata: ["error": "\(Database.reason(error))", "db.failure": "\(failure)", "retry.delay": "\(delay)"])
                onRetry(failure, delay)
                try await Task.sleep(for: delay)
                delay = min(delay * 2, maximumBackoff)
            }
        }
    }
}
