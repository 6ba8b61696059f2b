import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigieClassify
import VigieModel
import VigieStorage

/// Drains the classification queue.
///
/// Each batch is one transaction (see ``VigieStorage/ClassifyQueue``), so
/// several workers, in one process or on many hosts, share the queue without
/// ever classifying or counting a post twice. A database that is down or gave a
/// transaction up (``VigieStorage/DatabaseFailure``) ends nothing: the worker waits
/// and tries again, up to `maximumBackoff` apart. A batch that fails for another reason
/// is split in halves until the post that fails is alone; a post that fails alone
/// `attemptsPerPost` times goes to the failed list (``VigieStorage/ClassifyFailures``) and
/// the queue moves on. Any other failure stops the worker.
///
/// It reports what it does as ``Event``s: a progress line reads them, and tests wait
/// on them rather than on the clock.
public struct ClassifyWorker: Service {
    public struct Configuration: Sendable {
        /// Posts per transaction.
        public var batchSize = 500
        /// Concurrent batches in this process.
        public var concurrency = 1
        /// Stop once the queue is empty instead of polling for more.
        public var drain = false
        /// Wait between polls of an empty queue: the fallback, since a NOTIFY on
        /// `vigie_classify` wakes an idle worker at once (see ``ClassifyQueue/listen``).
        public var pollInterval: Duration = .seconds(2)
        public var maximumBackoff: Duration = .seconds(30)
        /// Longest wait for one database call before it is given up and retried: a call on
        /// a connection that died with the server may otherwise never return.
        public var attemptTimeout: Duration = .seconds(60)
        /// Register a version other than the active one: backfill every post
        /// with it, then switch the trend API to it.
        public var reclassify = false
        /// Tries of a post alone, once its batch failed, before it goes to the failed list.
        public var attemptsPerPost = 2
        public init() {}

        /// Two concurrent batches until the queue is empty: what one-shot commands use.
        public static var draining: Configuration {
            var configuration = Configuration()
            configuration.drain = true
            configuration.concurrency = 2
            return configuration
        }
    }

    /// What the worker has done.
    public enum Event: Sendable, Equatable {
        /// A batch of this many posts was classified and committed.
        case committed(Int)
        /// A brand backfill batch decided this many (post, brand) mentions again and committed.
        case backfilled(Int)
        /// A database call failed this way; the worker tries again after `delay`.
        case retrying(DatabaseFailure, delay: Duration)
        /// The version this worker classifies with now serves the trends.
        case activated(version: String)
        /// This post failed alone every time; it is on the failed list now.
        case failed(postID: Int64, error: String)
        /// The worker LISTENs for new posts: queued posts wake it at once.
        case listening
    }

    let versions: ClassifierVersions
    let queue: ClassifyQueue
    let failures: ClassifyFailures
    let backfill: BrandBackfill
    /// The classifier, with the stored brands reloaded when they change.
    let brands: BrandMatching
    let configuration: Configuration
    let logger: Logger
    let onEvent: @Sendable (Event) -> Void
    let wakeups = Wakeups()

    public init(
        database: Database, classifier: Classifier, configuration: Configuration, logger: Logger,
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.versions = ClassifierVersions(database)
        self.queue = ClassifyQueue(database)
        self.failures = ClassifyFailures(database)
        self.backfill = BrandBackfill(database)
        self.brands = BrandMatching(store: BrandStore(database), classifier: classifier)
        self.configuration = configuration
        self.logger = logger
        self.onEvent = onEvent
    }

