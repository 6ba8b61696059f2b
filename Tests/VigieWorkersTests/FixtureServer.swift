import Foundation
import Hummingbird
import Logging
import Synchronization
import VigieDemoSite

/// Recorded responses served over real HTTP on 127.0.0.1: each path answers a fixture (the
/// adapters' own, `Tests/VigieSourcesTests/Fixtures`) with an `ETag`, and a 304 to a
/// request that has it; every request is logged so tests can check what was asked.
final class FixtureServer: Sendable {
    struct Route: Sendable {
        var body: [UInt8]
        var contentType: String
        var status = 200
        /// Sent as `ETag`; a request with a matching `If-None-Match` gets a 304.
        var etag: String?
    }

    struct Seen: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var ifNoneMatch: String?
        var authorization: String?
    }

    let routes: [String: Route]
    private let log = Mutex<[Seen]>([])

    init(_ routes: [String: Route]) {
        self.routes = routes
    }

    /// The requests served so far, oldest first.
    var seen: [Seen] { log.withLock { $0 } }

    /// A file of the adapters' recorded responses.
    static func fixture(_ name: String, contentType: String, etag: String? = nil, status: Int = 200) throws -> Route {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../VigieSourcesTests/Fixtures/\(name)").standardizedFileURL
        return Route(body: [UInt8](try Data(contentsOf: url)), contentType: contentType, status: status, etag: etag)
    }

    /// Runs `body` with the server's base URL (`http://127.0.0.1:PORT`).
    func run<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post] {
            router.on("**", method: method) { request, _ in self.answer(request) }
            router.on("/", method: method) { request, _ in self.answer(request) }
        }
        var logger = Logger(label: "fixture-server")
        logger.logLevel = .warning
        return try await LoopbackServer.withRunning(router, logger: logger) { port in try await body("http://127.0.0.1:\(port)") }
    }

    private func answer(_ request: Request) -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let seen = Seen(
            method: request.method.rawValue, path: request.uri.path, query: query,
            ifNoneMatch: request.headers[.ifNoneMatch], authorization: request.headers[.authorization])
        log.withLock { $0.append(seen) }
        // A route for one query parameter's value (`/comments?post=12`) before the path's.
        let keys = query.sorted { $0.key < $1.key }.map { "\(request.uri.path)?\($0.key)=\($0.value)" } + [request.uri.path]
        guard let route = keys.lazy.compactMap({ self.routes[$0] }).first else { return Response(status: .notFound) }
        var headers: HTTPFields = [.contentType: route.contentType]
        if let etag = route.etag {
            headers[.eTag] = etag
            if seen.ifNoneMatch == etag { return Response(status: .notModified, headers: headers) }
        }
        return Response(
            status: HTTPResponse.Status(code: route.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: route.body)))
    }
}
