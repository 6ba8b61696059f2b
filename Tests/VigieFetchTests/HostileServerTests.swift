import NIOCore
import Testing
import VigieTestSupport

@testable import VigieFetch

/// Servers that misbehave: each fetch ends with its error within its timeout.
/// Configuration (FetchHarness): connect 1 s, idle read 1 s, total 3 s.
@Suite("Hostile servers end in a clear error, on time")
struct HostileServerTests {
    static let slack: Duration = .milliseconds(1500)

    @Test("a server that accepts and never answers: read timeout")
    func hangs() async throws {
        let server = try await LoopbackServer { _, _ in }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"))
        #expect(error == .timeout(.read))
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(1) + Self.slack)
        try await server.stop()
    }

    @Test("a listener whose queue is full never completes the handshake: connect timeout")
    func neverAccepts() async throws {
        let backlog = try FullBacklog()
        let (error, elapsed) = try await FetchHarness.failure(fetching: "http://127.0.0.1:\(backlog.port)/")
        #expect(error == .timeout(.connect))
        #expect(error?.description == "connect timeout")
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(1) + Self.slack)
        withExtendedLifetime(backlog) {}
    }

    @Test("a server that trickles a byte a second: total timeout")
    func trickles() async throws {
        let server = try await LoopbackServer { _, channel in
            channel.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
            channel.sendRepeatedly(every: .milliseconds(900), Array("x".utf8))
        }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"))
        #expect(error == .timeout(.total))
        #expect(elapsed >= .milliseconds(2900) && elapsed < .seconds(3) + Self.slack)
        try await server.stop()
    }

    @Test("500 with Retry-After is returned, with the delay")
    func serverError() async throws {
        let server = try await LoopbackServer { _, channel in
            channel.respond("500 Internal Server Error", headers: [("Retry-After", "3600")], text: "oops")
        }
        let response = try await FetchHarness.withFetcher { try await $0.fetch(FetchRequest(url: server.url("/"))) }
        #expect(response.status == 500)
        #expect(response.retryAfter == .seconds(3600))
        #expect(response.elapsed < .seconds(1))
        try await server.stop()
    }

    @Test("garbage instead of HTTP: a connection error saying so")
    func garbage() async throws {
        let server = try await LoopbackServer { _, channel in
            channel.send("SSH-2.0-OpenSSH_9.6\r\n\u{1}\u{2}\u{3} not http at all\r\n\r\n")
            channel.close(promise: nil)
        }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"))
        let reason: String? = if case .connection(let reason) = error { reason } else { nil }
        #expect(reason?.contains("invalid HTTP response") == true, "got \(String(describing: error))")
        #expect(reason?.contains("\n") == false)
        #expect(elapsed < .seconds(1))
        try await server.stop()
    }

    @Test("an endless chunked body stops at the body cap")
    func endlessBody() async throws {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
        let server = try await LoopbackServer { _, channel in
            channel.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            channel.sendRepeatedly(every: .milliseconds(1), Array("10000\r\n".utf8) + chunk + Array("\r\n".utf8))
        }
        let configuration = FetchHarness.configuration { $0.maximumBodyBytes = 1 << 20 }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"), configuration)
        #expect(error == .bodyTooLarge(limit: 1 << 20))
        #expect(elapsed < .seconds(2))
        try await server.stop()
    }

    @Test("a declared length over the cap fails before a byte of the body is read")
    func declaredTooLarge() async throws {
        let server = try await LoopbackServer { _, channel in
            channel.send("HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n")  // and then nothing
        }
        let configuration = FetchHarness.configuration { $0.maximumBodyBytes = 1 << 20 }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"), configuration)
        #expect(error == .bodyTooLarge(limit: 1 << 20))
        #expect(elapsed < .milliseconds(900))  // not the 1 s read timeout
        try await server.stop()
    }

    @Test("a gzip bomb (10 MB of zeros in 65 KB) stops at the ratio cap")
    func gzipBomb() async throws {
        let bomb = Gzip.zeros(matches: 40_000)
        #expect(bomb.count < 70_000)
        let server = try await LoopbackServer { _, channel in
            channel.respond("200 OK", headers: [("Content-Encoding", "gzip"), ("Content-Type", "text/xml")], body: bomb)
        }
        let (error, elapsed) = try await FetchHarness.failure(fetching: server.url("/"))
        #expect(error == .decompressionBomb(ratio: 50))
        #expect(elapsed < .seconds(2))
        try await server.stop()
    }

    @Test("modest gzip and deflate bodies are decompressed; the cap counts decompressed bytes")
    func gzipBody() async throws {
        let text = Array("<rss><channel><title>Blog</title></channel></rss>".utf8)
        let server = try await LoopbackServer { request, channel in
            switch request.path {
            case "/small": channel.respond("200 OK", headers: [("Content-Encoding", "gzip")], body: Gzip.stored(text))
            case "/deflate": channel.respond("200 OK", headers: [("Content-Encoding", "deflate")], body: Gzip.zlibStored(text))
            default: channel.respond("200 OK", headers: [("Content-Encoding", "gzip")], body: Gzip.zeros(matches: 10))
            }
        }
        let configuration = FetchHarness.configuration {
            $0.maximumBodyBytes = 1000
            $0.maximumDecompressionRatio = 1000
        }
        try await FetchHarness.withFetcher(configuration) { fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/small")))
            #expect(response.body == text)
            #expect(server.requests.first?.headers["accept-encoding"] == "gzip, deflate")
            let deflated = try await fetcher.fetch(FetchRequest(url: server.url("/deflate")))
            #expect(deflated.body == text)
            // 2,581 zeros from 29 bytes: within the ratio, over the 1,000-byte cap.
            let (error, _) = await FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: server.url("/big"))) }
            #expect(error == .bodyTooLarge(limit: 1000))
        }
        try await server.stop()
    }

    @Test("a hanging source does not slow a fetch to another host meanwhile")
    func hangingDoesNotBlockOthers() async throws {
        let hanging = try await LoopbackServer(host: "127.0.0.1") { _, _ in }
        let healthy = try await LoopbackServer(host: "127.0.0.2") { _, channel in channel.respond("200 OK", text: "fine") }
        let configuration = FetchHarness.configuration {
            $0.perHostConcurrency = 1
            $0.readTimeout = .seconds(2)
        }
        try await FetchHarness.withFetcher(configuration) { fetcher in
            async let stuck = FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: hanging.url("/"))) }
            async let stuckAgain = FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: hanging.url("/again"))) }
            try await Task.sleep(for: .milliseconds(200))
            let start = ContinuousClock.now
            let response = try await fetcher.fetch(FetchRequest(url: healthy.url("/")))
            #expect(response.status == 200)
            #expect(ContinuousClock.now - start < .milliseconds(1500))  // the hang lasts 2 s
            let (first, second) = await (stuck, stuckAgain)
            #expect(first.error == .timeout(.read))
            // Queued behind the first on the same host, then its own read timeout: the
            // total timeout (3 s) ends it.
            #expect(second.error == .timeout(.total))
        }
        try await hanging.stop()
        try await healthy.stop()
    }
}
