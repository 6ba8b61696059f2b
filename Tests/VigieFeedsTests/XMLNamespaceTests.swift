import Testing

@testable import VigieFeeds

@Suite struct XMLNamespaceTests {
    /// Namespace URIs read on their bytes name the same namespaces as read as strings.
    @Test func urisOnBytesMatchStrings() {
        let pieces = [
            "http://", "https://", "HTTPS://", "HTTP://", "purl.org/dc/elements/1.1", "PURL.org/DC/Elements/1.1",
            "www.w3.org/2005/Atom", "wellformedweb.org/CommentAPI", "search.yahoo.com/mrss", "/", "#", "//", " ", "\n",
            "\t", "x", "é", "\u{212A}", "purl.org/rss/1.0/modules/content", "www.itunes.com/dtds/podcast-1.0.dtd", "s",
        ]
        var rng = SplitMix64(seed: 0x5A5E)
        var known = 0
        for _ in 0..<20_000 {
            let uri = (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let namespace = XMLNamespace.forURI(uri)
            if namespace != .other { known += 1 }
            #expect(namespace == XMLNamespace.forURI(characters: uri), "\(uri)")
        }
        #expect(known > 200)
        #expect(XMLNamespace.forURI(" https://purl.org/dc/elements/1.1/ ") == .dc)
        #expect(XMLNamespace.forURI("http://www.w3.org/2005/Atom#") == .atom10)
    }
}
