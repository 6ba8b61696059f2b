import Foundation
import Logging
import Synchronization
import VigieCommandLine
import VigieDemoSite
import VigieFetch
import VigieModel
import VigieStorage
import VigieWorkers

/// The collecting half of `vigie demo`: the bundled fixture site on loopback, two sources
/// watching it, and a collector allowed to reach loopback (and nothing else internal).
enum DemoCollecting {
    /// The demo's own sources, by name: found again on the next run and pointed at the
    /// site's new port.
    static let blogName = "Demo blog"
    static let hashtagName = "Demo hashtag"
    /// How often the site releases a post and the demo sources are fetched.
    static let release: Duration = .seconds(30)

    /// Runs `body` with the demo site listening on a free port of 127.0.0.1 (its base URL
    /// and hashtag given); the site stops when `body` returns or throws.
    static func withSite<T: Sendable>(
        logger: Logger, _ body: @escaping @Sendable (_ base: String, _ hashtag: String) async throws -> T
    ) async throws -> T {
        let site = try DemoSite(releaseEvery: release)
        return try await LoopbackServer.withRunning(site.router(), logger: logger) { port in
            try await body("http://127.0.0.1:\(port)", site.hashtag)
        }
    }

    /// Adds the blog (through autodiscovery from its home page) and the hashtag if absent;
    /// sources of an earlier run are pointed at this run's port and made due now.
    static func ensureSources(_ database: Database, base: String, hashtag: String) async throws -> [String] {
        let store = SourceStore(database)
        let wanted: [(name: String, kind: SourceKind, url: String, options: [String: String])] = [
            (blogName, .feed, base + "/", [:]),
            (hashtagName, .mastodon, base, ["hashtag": hashtag]),
        ]
        var lines: [String] = []
        for source in wanted {
            if let found = try await store.source(named: source.name) {
                guard found.removedAt == nil else {
                    lines.append("source '\(found.name)' was removed: not collected")
                    continue
                }
                try await store.setURL(source.url, for: found.id)
                guard !found.paused else {
                    lines.append("source '\(found.name)' is paused ('vigie source resume' collects it)")
                    continue
                }
                try await store.resume(found.id)
                lines.append("source '\(found.name)': \(source.url)")
            } else {
                let added = try await store.add(
                    name: source.name, kind: source.kind, url: source.url, options: source.options,
                    intervalSeconds: Int(release.components.seconds))
                lines.append("added source '\(added.name)' (\(added.kind.rawValue)): \(source.url)")
            }
        }
        return lines
    }

    /// The demo's fetcher: loopback allowed (the site), every other internal address refused.
    static func fetcher(logger: Logger) -> Fetcher {
        var configuration = FetchConfiguration(userAgent: "Vigie/\(VigieVersion.current) (demo)")
        configuration.allowLoopback = true
        return Fetcher(configuration: configuration, logger: logger)
    }

    /// A collector for the demo: `once` collects what is due and returns the posts it
    /// stored; otherwise it runs until cancelled, printing a line when new posts arrive.
    @discardableResult
    static func collect(database: Database, fetcher: Fetcher, once: Bool, logger: Logger) async throws -> Int {
        var configuration = Collector.Configuration(workerName: "demo:\(ProcessInfo.processInfo.processIdentifier)")
        configuration.once = once
        configuration.concurrency = 2
        configuration.idlePoll = .seconds(5)
        let stored = Mutex(0)
        try await Collector(database: database, fetcher: fetcher, configuration: configuration, logger: logger) { event in
            guard case .collected(_, _, let inserted) = event, inserted > 0 else { return }
            stored.withLock { $0 += inserted }
            if !once {
                print("collected \(inserted) new post\(inserted == 1 ? "" : "s")")
                Terminal.flush()
            }
        }.run()
        return stored.withLock { $0 }
    }

    /// What a user can copy to add another source while the demo runs.
    static func hints(base: String) -> String {
        """
        Demo site: \(base)/ (a blog, its feeds, WordPress's API, a Mastodon hashtag); a post every \
        \(release.components.seconds) s.
        Add another source while the demo runs, e.g. the site's WordPress API or a real hashtag:
          vigie source add --kind wordpress --name "Demo blog (WordPress)" --interval 1m \(base)/
          vigie source add --kind mastodon --name "#cafe" --hashtag cafe https://mastodon.social
        """
    }
}
