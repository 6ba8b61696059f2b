import NIOCore
import Testing

@testable import VigieFetch

@Suite("The SSRF guard refuses internal addresses and names")
struct AddressGuardTests {
    func refusal(_ text: String) throws -> String? {
        AddressGuard.refusal(for: try SocketAddress(ipAddress: text, port: 80))
    }

    @Test("public addresses pass", arguments: [
        "93.184.215.14", "1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255",
        "172.32.0.0", "169.253.255.255", "2606:4700:4700::1111", "2a00:1450:4007:80e::200e",
        "::ffff:93.184.215.14",
    ])
    func publicAddresses(_ text: String) throws {
        #expect(try refusal(text) == nil)
    }

    @Test("loopback", arguments: ["127.0.0.1", "127.255.255.254", "::1", "::ffff:127.0.0.1"])
    func loopback(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("loopback"))
    }

    @Test("private RFC 1918 and unique local", arguments: [
        "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1",
        "fd12:3456::1", "::ffff:10.1.2.3", "::ffff:192.168.0.10",
    ])
    func privateAddresses(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("private") || reason.contains("unique local"))
    }

    @Test("link-local, cloud metadata included", arguments: [
        "169.254.169.254", "169.254.0.1", "fe80::1", "febf::1", "::ffff:169.254.169.254",
    ])
    func linkLocal(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("link-local"))
    }

    @Test("AWS IPv6 metadata fd00:ec2::254 is a unique local address")
    func awsIPv6Metadata() throws {
        #expect(try refusal("fd00:ec2::254") == "unique local address (fc00::/7)")
    }

    @Test("CGNAT", arguments: ["100.64.0.1", "100.127.255.255", "::ffff:100.100.100.200"])
    func cgnat(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("CGNAT"))
    }

    @Test("unspecified and 0/8", arguments: ["0.0.0.0", "0.1.2.3", "::", "::ffff:0.0.0.0"])
    func unspecified(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("unspecified"))
    }

    @Test("multicast and broadcast", arguments: ["224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255"])
    func multicastAndBroadcast(_ text: String) throws {
        let reason = try #require(try refusal(text))
        #expect(reason.contains("multicast") || reason.contains("broadcast"))
    }

    @Test("IPv4-compatible and NAT64 forms are judged by their IPv4 address")
    func embeddedIPv4() throws {
        #expect(try refusal("::10.0.0.1")?.contains("private") == true)
        #expect(try refusal("64:ff9b::a9fe:a9fe")?.contains("link-local") == true)
        #expect(try refusal("64:ff9b::808:808") == nil)
    }

    @Test("internal names", arguments: [
        "localhost", "LOCALHOST.", "api.localhost", "metadata.google.internal", "metadata",
        "instance-data.ec2.internal", "db.corp.internal",
    ])
    func internalNames(_ name: String) {
        #expect(AddressGuard.refusal(forHostName: name) == "internal host name")
    }

    @Test("ordinary names pass", arguments: ["example.com", "mastodon.social", "internal.example.org"])
    func ordinaryNames(_ name: String) {
        #expect(AddressGuard.refusal(forHostName: name) == nil)
    }

    @Test("loopback is told apart for the tests' loopback-only mode")
    func loopbackDetection() throws {
        #expect(AddressGuard.isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 1)))
        #expect(AddressGuard.isLoopback(try SocketAddress(ipAddress: "::1", port: 1)))
        #expect(AddressGuard.isLoopback(try SocketAddress(ipAddress: "::ffff:127.0.0.2", port: 1)))
        #expect(!AddressGuard.isLoopback(try SocketAddress(ipAddress: "10.0.0.1", port: 1)))
    }
}
