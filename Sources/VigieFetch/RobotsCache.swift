/// robots.txt per origin, fetched once per `lifetime` (concurrent asks share one fetch).
actor RobotsCache {
    private let lifetime: Duration
    private var entries: [String: (rules: RobotsTxt, expires: ContinuousClock.Instant)] = [:]
    private var loading: [String: Task<(RobotsTxt, Duration), Never>] = [:]

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The rules for `origin`; `fetch` gets its robots.txt when they are missing or stale.
    func rules(
        for origin: String, agent: String, fetch: @escaping @Sendable () async throws -> FetchResponse
    ) async -> RobotsTxt {
        if let entry = entries[origin], entry.expires > .now { return entry.rules }
        let task: Task<(RobotsTxt, Duration), Never>
        if let pending = loading[origin] {
            task = pending
        } else {
            let lifetime = self.lifetime
            // Bounded by the fetch's own timeouts; shared by every fetch waiting on this origin.
            task = Task { await Self.load(fetch, agent: agent, lifetime: lifetime) }
            loading[origin] = task
        }
        let (rules, keep) = await task.value
        loading[origin] = nil
        entries[origin] = (rules, .now + keep)
        return rules
    }

    /// RFC 9309 §2.3.1: 2xx is parsed; 4xx (none) allows all; 5xx or unreachable means
    /// disallow all for now, asked again sooner than a real answer.
    private static func load(
        _ fetch: @Sendable () async throws -> FetchResponse, agent: String, lifetime: Duration
    ) async -> (RobotsTxt, Duration) {
        let unreachable = (RobotsTxt(rules: [.init(allow: false, pattern: "/")]), min(lifetime, .seconds(600)))
        guard let response = try? await fetch() else { return unreachable }
        switch response.status {
        case 200..<300: return (RobotsTxt(String(decoding: response.body, as: UTF8.self), agent: agent), lifetime)
        case 400..<500: return (.allowAll, lifetime)
        default: return unreachable
        }
    }
}
