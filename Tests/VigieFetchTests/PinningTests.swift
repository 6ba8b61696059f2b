import NIOCore
import Testing

@testable import VigieFetch

@Suite("The client connects to the address the guard approved")
struct PinningTests {
    @Test("a name is resolved once, the request goes to that address with the name in Host")
    func pinnedToResolvedAddress() async throws {
        let server = try await LoopbackServer(host: "127.0.0.1") { request, channel in
            channel.respond("200 OK", text: request.headers["host"] ?? "")
        }
        let configuration = FetchHarness.configuration {
            $0.allowPrivateNetworks = false
            $0.allowLoopback = true
        }
        let url = "http://localhost:\(server.port)/feed/"
        let response = try await FetchHarness.withFetcher(configuration) { try await $0.fetch(FetchRequest(url: url)) }
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "localhost:\(server.port)")
        #expect(response.url == url)
    }

    @Test("http connects to the approved IP literal; https by name (see exchange)")
    func connectionURL() throws {
        let address = try SocketAddress(ipAddress: "93.184.215.14", port: 80)
        let http = try FetchTarget("http://example.org/feed/")
        #expect(Fetcher.connectionURL(http, address: address) == "http://93.184.215.14:80/feed/")
        let https = try FetchTarget("https://example.org/feed/")
        #expect(Fetcher.connectionURL(https, address: address) == "https://example.org/feed/")
    }

    @Test("the pinned URL keeps port, path and query; IPv6 literals get brackets")
    func pinnedURL() throws {
        let target = try FetchTarget("http://Blog.Example.org:8080/feed/?page=2#top")
        #expect(target.host == "blog.example.org")
        #expect(target.hostHeader == "blog.example.org:8080")
        #expect(target.pinned(to: "93.184.215.14") == "http://93.184.215.14:8080/feed/?page=2")
        #expect(target.pinned(to: "2606:2800:220:1::1") == "http://[2606:2800:220:1::1]:8080/feed/?page=2")
        let plain = try FetchTarget("https://example.org")
        #expect(plain.pathAndQuery == "/" && plain.hostHeader == "example.org" && plain.port == 443)
        #expect(try FetchTarget("http://[::1]:81/x").hostHeader == "[::1]:81")
        #expect(try target.resolve("/other#frag") == "http://Blog.Example.org:8080/other")
    }

    @Test("an approved address that refuses the connection gives way to the next")
    func nextAddress() async throws {
        let server = try await LoopbackServer(host: "127.0.0.1") { _, channel in channel.respond("200 OK", text: "second") }
        let target = try FetchTarget(server.url("/"))
        let dead = try SocketAddress(ipAddress: "127.0.0.2", port: server.port)  // nothing listens there
        let live = try SocketAddress(ipAddress: "127.0.0.1", port: server.port)
        try await FetchHarness.withFetcher { fetcher in
            let hop = try await fetcher.exchange(FetchRequest(url: target.url), target: target, addresses: [dead, live])
            #expect(hop.status == 200)
            #expect(hop.response.body == Array("second".utf8))
            let (error, _) = await FetchHarness.failure {
                try await fetcher.exchange(FetchRequest(url: target.url), target: target, addresses: [dead]).response
            }
            #expect(error == .connection("connection refused"))
        }
        #expect(server.requests.count == 1)
        try await server.stop()
    }

    @Test("a refused connection is one plain line, within the connect timeout")
    func connectionRefused() async throws {
        let (error, elapsed) = try await FetchHarness.failure(fetching: "http://127.0.0.1:1/")
        #expect(error == .connection("connection refused"))
        #expect(error?.description == "connection failed: connection refused")
        #expect(elapsed < .seconds(1) + .milliseconds(500))
    }
}
