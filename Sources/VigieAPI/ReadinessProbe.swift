import VigieStorage

/// `GET /readyz`: whether the database answers a query through the API's own pool.
///
/// A probe never opens a connection of its own, so a flood of probes cannot use up the
/// server's connections: the check borrows a pooled one, waits at most `timeout`, and its
/// result is reused for `maximumAge`; probes arriving while a check runs wait for that one.
actor ReadinessProbe {
    let database: Database
    let timeout: Duration
    let maximumAge: Duration
    private var last: (ready: Bool, at: ContinuousClock.Instant)?
    private var running: Task<Bool, Never>?

    init(database: Database, timeout: Duration, maximumAge: Duration) {
        self.database = database
        self.timeout = timeout
        self.maximumAge = maximumAge
    }

    func isReady() async -> Bool {
        if let last, ContinuousClock.now - last.at < maximumAge { return last.ready }
        if let running { return await running.value }
        let (database, timeout) = (self.database, self.timeout)
        let check = Task {
            do {
                try await withDeadline(timeout) {
                    for try await _ in try await database.client.query("SELECT 1") {}
                }
                return true
            } catch {
                return false
            }
        }
        running = check
        let ready = await check.value
        running = nil
        last = (ready, ContinuousClock.now)
        return ready
    }
}
