import Logging
import VigieStorage

extension DatabaseOptions {
    /// Waits until the server answers, for long-running commands (`serve`,
    /// `classify --watch`): a unit started before PostgreSQL still comes up. Each failed
    /// try is logged with its reason and the wait before the next, which doubles from
    /// `first` up to `longest`. Errors other than an unreachable server end the wait.
    package static func waitForServer(
        _ settings: ConnectionSettings, logger: Logger, first: Duration = .seconds(1), longest: Duration = .seconds(30)
    ) async throws {
        var delay = first
        var attempt = 1
        while true {
            do {
                try await Database.ping(settings, logger: logger)
                if attempt > 1 { logger.notice("database reachable", metadata: ["db.attempts": "\(attempt)"]) }
                return
            } catch let error as StorageError where error.code == .unreachable {
                logger.warning(
                    "database unreachable; retrying",
                    metadata: [
                        "db.reason": "\(error.description)", "db.attempt": "\(attempt)",
                        "retry.in_s": "\(delay.components.seconds)",
                    ])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, longest)
                attempt += 1
            }
        }
    }
}
