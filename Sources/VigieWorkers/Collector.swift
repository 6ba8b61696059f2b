import Foundation
import Logging
import ServiceLifecycle
import VigieFetch
import VigieModel
import VigieSources
import VigieStorage

/// Keeps collected sources fresh: claims due sources, fetches them, stores their posts.
///
/// PostgreSQL is the only coordination point. A due source is claimed with one short
/// statement (``VigieStorage/SourceLeases/claim(owner:limit:lease:)``: `FOR UPDATE SKIP
/// LOCKED`) that sets a lease in the worker's name; no transaction stays open during a
/// fetch. While it works, the worker renews its leases; the results go in with a second
/// transaction that clears the lease only if the worker still holds it. Any worker returns
/// expired leases to the pool, so the sources of a worker killed mid-fetch are fetched
/// again once its leases run out, and storing is idempotent (fingerprint and URL), so
/// nothing is stored twice.
///
/// A graceful shutdown (SIGTERM, SIGINT through swift-service-lifecycle) stops new claims;
/// fetches in flight finish (each is bounded by the fetcher's total timeout) and their
/// results are stored. A cancelled worker gives its unfinished sources back at once.
public struct Collector: Service {
    public struct Configuration: Sendable {
        /// Written in `sources.lease_owner`: unique per process.
        public var workerName: String
        /// Sources fetched at the same time by this worker.
        public var concurrency = 8
        /// How long a claim holds a source; renewed every third of it while the worker works.
        public var lease: Duration = .seconds(60)
        /// Wait between looks at the schedule when nothing is due.
        public var idlePoll: Duration = .seconds(2)
        /// One pass over what is due now, then return.
        public var once = false
        /// Requests a source may make in one pass (pages, comments, a discovered feed).
        public var maximumRequestsPerPass = 10
        public var maximumBackoff: Duration = .seconds(30)
        public var attemptTimeout: Duration = .seconds(60)

        public init(workerName: String = Collector.defaultWorkerName()) {
            self.workerName = workerName
        }
    }

    /// What the worker has done, for progress lines and for tests.
    public enum Event: Sendable, Equatable {
        /// A source was fetched (or answered 304) and its results stored.
        case collected(sourceID: Int64, outcome: FetchOutcomeKind, inserted: Int)
        /// A fetch failed; the error is recorded on the source.
        case failed(sourceID: Int64, error: String)
        /// The lease ran out and another worker holds the source: posts were stored, the state not.
        case leaseLost(sourceID: Int64)
        /// Expired leases returned to the pool.
        case rescued(Int)
        case retrying(DatabaseFailure, delay: Duration)
    }

    let leases: SourceLeases
    let sources: SourceStore
    let brands: BrandStore
    let posts: PostStore
    let fetcher: Fetcher
    let configuration: Configuration
    let metrics: CollectorMetrics
    let logger: Logger
    let onEvent: @Sendable (Event) -> Void
    let environment: [String: String]

    public init(
        database: Database, fetcher: Fetcher, configuration: Configuration, metrics: CollectorMetrics = CollectorMetrics(),
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.leases = SourceLeases(database)
        self.sources = SourceStore(database)
        self.brands = BrandStore(database)
        self.posts = PostStore(database)
        self.fetcher = fetcher
        self.configuration = configuration
        self.metrics = metrics
        self.environment = environment
        self.logger = logger
        self.onEvent = onEvent
    }

    /// `host:pid`, unique among the workers sharing a database.
    public static func defaultWorkerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    var retry: DatabaseRetry {
        let onEvent = self.onEvent
        return DatabaseRetry(
            attemptTimeout: configuration.attemptTimeout, maximumBackoff: configuration.maximumBackoff, logger: logger
        ) { failure, delay in onEvent(.retrying(failure, delay: delay)) }
    }

    public func run() async throws {
        let owner = configuration.workerName
        let (leases, lease) = (self.leases, configuration.lease)
        let slots = max(1, configuration.concurrency)
        logger.info("collector started", metadata: ["worker": "\(owner)", "concurrency": "\(slots)"])
        // A child task returns true when it finished a source, false when it is the tick
        // that wakes the loop to look at the schedule again.
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var running = 0
            var ticking = false
            // In `once` mode: sources already collected in this pass are not claimed again.
            var done = Set<Int64>()
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let rescued = try await retry.run { try await leases.rescueExpired() }
                if rescued > 0 {
                    logger.notice("returned expired leases to the pool", metadata: ["sources": "\(rescued)"])
                    onEvent(.rescued(rescued))
                }
                var claimed: [ClaimedSource] = []
                if running < slots {
                    let room = slots - running
                    claimed = try await retry.run { try await leases.claim(owner: owner, limit: room, lease: lease) }
                }
                if configuration.once {
                    let again = claimed.filter { done.contains($0.source.id) }.map(\.source.id)
                    if !again.isEmpty { try await retry.run { try await leases.release(owner: owner, ids: again) } }
                    claimed.removeAll { done.contains($0.source.id) }
                    done.formUnion(claimed.map(\.source.id))
                    if claimed.isEmpty && running == 0 { return }
                }
                for source in claimed {
                    metrics.recordLeaseLag(source.lag)
                    running += 1
                    group.addTask { await self.collect(source); return true }
                }
                // Claim again at once while there is room and sources were due; else wait
                // for a source to finish or the next tick, whichever comes first.
                if !claimed.isEmpty && running < slots { continue }
                if !ticking && !configuration.once {
                    ticking = true
                    // With room to spare, wake when the next source falls due rather than a
                    // whole poll later: that wait is the lease lag of every source.
                    var wait = configuration.idlePoll
                    if running < slots, let due = try? await retry.run({ try await leases.untilNextDue() }) {
                        wait = min(wait, max(due + .milliseconds(10), .milliseconds(50)))
                    }
                    group.addTask { [wait] in
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                        return false
                    }
                }
                guard let finished = try await group.next() else { continue }
                if finished { running -= 1 } else { ticking = false }
            }
            // Shutting down: no new claims; what is in flight finishes and is stored.
            try await group.waitForAll()
        }
        logger.info("collector stopped", metadata: ["worker": "\(owner)"])
    }
}

