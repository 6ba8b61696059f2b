import Foundation
import Hummingbird
import Logging
import VigieSample

/// A French consumer blog and a Mastodon hashtag, served on loopback for `vigie demo` and the
/// collectors' tests: the bundled content (``VigieSample/DemoContent``) released over time, so
/// that a collector polling it sees new posts arrive and trends move without internet access.
///
/// A third of the posts and statuses are there from `start`; then one post and one status
/// come every `releaseEvery`, comments a little after their post. Routes:
/// - `/`: the blog's home page, with `<link rel="alternate">` to its feeds (autodiscovery);
///   `/billets/{slug}/`: a post's page;
/// - `/feed/`: RSS 2.0 of the posts; `/comments/feed/`: of the comments;
///   `/billets/{slug}/feed/`: of one post's comments (WordPress's feeds);
/// - `/wp-json/wp/v2/posts` and `/wp-json/wp/v2/comments`: WordPress's REST API;
/// - `/api/v1/timelines/tag/{hashtag}`: Mastodon's hashtag timeline.
///
/// The feeds and timelines carry `ETag` and `Last-Modified` and answer 304 to a client that
/// has them.
public struct DemoSite: Sendable {
    public let start: Date
    public let releaseEvery: Duration
    let content: DemoContent
    let now: @Sendable () -> Date

    /// The site with the bundled content; `now` is the clock it releases by. Throws when
    /// `releaseEvery` is not positive or the bundled content cannot be read.
    public init(
        start: Date = Date(), releaseEvery: Duration = .seconds(60), content: DemoContent? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        guard releaseEvery > .zero else { throw DemoSiteError("releaseEvery must be positive, not \(releaseEvery)") }
        self.start = start
        self.releaseEvery = releaseEvery
        self.content = try content ?? DemoContent.bundled()
        self.now = now
    }

    /// The hashtag whose timeline the site serves, without `#`.
    public var hashtag: String { content.hashtag }

    /// What is shown now.
    func snapshot() -> DemoSnapshot {
        DemoSnapshot(content, timeline: DemoTimeline(start: start, releaseEvery: releaseEvery), now: now())
    }

    /// The site's routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in self.home(request) }
        router.get("billets/{slug}") { request, context in try self.page(request, slug: context.parameters.require("slug")) }
        router.get("feed") { request, _ in self.postsFeed(request) }
        router.get("comments/feed") { request, _ in try self.commentsFeed(request, slug: nil) }
        router.get("billets/{slug}/feed") { request, context in
            try self.commentsFeed(request, slug: context.parameters.require("slug"))
        }
        router.get("wp-json/wp/v2/posts") { request, _ in try self.wordPressPosts(request) }
        router.get("wp-json/wp/v2/comments") { request, _ in try self.wordPressComments(request) }
        router.get("api/v1/timelines/tag/{hashtag}") { request, context in
            try self.mastodonTimeline(request, hashtag: context.parameters.require("hashtag"))
        }
        return router
    }

    /// The application on `host:port` (port 0: any free port, given to `onServerRunning`).
    public func application(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "vigie-demo-site"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger ?? Logger(label: "vigie.demo-site"))
    }

    /// Serves the site until the task is cancelled or the process gets SIGTERM or SIGINT.
    public func run(host: String = "127.0.0.1", port: Int, logger: Logger? = nil) async throws {
        try await application(host: host, port: port, logger: logger).runService()
    }

    /// The scheme and authority links point to: the host the client asked for, when it is
    /// a plain host and port (nothing that could break out of a link).
    static func base(_ request: Request) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        guard let authority = request.head.authority, !authority.isEmpty, authority.allSatisfy(allowed.contains) else {
            return "http://127.0.0.1"
        }
        return "http://\(authority)"
    }

    /// A 400 with a JSON body in the shape of the API asked (`body`).
    static func badRequest(_ body: [String: Any]) -> Response {
        json(body, status: .badRequest)
    }

    static func json(_ value: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: jsonBytes(value))))
    }

    static func jsonBytes(_ value: Any) -> [UInt8] {
        // Built from dictionaries, arrays, strings, numbers and NSNull only: it serializes.
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return [UInt8](data)
    }
}

/// Why the demo site cannot be set up: one line.
public struct DemoSiteError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
