import NIOCore

/// Reads request heads (the collector's GETs have no body) and answers each as the site
/// says, logging when each answer started and ended.
final class SiteHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let box: Box
    private var pending: [UInt8] = []
    /// Log entries of this connection not ended yet: ended when the connection closes.
    private var open: [Int] = []

    init(site: Box) {
        self.box = site
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let end = RequestHead.end(in: pending) {
            let head = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            let lines = head.split(separator: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop { $0 == " " })
            }
            let path = requestLine.count > 1 ? String(requestLine[1]) : ""
            answer(path: path, headers: headers, channel: context.channel)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for index in open { box.site?.end(index, status: nil) }
        open = []
        context.fireChannelInactive()
    }

    private func answer(path: String, headers: [String: String], channel: any Channel) {
        guard let site = box.site else { return }
        let index = site.begin(path)
        open.append(index)
        let finish: @Sendable (Int) -> EventLoopPromise<Void> = { status in
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { _ in site.end(index, status: status) }
            return promise
        }
        if path.hasPrefix("/feed/"), path.hasSuffix(".xml"), let n = Int(path.dropFirst(6).dropLast(4)),
            (0..<site.configuration.feeds).contains(n)
        {
            let ifNoneMatch = headers["if-none-match"]
            channel.eventLoop.scheduleTask(in: site.configuration.delay.timeAmount) {
                let feed = site.feed(n)
                if ifNoneMatch == feed.etag {
                    channel.respond("304 Not Modified", headers: [("ETag", feed.etag)], promise: finish(304))
                } else {
                    site.recordServed(feed.items)
                    channel.respond(
                        "200 OK", headers: [("ETag", feed.etag), ("Content-Type", "application/rss+xml; charset=utf-8")],
                        body: feed.body, promise: finish(200))
                }
            }
            return
        }
        switch path {
        case FixtureSite.HostilePath.hang.path:
            break
        case FixtureSite.HostilePath.trickle.path:
            channel.send(Array("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<".utf8))
            channel.sendRepeatedly(every: .seconds(1), Array("x".utf8))
        case FixtureSite.HostilePath.error.path:
            channel.respond("500 Internal Server Error", headers: [("Retry-After", "120")], body: Array("boom".utf8), promise: finish(500))
        case FixtureSite.HostilePath.garbage.path:
            let garbage = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
            channel.respond("200 OK", headers: [("Content-Type", "application/rss+xml")], body: garbage, promise: finish(200))
        case "/hostile/loop/a", "/hostile/loop/b":
            let next = path.hasSuffix("a") ? "/hostile/loop/b" : "/hostile/loop/a"
            channel.respond("302 Found", headers: [("Location", next)], promise: finish(302))
        case FixtureSite.HostilePath.endless.path:
            channel.send(Array("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n".utf8))
            channel.sendRepeatedly(every: .milliseconds(1), [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10))
        case FixtureSite.HostilePath.bomb.path:
            channel.respond(
                "200 OK", headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")],
                body: Gzip.zeros(matches: 20_000), promise: finish(200))
        default:
            channel.respond("404 Not Found", body: Array("not here".utf8), promise: finish(404))
        }
    }

}

/// Where a request head ends in the bytes received so far.
public enum RequestHead {
    /// The index of the blank line's `\r\n\r\n` ending the head, nil while it is incomplete.
    public static func end(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

extension Channel {
    public func send(_ bytes: [UInt8]) {
        var buffer = allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        writeAndFlush(buffer, promise: nil)
    }

    /// Sends `bytes` now and again every `delay` for as long as the client listens.
    public func sendRepeatedly(every delay: TimeAmount, _ bytes: [UInt8]) {
        eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: delay) { task in
            guard self.isActive else { return task.cancel() }
            self.send(bytes)
        }
    }

    /// A whole response with `Content-Length`; `promise` completes once it is written.
    func respond(_ status: String, headers: [(String, String)] = [], body: [UInt8] = [], promise: EventLoopPromise<Void>) {
        var head = "HTTP/1.1 \(status)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var buffer = allocator.buffer(capacity: head.utf8.count + 4 + body.count)
        buffer.writeString(head + "\r\n")
        buffer.writeBytes(body)
        writeAndFlush(buffer, promise: promise)
    }
}
