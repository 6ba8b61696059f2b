#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The namespaces feed mapping cares about; everything else is `.other`.
enum XMLNamespace: UInt8, Sendable {
    case none, rss090, rss10, rdf, atom10, atom03, dc, dcterms, content, slash, wfw, media, thr
    case itunes, xhtml, xml, feedburner, gd, other

    private static let byURI: [String: XMLNamespace] = [
        "http://www.w3.org/2005/atom": .atom10,
        "http://purl.org/atom/ns": .atom03,
        // Atom's names before 0.3, which feedparser reads as Atom 0.3 too.
        "http://purl.org/echo": .atom03,
        "http://purl.org/pie": .atom03,
        "http://example.com/necho": .atom03,
        "http://example.com/newformat": .atom03,
        "http://purl.org/rss/1.0": .rss10,
        "http://my.netscape.com/rdf/simple/0.9": .rss090,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns": .rdf,
        "http://purl.org/dc/elements/1.1": .dc,
        "http://purl.org/dc/terms": .dcterms,
        "http://purl.org/rss/1.0/modules/content": .content,
        "http://purl.org/rss/1.0/modules/slash": .slash,
        "http://wellformedweb.org/commentapi": .wfw,
        "http://search.yahoo.com/mrss": .media,
        "http://video.search.yahoo.com/mrss": .media,
        "http://purl.org/syndication/thread/1.0": .thr,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.w3.org/1999/xhtml": .xhtml,
        "http://www.w3.org/xml/1998/namespace": .xml,
        "http://rssnamespace.org/feedburner/ext/1.0": .feedburner,
        "http://schemas.google.com/g/2005": .gd,
        // RSS 2.0 and 0.9x put in a namespace by some publishers.
        "http://backend.userland.com/rss2": .none,
        "http://backend.userland.com/rss2.1": .none,
        "http://backend.userland.com/rss": .none,
        "http://blogs.law.harvard.edu/tech/rss": .none,
        "http://purl.org/net/rss1.1": .rss10,
    ]

    /// The URIs of ``byURI`` by ``key(_:)``, which tells them all apart, for
    /// ``StaticTables/namespaceURIs``.
    static func uriKeyPairs() -> [(UInt64, (uri: [UInt8], namespace: XMLNamespace))] {
        let entries = byURI.map { (Array($0.key.utf8), $0.value) }
        precondition(entries.allSatisfy { $0.0.count >= 16 }, "a namespace URI shorter than a key reads")
        let keys = entries.map { uri in uri.0.withUnsafeBufferPointer(key) }
        precondition(Set(keys).count == keys.count, "two namespace URIs with one key")
        return zip(keys, entries).map { ($0, (uri: $1.0, namespace: $1.1)) }
    }

    /// A cheap key for a URI of at least 16 bytes: its length and its last sixteen bytes.
    /// The words are read in the machine's byte order: the key is only ever compared with
    /// keys made by this function on the same machine, so the order does not matter.
    private static func key(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawPointer(p.baseAddress! + p.count - 16)
        let a = raw.loadUnaligned(as: UInt64.self)
        let b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        return (a &* 0x9E37_79B9_7F4A_7C15 ^ b) &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(p.count)
    }

    /// The namespace a URI names, compared loosely (case, trailing `/` or `#`, https).
    ///
    /// An ASCII URI, as they all are, is read on its bytes; any other is read as a string.
    static func forURI(_ uri: String) -> XMLNamespace {
        var uri = uri
        return uri.withUTF8(forURI(utf8:))
    }

    /// ``forURI(_:)`` of the URI in these bytes, which need not be valid UTF-8.
    static func forURI(utf8 p: UnsafeBufferPointer<UInt8>) -> XMLNamespace {
        asciiNamespace(p) ?? forURI(characters: String(decoding: p, as: UTF8.self))
    }

    /// ``forURI(_:)`` for ASCII bytes, nil for other bytes.
    static func asciiNamespace(_ p: UnsafeBufferPointer<UInt8>) -> XMLNamespace? {
        let range = p.rangeTrimmingASCIIWhitespace()
        var start = range.lowerBound
        var end = range.upperBound
        for i in start..<end where p[i] >= 0x80 { return nil }
        // "https://" is read as "http://": the key is "http://" and what follows the "https://".
        var secure = end - start >= 8
        if secure {
            for (k, c) in zip(0..<8, "https://".utf8) where ASCII.lowercased(p[start + k]) != c {
                secure = false
                break
            }
        }
        if secure { start += 8 }
        while end > start, p[end - 1] == UInt8(ascii: "/") || p[end - 1] == UInt8(ascii: "#") { end -= 1 }
        let longest = 64
        guard end - start + 7 <= longest else { return .other }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest) { key in
            var count = 0
            if secure {
                for c in "http://".utf8 {
                    key[count] = c
                    count += 1
                }
            }
            for i in start..<end {
                key[count] = ASCII.lowercased(p[i])
                count += 1
            }
            let bytes = UnsafeBufferPointer(rebasing: key[0..<count])
            // Every known URI is longer than 16 bytes.
            guard count >= 16, let known = StaticTables.namespaceURIs[Self.key(bytes)], known.uri.count == count,
                known.uri.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, count) == 0 })
            else { return .other }
            return known.namespace
        }
    }

    /// ``forURI(_:)`` with `lowercased()` and string operations, for any URI.
    static func forURI(characters uri: String) -> XMLNamespace {
        var key = uri.trimmingASCIIWhitespace().lowercased()
        if key.hasPrefix("https://") { key = "http://" + key.dropFirst(8) }
        while key.hasSuffix("/") || key.hasSuffix("#") { key.removeLast() }
        return byURI[key] ?? .other
    }

    /// The namespace an undeclared prefix most likely means, as publishers use them.
    static func forUndeclaredPrefix(_ prefix: String) -> XMLNamespace {
        switch prefix.lowercased() {
        case "atom", "atom10": .atom10
        case "dc": .dc
        case "dcterms": .dcterms
        case "content": .content
        case "slash": .slash
        case "wfw": .wfw
        case "media": .media
        case "thr": .thr
        case "itunes": .itunes
        case "xhtml", "html": .xhtml
        case "rdf": .rdf
        case "feedburner": .feedburner
        case "gd": .gd
        default: .other
        }
    }
}
