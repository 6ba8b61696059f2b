import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import VigieAPI
import VigieCommandLine
import VigieConfig
import VigieFetch
import VigieModel
import VigieStorage
import VigieWorkers

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect posts from the sources that are due, and keep collecting.",
        discussion: """
            A long-running worker: claims due sources with a lease (run as many workers as you \
            like, on any host: no source is fetched by two at once), fetches them politely \
            (conditional GET, per-source interval, backoff on errors, Retry-After, a per-host \
            limit, robots.txt for pages), stores new and edited posts and queues them for the \
            classifier. Sources are managed with 'vigie source'. Stops gracefully on SIGTERM \
            or SIGINT: no new claims, fetches in flight finish and are stored.

            Private, loopback, link-local and cloud-metadata addresses are refused, after DNS \
            and on every redirect, unless --allow-private-networks.
            """)

    @OptionGroup var db: DatabaseOptions
    @Flag(help: "One pass over the sources due now, then exit.") var once = false
    @Option(help: "Sources fetched at the same time.") var jobs = 8
    @Option(help: "This worker's name in the leases (default host:pid).") var name: String?
    @Option(help: "Serve Prometheus metrics on HOST:PORT (GET /metrics).") var metricsAddress: String?
    @Option(help: Settings.contactURL.help(valueName: "url")) var contact: String?
    @Flag(help: "Allow fetching private, loopback and link-local addresses (tests, intranets).")
    var allowPrivateNetworks = false
    @Option(help: ArgumentHelp("How long a claim holds a source, renewed every third of it.", valueName: "seconds"))
    var lease = 60
    @Option(help: ArgumentHelp("Time a whole fetch may take: redirects, robots.txt, body.", valueName: "seconds"))
    var fetchTimeout = 60
    @Option(help: ArgumentHelp("Time a server may stay silent during a fetch.", valueName: "seconds"))
    var readTimeout = 20
    @Option(help: ArgumentHelp("Time to connect to a server.", valueName: "seconds"))
    var connectTimeout = 10
    @Option(help: "Fetches to one host at the same time.") var perHostConcurrency = 2

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        if let metricsAddress, HostAndPort(metricsAddress) == nil {
            throw ValidationError("--metrics-address must be HOST:PORT, e.g. 127.0.0.1:9464")
        }
        guard lease >= 3 && lease <= 86400 else { throw ValidationError("--lease must be between 3 and 86400 seconds") }
        for (flag, value) in [("--fetch-timeout", fetchTimeout), ("--read-timeout", readTimeout), ("--connect-timeout", connectTimeout)]
        where value < 1 || value > 3600 {
            throw ValidationError("\(flag) must be between 1 and 3600 seconds")
        }
        guard perHostConcurrency >= 1 && perHostConcurrency <= 256 else {
            throw ValidationError("--per-host-concurrency must be between 1 and 256")
        }
    }

    func run() async throws {
        let logger = try db.makeLogger(defaultLevel: .info)
        let config = db.configuration([Settings.contactURL: contact])
        let settings = try CLIError.wrap { try db.resolve(logger: logger) }
        let autoMigrate = try db.autoMigrate()
        try await DatabaseOptions.waitForServer(settings, logger: logger)
        try await CLIError.wrapAsync {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: 2) { database in
                try await DatabaseOptions.prepareSchema(database, autoMigrate: autoMigrate)
            }
        }
        let contact = try CLIError.wrap { try config.value(Settings.contactURL) }
        if contact == nil {
            logger.warning("VIGIE_CONTACT_URL is not set: site owners cannot tell who runs this collector")
        }
        var fetch = FetchConfiguration(
            userAgent: contact.map { FetchConfiguration.userAgent(version: VigieVersion.current, contact: $0) }
                ?? "Vigie/\(VigieVersion.current)")
        fetch.allowPrivateNetworks = allowPrivateNetworks
        fetch.totalTimeout = .seconds(fetchTimeout)
        fetch.readTimeout = .seconds(readTimeout)
        fetch.connectTimeout = .seconds(connectTimeout)
        fetch.perHostConcurrency = perHostConcurrency
        let fetcher = Fetcher(configuration: fetch, logger: logger)
        let registry = PrometheusCollectorRegistry()
        var worker = Collector.Configuration(workerName: name ?? Collector.defaultWorkerName())
        worker.concurrency = jobs
        worker.once = once
        worker.lease = .seconds(lease)
        let (metricsAddress, once, workerConfiguration) = (self.metricsAddress.flatMap(HostAndPort.init), self.once, worker)
        do {
            try await Database.withDatabase(settings, logger: logger, maximumConnections: min(jobs, 16) + 2) { database in
                let collector = Collector(
                    database: database, fetcher: fetcher, configuration: workerConfiguration,
                    metrics: CollectorMetrics(factory: PrometheusMetricsFactory(registry: registry)), logger: logger)
                if once { return try await collector.run() }
                var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: collector)]
                if let address = metricsAddress {
                    let app = MetricsServer.application(registry: registry, host: address.host, port: address.port, logger: logger) {
                        port in logger.info("metrics on http://\(address.host):\(port)/metrics")
                    }
                    services.append(.init(service: app))
                }
                // SIGTERM (systemctl stop) or SIGINT: no new claims, fetches in flight finish.
                let group = ServiceGroup(
                    configuration: ServiceGroupConfiguration(
                        services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                try await group.run()
            }
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
        try await fetcher.shutdown()
    }
}

/// `HOST:PORT`, `[IPv6]:PORT`.
struct HostAndPort {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}
