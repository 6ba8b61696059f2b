import Foundation
import Logging
import VigieFetch
import VigieModel
import VigieSources
import VigieStorage

extension Collector {
    /// Fetches, stores and reschedules one claimed source; never throws: a failure is
    /// recorded on the source.
    func collect(_ claimed: ClaimedSource) async {
        let source = claimed.source
        var logger = self.logger
        logger[metadataKey: "source.id"] = "\(source.id)"
        logger[metadataKey: "source.url"] = "\(source.url ?? "")"
        logger[metadataKey: "source.kind"] = "\(source.kind.rawValue)"
        let (leases, owner, lease) = (self.leases, configuration.workerName, configuration.lease)
        // Renews the lease every third of it while the pass runs.
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: lease / 3)
                let held = try await leases.renew(owner: owner, ids: [source.id], lease: lease)
                if !held.contains(source.id) {
                    logger.warning("lease lost while fetching; the results will be stored but not the state")
                    return
                }
            }
        }
        defer { renewal.cancel() }

        let ready: Source
        do {
            ready = try await prepared(source)
        } catch {
            // The lease runs out and the source is collected again later.
            logger.error("could not read the source's brand", metadata: ["error": "\(Database.reason(error))"])
            return
        }
        let started = ContinuousClock.now
        let pass = await SourcePass(fetcher: fetcher, maximumRequests: configuration.maximumRequestsPerPass).run(ready, logger: logger)
        metrics.recordFetch(kind: source.kind, outcome: pass.outcome, status: pass.status, bytes: pass.bytes,
                            elapsed: ContinuousClock.now - started)
        let outcome = FetchOutcome(
            kind: pass.outcome, status: pass.status, etag: pass.etag, lastModified: pass.lastModified,
            cursor: pass.cursor, error: pass.error, retryAfter: pass.retryAfter, permanentURL: pass.newURL,
            fetchedAt: Date(), nextFetchAt: Self.nextFetch(for: source, after: pass))
        let posts = pass.records.map { record -> NewPost in
            var record = record
            record.source = source.name
            return NewPost(record)
        }
        do {
            let result = try await retry.run { try await leases.complete(claimed, owner: owner, outcome: outcome, posts: posts) }
            metrics.recordStored(result.insert)
            // Comments link to their post by URL, whichever arrived first (as imports do),
            // looking only at this pass's posts and the comments waiting for them.
            if result.insert.inserted > 0 {
                let (store, urls) = (self.posts, posts.compactMap(\.record.url))
                try await retry.run { _ = try await store.linkParents(touching: urls) }
            }
            if result.leaseLost { onEvent(.leaseLost(sourceID: source.id)) }
            if let error = pass.error {
                logger.warning("fetch failed", metadata: ["error": "\(error)", "http.status": "\(pass.status.map(String.init) ?? "-")"])
                onEvent(.failed(sourceID: source.id, error: error))
            } else {
                logger.debug(
                    "source collected",
                    metadata: ["posts.new": "\(result.insert.inserted)", "posts.seen": "\(posts.count)",
                               "http.status": "\(pass.status.map(String.init) ?? "-")"])
                onEvent(.collected(sourceID: source.id, outcome: pass.outcome, inserted: result.insert.inserted))
            }
        } catch {
            // The database stayed away longer than the retries, or the worker is stopping:
            // the lease runs out and another pass (this worker's or another's) collects again.
            logger.error("could not store a source's results", metadata: ["error": "\(Database.reason(error))"])
        }
    }

    /// The source as the adapter should see it: a brand's saved query as `query`, a
    /// password named by `password_env` read from the environment.
    func prepared(_ source: Source) async throws -> Source {
        var source = source
        if let name = source.options["brand"] {
            let brands = self.brands
            if let brand = try await retry.run({ try await brands.all() }).first(where: { $0.name == name }) {
                source.options["query"] = brand.query
            }
        }
        if let variable = source.options["password_env"], let password = environment[variable] {
            source.options["password"] = password
        }
        return source
    }

    static func nextFetch(for source: Source, after pass: SourcePass.Result) -> Date {
        var random = SystemRandomNumberGenerator()
        let errors = pass.outcome == .failed ? source.state.consecutiveErrors + 1 : 0
        return SourceSchedule.nextFetch(
            after: pass.outcome, now: Date(), intervalSeconds: source.intervalSeconds, consecutiveErrors: errors,
            retryAfter: pass.retryAfter, random: &random)
    }
}