    public func run() async throws {
        let version = Classifier.version
        let reclassify = configuration.reclassify
        let versions = self.versions
        let state = try await withRetry { try await versions.register(version: version, reclassify: reclassify) }
        if case .backfilling(let active) = state {
            logger.notice(
                "backfilling a new classifier version; trends keep reading the active one until it is done",
                metadata: ["classifier.version": "\(version)", "classifier.active": "\(active)"])
        }
        try await withThrowingTaskGroup(of: Void.self) { listener in
            // Draining ends when the queue is empty: nothing to wait for.
            if !configuration.drain { listener.addTask { await listen() } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, configuration.concurrency) {
                    group.addTask { try await loop(version: version) }
                }
                try await group.waitForAll()
            }
            listener.cancelAll()
        }
    }

    /// Keeps a LISTEN open on the queue's channel and wakes the loops on each notification.
    /// While it is down (a restart of the server) the loops poll; each new LISTEN wakes them
    /// once, for the posts queued while it was down.
    private func listen() async {
        let (queue, wakeups, onEvent, logger) = (self.queue, self.wakeups, self.onEvent, self.logger)
        var delay: Duration = .milliseconds(250)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let established = Atomic(false)
            do {
                try await queue.listen(
                    onListening: {
                        established.store(true, ordering: .relaxed)
                        wakeups.wake()
                        onEvent(.listening)
                    }, onNotification: { wakeups.wake() })
            } catch {
                if Task.isCancelled { return }
                logger.debug("listen for new posts failed; polling meanwhile", metadata: ["error": "\(Database.reason(error))"])
            }
            // Back off from the first failure after a LISTEN that held.
            if established.load(ordering: .relaxed) { delay = .milliseconds(250) }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, configuration.maximumBackoff)
        }
    }

    private func loop(version: String) async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // Read before looking for work: a wake after this point ends the wait below.
            let seen = wakeups.generation
            let (versions, backfill, brands, batchSize) = (
                self.versions, self.backfill, self.brands, configuration.batchSize
            )
            let (classifier, known) = try await withRetry { try await brands.current() }
            let count: Int
            do {
                count = try await classifyBatch(limit: batchSize, version: version, classifier: classifier, brands: known)
            } catch let failed as FailedBatch {
                try await isolate(failed, version: version, classifier: classifier, brands: known)
                continue
            }
            if count > 0 { onEvent(.committed(count)) }
            // New posts first, then the history of brands added or changed: both advance.
            let backfilled = try await withRetry {
                try await backfill.backfillBatch(limit: batchSize, version: version, brands: known) { posts in
                    posts.flatMap { post in
                        let wanted = Set(post.brandIDs)
                        return classifier.brands(in: Self.input(post.post)).filter { wanted.contains($0.id) }.map {
                            (post: post.post.id, brand: $0.id, sentiment: Self.mentionSentiment($0))
                        }
                    }
                }
            }
            if backfilled > 0 { onEvent(.backfilled(backfilled)) }
            if count > 0 || backfilled > 0 { continue }
            if try await withRetry({ try await versions.activateIfBackfilled(version: version) }) {
                logger.notice("classifier version now active", metadata: ["classifier.version": "\(version)"])
                onEvent(.activated(version: version))
            }
            if configuration.drain { return }
            // A graceful shutdown ends the wait at once; so does a NOTIFY of new posts.
            let (pollInterval, wakeups) = (configuration.pollInterval, self.wakeups)
            try? await cancelWhenGracefulShutdown { await wakeups.wait(since: seen, timeout: pollInterval) }
        }
    }

    private func classifyBatch(
        limit: Int, version: String, only: [Int64]? = nil, classifier: Classifier, brands: BrandRevisions
    ) async throws -> Int {
        let queue = self.queue
        return try await withRetry {
            try await queue.classifyBatch(limit: limit, version: version, only: only, brands: brands) { posts in
                posts.map { Self.record(for: $0, classifier: classifier) }
            }
        }
    }

    /// Splits a failed batch in halves, classifying what can be, until the post that fails
    /// is alone; after `attemptsPerPost` tries alone it goes to the failed list.
    private func isolate(
        _ failed: FailedBatch, version: String, classifier: Classifier, brands: BrandRevisions
    ) async throws {
        var pending = [failed]
        while let batch = pending.popLast() {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            let ids = batch.postIDs
            guard ids.count == 1 else {
                for half in [Array(ids[..<(ids.count / 2)]), Array(ids[(ids.count / 2)...])] {
                    do {
                        let count = try await classifyBatch(
                            limit: half.count, version: version, only: half, classifier: classifier, brands: brands)
                        if count > 0 { onEvent(.committed(count)) }
                    } catch let smaller as FailedBatch {
                        pending.append(smaller)
                    }
                }
                continue
            }
            // Its first failure alone was `batch` itself.
            var (last, attempts, done) = (batch, 1, false)
            while !done && attempts < max(1, configuration.attemptsPerPost) {
                attempts += 1
                do {
                    let count = try await classifyBatch(
                        limit: 1, version: version, only: ids, classifier: classifier, brands: brands)
                    if count > 0 { onEvent(.committed(count)) }
                    done = true
                } catch let again as FailedBatch {
                    last = again
                }
            }
            guard !done, let postID = ids.first else { continue }
            let (failures, reason, tries) = (self.failures, last.description, attempts)
            if try await withRetry({
                try await failures.record(postID: postID, version: version, error: reason, attempts: tries)
            }) {
                logger.error(
                    "post failed to classify; moved to the failed list",
                    metadata: ["post.id": "\(postID)", "error": "\(reason)", "attempts": "\(tries)"])
                onEvent(.failed(postID: postID, error: reason))
            }
        }
    }

    /// Retries `body` while it fails in a way worth retrying (see ``DatabaseRetry``).
    private func withRetry<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let onEvent = self.onEvent
        let retry = DatabaseRetry(
            attemptTimeout: configuration.attemptTimeout, maximumBackoff: configuration.maximumBackoff, logger: logger
        ) { failure, delay in onEvent(.retrying(failure, delay: delay)) }
        return try await retry.run(body)
    }

    /// Maps a classifier result to what storage keeps.
    public static func record(for post: LeasedPost, classifier: Classifier) -> ClassificationRecord {
        let result = classifier.classify(input(post))
        return ClassificationRecord(
            postID: post.id, lang: result.lang,
            sentiment: result.sentiment.label,
            score: result.sentiment.score,
            brandIDs: result.brands.map(\.id),
            brandSentiments: Dictionary(
                result.brands.compactMap { brand in mentionSentiment(brand).map { (brand.id, $0) } },
                uniquingKeysWith: { first, _ in first }),
            categories: result.categories.map(\.id))
    }

    /// What storage keeps of a brand's own sentiment; nil when it has none (the post's stands for it).
    static func mentionSentiment(_ brand: ClassificationResult.BrandMatch) -> MentionSentiment? {
        brand.sentiment.map { MentionSentiment(label: $0.label, score: $0.score) }
    }

    /// What the classifier reads of a stored post.
    static func input(_ post: LeasedPost) -> ClassifierInput {
        ClassifierInput(id: String(post.id), title: post.title, text: post.body, author: post.author, lang: post.lang)
    }
}
