import NIOCore
import Testing

@testable import VigieFetch

/// The guard decides after DNS resolution and before connecting: each refused fetch throws
/// `refusedAddress` without a packet sent anywhere (the refused hosts are never contacted,
/// and the only server that exists is on loopback).
@Suite("The fetcher refuses internal addresses before connecting")
struct AddressGuardFetchTests {
    static func guarded(allowLoopback: Bool = false) -> FetchConfiguration {
        FetchHarness.configuration {
            $0.allowPrivateNetworks = false
            $0.allowLoopback = allowLoopback
        }
    }

    @Test("refused by default", arguments: [
        ("http://10.0.0.1/", "10.0.0.1", "private address (RFC 1918)"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local address (cloud metadata lives here)"),
        ("http://[::1]/", "::1", "loopback address (::1)"),
        ("http://127.0.0.1:9/", "127.0.0.1", "loopback address"),
        ("https://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254", "unique local address (fc00::/7)"),
        ("http://[::ffff:192.168.1.1]/", "::ffff:192.168.1.1", "IPv4-mapped private address (RFC 1918)"),
        ("http://100.100.100.200/", "100.100.100.200", "shared address space (CGNAT 100.64/10)"),
        ("http://0.0.0.0:8080/", "0.0.0.0", "unspecified address (0.0.0.0/8)"),
    ])
    func refusedAddresses(url: String, address: String, reason: String) async throws {
        let (error, elapsed) = try await FetchHarness.failure(fetching: url, Self.guarded())
        guard case .refusedAddress(_, let refused, let why) = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(why == reason)
        #expect(SocketAddressText.same(refused, address))
        #expect(elapsed < .seconds(1))  // decided, not timed out (connect timeout: 1 s)
    }

    @Test("internal names are refused before they are even resolved", arguments: [
        "http://localhost/", "http://metadata.google.internal/computeMetadata/v1/", "http://LOCALHOST.:8080/",
    ])
    func refusedNames(url: String) async throws {
        let (error, _) = try await FetchHarness.failure(fetching: url, Self.guarded())
        guard case .refusedAddress(_, _, let reason) = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(reason == "internal host name")
    }

    @Test("a redirect from an allowed server to a private address is refused at that hop")
    func redirectToPrivate() async throws {
        let server = try await LoopbackServer { _, channel in
            channel.respond("302 Found", headers: [("Location", "http://10.1.2.3/admin")])
        }
        try await FetchHarness.withFetcher(Self.guarded(allowLoopback: true)) { fetcher in
            let (error, elapsed) = await FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: server.url("/start"))) }
            #expect(error == .refusedAddress(host: "10.1.2.3", address: "10.1.2.3", reason: "private address (RFC 1918)"))
            #expect(error?.description == "refused address 10.1.2.3: private address (RFC 1918)")
            #expect(elapsed < .seconds(1))  // the 1 s connect timeout was not reached
        }
        #expect(server.requests.map(\.path) == ["/start"])
        try await server.stop()
    }

    @Test("loopback-only mode still refuses the metadata service")
    func loopbackOnly() async throws {
        let server = try await LoopbackServer { _, channel in channel.respond("200 OK", text: "ok") }
        try await FetchHarness.withFetcher(Self.guarded(allowLoopback: true)) { fetcher in
            let allowed = try await fetcher.fetch(FetchRequest(url: server.url("/")))
            #expect(allowed.status == 200)
            let (error, _) = await FetchHarness.failure {
                try await fetcher.fetch(FetchRequest(url: "http://169.254.169.254/latest/meta-data/"))
            }
            #expect(error == .refusedAddress(
                host: "169.254.169.254", address: "169.254.169.254", reason: "link-local address (cloud metadata lives here)"
            ))
        }
        try await server.stop()
    }

    @Test("what is not an http(s) URL is refused", arguments: [
        ("file:///etc/passwd", FetchError.unsupportedScheme("file")),
        ("gopher://example.com/", .unsupportedScheme("gopher")),
        ("http://", .invalidURL("http://")),
        ("http://user:secret@example.com/", .invalidURL("http://user:secret@example.com/")),
        ("not a url", .invalidURL("not a url")),
    ])
    func badURLs(url: String, expected: FetchError) async throws {
        let (error, _) = try await FetchHarness.failure(fetching: url, Self.guarded())
        #expect(error == expected)
    }
}

enum SocketAddressText {
    /// `::ffff:192.168.1.1` may come back as `::ffff:c0a8:101`: compare the parsed forms.
    static func same(_ a: String, _ b: String) -> Bool {
        a == b || (try? SocketAddress(ipAddress: a, port: 0)) == (try? SocketAddress(ipAddress: b, port: 0))
    }
}
