import Foundation
import Logging
import ServiceLifecycle
import VigieClassify
import VigieStorage
import VigieWorkers

/// Runs the worker with brands loaded from the database and a progress line.
package enum ClassifyRun {
    /// What a run did: posts classified and committed, and posts moved to the failed list.
    package struct Outcome: Sendable {
        package var classified: Int
        package var failed: Int
    }

    package static func run(database: Database, configuration: ClassifyWorker.Configuration, logger: Logger)
        async throws -> Outcome
    {
        let brands = try await BrandStore(database).all()
        let classifier: Classifier
        do {
            classifier = try Classifier(brands: brands)
        } catch {
            throw CLIError(.badInput, "brand query error: \(error)")
        }
        let (counter, failed, backfilled) = (Counter(), Counter(), Counter())
        let worker = ClassifyWorker(
            database: database, classifier: classifier, configuration: configuration, logger: logger
        ) { event in
            switch event {
            case .committed(let n):
                Terminal.progress("classified \(counter.add(n)) posts")
            case .backfilled(let n):
                Terminal.progress("matched \(backfilled.add(n)) stored posts against new or changed brands")
            case .failed:
                _ = failed.add(1)
            case .retrying, .activated, .listening:
                return
            }
        }
        if configuration.drain {
            try await worker.run()
        } else {
            // Watching: SIGTERM (systemctl stop) or SIGINT lets the batch in hand commit,
            // then the worker stops.
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: worker)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
        Terminal.endProgress()
        if backfilled.value > 0 { print("matched \(backfilled.value) stored posts against new or changed brands") }
        return Outcome(classified: counter.value, failed: failed.value)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) -> Int { lock.withLock { total += n; return total } }
    var value: Int { lock.withLock { total } }
}
