import Foundation
import Logging
import ServiceLifecycle
import VigieClassify
import VigieStorage
import VigieWorkers

/// Runs the worker with brands loaded from the database and a progress line.
package enum ClassifyRun {
    package static func run(database: Database, configuration: ClassifyWorker.Configuration, logger: Logger)
        async throws -> Int
    {
        let brands = try await BrandStore(database).all()
        let classifier: Classifier
        do {
            classifier = try Classifier(brands: brands)
        } catch {
            throw CLIError(.badInput, "brand query error: \(error)")
        }
        let counter = Counter()
        let backfilled = Counter()
        let worker = ClassifyWorker(
            database: database, classifier: classifier, configuration: configuration, logger: logger
        ) { event in
            switch event {
            case .committed(let n):
                Terminal.progress("classified \(counter.add(n)) posts")
            case .backfilled(let n):
                Terminal.progress("matched \(backfilled.add(n)) stored posts against new or changed brands")
            default:
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
        return counter.value
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) -> Int { lock.withLock { total += n; return total } }
    var value: Int { lock.withLock { total } }
}
