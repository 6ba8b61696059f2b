import Logging
import VigieStorage
import VigieTestSupport

/// A new, unmigrated database of a test's own, reached with `limits` and logging to
/// `logger`; dropped when `body` ends, whether it threw or not.
func withEmptyDatabase<T: Sendable>(
    limits: SessionLimits = .standard, logger: Logger = TestDatabase.logger,
    _ body: @Sendable (Database) async throws -> T
) async throws -> T {
    var settings = try await TestDatabase.fresh(label: "empty", migrated: false)
    settings.sessionLimits = limits
    let result: Result<T, any Error>
    do {
        result = .success(try await Database.withDatabase(settings, logger: logger, body))
    } catch {
        result = .failure(error)
    }
    try await TestDatabase.drop(settings)
    return try result.get()
}
