import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A site of many feeds on loopback, for the collector's fault tests: `/feed/{n}.xml` for
/// n in 0..<feeds, each a small RSS 2.0 feed (the shape of https://www.rssboard.org/rss-specification)
/// whose newest item changes every `itemsEvery`, with an `ETag` and a 304 on a match; and
/// hostile paths (``HostilePath``). Every request is logged with when its answer started
/// and ended, so a test can count the fetches of each feed and check that no two overlapped.
public final class FixtureSite: Sendable {
    public struct Configuration: Sendable {
        public var feeds: Int
        /// Wait before answering a feed: the time a fetch stays in flight.
        public var delay: Duration = .zero
        /// A new item in every feed this often.
        public var itemsEvery: Duration = .seconds(5)
        /// Items in each feed: the newest ones.
        public var window = 3
        public var host = "127.0.0.1"

        public init(feeds: Int) {
            self.feeds = feeds
        }
    }

    /// A hostile answer, each at its own path.
    public enum HostilePath: String, Sendable, CaseIterable {
        /// Accepts and never answers.
        case hang
        /// Announces a body, then sends it one byte a second.
        case trickle
        /// 500 with `Retry-After: 120`.
        case error
        /// 200 with bytes that are no feed.
        case garbage
        /// Two URLs redirecting to each other.
        case loop
        /// A body without end, as fast as the client reads.
        case endless
        /// A gzip body expanding about 160 times (5 MB of zeros from 32 KB).
        case bomb

        public var path: String { self == .loop ? "/hostile/loop/a" : "/hostile/\(rawValue)" }
    }

    /// One request: its path, when it arrived, when its answer was written or its
    /// connection closed (nil while in flight), and the status answered.
    public struct Hit: Sendable {
        public var path: String
        public var start: ContinuousClock.Instant
        public var end: ContinuousClock.Instant?
        public var status: Int?
    }

    public let configuration: Configuration
    public let port: Int
    private let channel: any Channel
    private let started = ContinuousClock.now
    private let log = Mutex<[Hit]>([])
    private let served = Mutex<Set<String>>([])

    public init(_ configuration: Configuration) async throws {
        self.configuration = configuration
        let box = Box()
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelInitializer { channel in
                channel.pipeline.addHandler(SiteHandler(site: box))
            }
            .bind(host: configuration.host, port: 0).get()
        self.port = channel.localAddress?.port ?? 0
        box.site = self
    }

    public func stop() async throws {
        try await channel.close()
    }

    public func url(_ path: String) -> String { "http://\(configuration.host):\(port)\(path)" }
    public func feedURL(_ n: Int) -> String { url("/feed/\(n).xml") }
    public func postURL(feed n: Int, item k: Int) -> String { url("/post/\(n)/\(k)") }

    /// Every request so far.
    public var hits: [Hit] { log.withLock { $0 } }

    /// The requests for `path`, in order of arrival.
    public func hits(of path: String) -> [Hit] { hits.filter { $0.path == path } }

    /// The URLs of the items the site answered with (304s serve none).
    public var servedPosts: Set<String> { served.withLock { $0 } }

    /// Whether two of `hits` were in flight at the same time.
    public static func overlap(_ hits: [Hit]) -> Bool {
        let sorted = hits.sorted { $0.start < $1.start }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            guard let end = earlier.end, end <= later.start else { return true }
        }
        return false
    }

    // MARK: Answers

    func begin(_ path: String) -> Int {
        log.withLock { log in
            log.append(Hit(path: path, start: .now))
            return log.count - 1
        }
    }

    func end(_ index: Int, status: Int?) {
        log.withLock { log in
            if log[index].end == nil { log[index].end = .now }
            if let status { log[index].status = status }
        }
    }

    /// The feed `n` as it is now: its ETag and body, and the items in it.
    func feed(_ n: Int) -> (etag: String, body: [UInt8], items: [String]) {
        let every = Double(configuration.itemsEvery.components.seconds)
            + Double(configuration.itemsEvery.components.attoseconds) / 1e18
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let generation = every > 0 ? Int(seconds / every) : 0
        let first = max(0, generation - configuration.window + 1)
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Flux \(n)</title><link>\(url("/"))</link>
            <description>Fixture feed \(n)</description>

            """
        var items: [String] = []
        for k in (first...generation).reversed() {
            let link = postURL(feed: n, item: k)
            items.append(link)
            xml += """
                <item><title>Billet \(k) du flux \(n)</title><link>\(link)</link><guid>\(link)</guid>
                <pubDate>\(Self.pubDate(minutes: k))</pubDate>
                <description>Avis numéro \(k) sur le flux \(n) : très bon service, merci beaucoup.</description></item>

                """
        }
        xml += "</channel></rss>\n"
        return ("\"f\(n)-g\(generation)\"", Array(xml.utf8), items)
    }

    func recordServed(_ items: [String]) {
        served.withLock { $0.formUnion(items) }
    }

    /// RFC 822, `minutes` after Thursday 1 January 2026 (January only: a month of minutes).
    static func pubDate(minutes: Int) -> String {
        let minutes = min(minutes, 31 * 1440 - 1)
        let day = minutes / 1440
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][day % 7]
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day + 1)) Jan 2026 \(two(minutes % 1440 / 60)):\(two(minutes % 60)):00 GMT"
    }
}

/// Lets the channel handlers reach the site, which exists only once the port is bound.
final class Box: @unchecked Sendable {
    weak var site: FixtureSite?
}

extension Duration {
    var timeAmount: TimeAmount {
        .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}
