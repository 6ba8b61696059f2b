import Hummingbird
import Logging
import Synchronization

/// A loopback site of `sources` RSS 2.0 feeds at `/feed/{n}`, for `vigie-bench collect`.
/// The k-th fetch of feed n answers its k-th rendering (new posts each pass, as a busy
/// blog would), then the last one again, with an `ETag` so an unchanged feed costs a 304.
final class BenchFeedSite: Sendable {
    let sources: Int
    /// Renderings: pass p of feed n is `renderings[p * sources + n]`.
    let renderings: [[UInt8]]
    private let fetches: Mutex<[Int]>

    init(sources: Int, renderings: [[UInt8]]) {
        precondition(sources > 0 && renderings.count % sources == 0)
        self.sources = sources
        self.renderings = renderings
        self.fetches = Mutex([Int](repeating: 0, count: sources))
    }

    var passes: Int { renderings.count / sources }

    /// Feeds answered with a body on every pass.
    var finished: Int { fetches.withLock { $0.count { $0 >= passes } } }

    /// Fetches answered (304s included).
    var requests: Int { fetches.withLock { $0.reduce(0, +) } }

    func application(onServerRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.get("feed/{n}") { request, context -> Response in
            let n = try context.parameters.require("n", as: Int.self)
            guard (0..<self.sources).contains(n) else { return Response(status: .notFound) }
            let pass = self.fetches.withLock { fetches in
                fetches[n] += 1
                return min(fetches[n], self.passes) - 1
            }
            var headers: HTTPFields = [.eTag: "\"\(n)-\(pass)\"", .contentType: "application/rss+xml; charset=utf-8"]
            if request.headers[.ifNoneMatch] == headers[.eTag] {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.renderings[pass * self.sources + n])))
        }
        // Quiet: the site is stopped by cancellation once the measure is done.
        var logger = Logger(label: "vigie-bench.site")
        logger.logLevel = .critical
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "vigie-bench"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }
}
