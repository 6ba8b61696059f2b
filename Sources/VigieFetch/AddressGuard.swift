import NIOCore

/// Says which addresses a collector must never connect to: the SSRF guard.
///
/// Pure: it looks at an address (after DNS resolution) or a host name, never at the network.
/// Refused: loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10, which
/// holds the cloud metadata service 169.254.169.254; AWS's fd00:ec2::254 falls in fc00::/7),
/// CGNAT 100.64/10, 0.0.0.0/8 and `::`, multicast, broadcast, other reserved ranges, and
/// IPv4-mapped or -compatible IPv6 forms of any of these.
public enum AddressGuard {
    /// Host names that name an internal service whatever they resolve to.
    static let refusedNames: Set<String> = [
        "localhost", "metadata", "metadata.google.internal", "metadata.goog",
        "instance-data", "instance-data.ec2.internal",
    ]

    /// Why `host` (a name, before resolution) is refused, or nil.
    public static func refusal(forHostName host: String) -> String? {
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        if refusedNames.contains(name) { return "internal host name" }
        if name.hasSuffix(".localhost") { return "internal host name" }
        if name.hasSuffix(".internal") { return "internal host name" }
        return nil
    }

    /// Why `address` is refused, or nil when a collector may connect to it.
    public static func refusal(for address: SocketAddress) -> String? {
        switch address {
        case .v4(let v4):
            return refusal(ipv4: UInt32(bigEndian: v4.address.sin_addr.s_addr))
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            return refusal(ipv6: bytes)
        case .unixDomainSocket:
            return "unix domain socket"
        }
    }

    /// Why the IPv4 address `a` (host byte order) is refused, or nil.
    public static func refusal(ipv4 a: UInt32) -> String? {
        func within(_ base: UInt32, _ bits: UInt32) -> Bool {
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return a & mask == base & mask
        }
        if within(0x0000_0000, 8) { return "unspecified address (0.0.0.0/8)" }
        if within(0x7F00_0000, 8) { return "loopback address" }
        if within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16) {
            return "private address (RFC 1918)"
        }
        if within(0xA9FE_0000, 16) { return "link-local address (cloud metadata lives here)" }
        if within(0x6440_0000, 10) { return "shared address space (CGNAT 100.64/10)" }
        if within(0xC000_0000, 24) { return "IETF protocol assignments (192.0.0.0/24)" }
        if within(0xC612_0000, 15) { return "benchmarking network (198.18/15)" }
        if within(0xC000_0200, 24) || within(0xC633_6400, 24) || within(0xCB00_7100, 24) {
            return "documentation network"
        }
        if a == 0xFFFF_FFFF { return "broadcast address" }
        if within(0xE000_0000, 4) { return "multicast address" }
        if within(0xF000_0000, 4) { return "reserved address (240/4)" }
        return nil
    }

    /// Why the IPv6 address `b` (16 bytes, network order) is refused, or nil.
    public static func refusal(ipv6 b: [UInt8]) -> String? {
        precondition(b.count == 16, "an IPv6 address has 16 bytes")
        let head = b[0..<10].allSatisfy { $0 == 0 }
        let v4 = UInt32(b[12]) << 24 | UInt32(b[13]) << 16 | UInt32(b[14]) << 8 | UInt32(b[15])
        if head && b[10] == 0xFF && b[11] == 0xFF {
            return refusal(ipv4: v4).map { "IPv4-mapped \($0)" }
        }
        if head && b[10] == 0 && b[11] == 0 {
            if v4 == 0 { return "unspecified address (::)" }
            if v4 == 1 { return "loopback address (::1)" }
            // Deprecated IPv4-compatible form (::a.b.c.d): judged as the IPv4 address.
            return refusal(ipv4: v4).map { "IPv4-compatible \($0)" }
        }
        // NAT64 (64:ff9b::/96) embeds an IPv4 address the gateway will reach.
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) {
            return refusal(ipv4: v4).map { "NAT64 \($0)" }
        }
        if b[0] & 0xFE == 0xFC { return "unique local address (fc00::/7)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "link-local address (fe80::/10)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "site-local address (fec0::/10)" }
        if b[0] == 0xFF { return "multicast address" }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return "documentation network" }
        return nil
    }

    /// Whether `address` is a loopback address (127/8, ::1, or their IPv4-mapped form).
    public static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let v4):
            return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let v6):
            let b = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            let head = b[0..<10].allSatisfy { $0 == 0 }
            if head && b[10] == 0xFF && b[11] == 0xFF { return b[12] == 127 }
            return head && b[10..<15].allSatisfy { $0 == 0 } && b[15] == 1
        case .unixDomainSocket:
            return false
        }
    }
}
