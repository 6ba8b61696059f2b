import NIOCore
import NIOPosix
import Synchronization
import VigieTestSupport

/// A raw TCP server on loopback that answers as each test says, down to the byte: polite
/// sites and hostile ones (silent, trickling, endless, not HTTP at all).
final class LoopbackServer: Sendable {
    /// One request as received: the request line's path and the headers, names lowercased.
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
    }

    typealias Responder = @Sendable (Request, any Channel) -> Void

    private let channel: any Channel
    let host: String
    let port: Int

    /// Binds `host` on a free port; `respond` answers each request on its channel.
    init(host: String = "127.0.0.1", respond: @escaping Responder) async throws {
        let box = RequestLog()
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.addHandler(RawRequestHandler { request, channel in
                    box.append(request)
                    respond(request, channel)
                })
            }
            .bind(host: host, port: 0).get()
        self.host = host
        self.port = channel.localAddress?.port ?? 0
        self.log = box
    }

    private let log: RequestLog

    var requests: [Request] { log.all }

    func url(_ path: String) -> String { "http://\(host):\(port)\(path)" }

    func stop() async throws {
        try await channel.close()
    }
}

final class RequestLog: Sendable {
    private let requests = Mutex<[LoopbackServer.Request]>([])
    func append(_ request: LoopbackServer.Request) { requests.withLock { $0.append(request) } }
    var all: [LoopbackServer.Request] { requests.withLock { $0 } }
}

/// Gathers bytes up to the end of a request head, then hands the head over (bodies are not
/// read: the fetcher's requests here have none).
private final class RawRequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private let onRequest: LoopbackServer.Responder

    init(_ onRequest: @escaping LoopbackServer.Responder) {
        self.onRequest = onRequest
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        while let end = RequestHead.end(in: pending) {
            let head = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            let lines = head.split(separator: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingPrefix(" ").description
            }
            let request = LoopbackServer.Request(
                method: requestLine.first.map(String.init) ?? "",
                path: requestLine.count > 1 ? String(requestLine[1]) : "",
                headers: headers
            )
            onRequest(request, context.channel)
        }
    }

}

/// Writing answers (`send(_:)` of bytes and `sendRepeatedly` come with the test support).
extension Channel {
    func send(_ text: String) {
        send(Array(text.utf8))
    }

    /// A whole response with `Content-Length`.
    func respond(_ status: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        var head = "HTTP/1.1 \(status)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        send(Array((head + "\r\n").utf8) + body)
    }

    func respond(_ status: String, headers: [(String, String)] = [], text: String) {
        respond(status, headers: headers, body: Array(text.utf8))
    }
}
