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

    /// A declaration applies to its element and what it holds, and ends with it: the
    /// namespace of each element is the one in scope where it starts.
    @Test func declarationsEndWithTheirElement() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\
            <a><b xmlns="http://www.w3.org/1999/xhtml"><c/><d xmlns=""><e/></d><f/></b><g/></a>\
            <h xmlns:m="http://search.yahoo.com/mrss/"><m:i/><j xmlns:m="http://purl.org/rss/1.0/modules/content/">\
            <m:k/></j><m:l/></h><dc:n/><m:o/></feed>
            """
        var diagnostics = Diagnostics()
        let document = try XMLDocument.parse(Array(xml.utf8), options: .default, diagnostics: diagnostics)
        var names: [String: XMLNamespace] = [:]
        for node in document.nodes.indices { names[document.localName(node)] = document.nodes[node].ns }
        #expect(names["feed"] == .atom10)
        #expect(names["a"] == .atom10)
        #expect(names["b"] == .xhtml)
        #expect(names["c"] == .xhtml)
        #expect(names["d"] == XMLNamespace.none)
        #expect(names["e"] == XMLNamespace.none)
        #expect(names["f"] == .xhtml)
        #expect(names["g"] == .atom10)
        #expect(names["i"] == .media)
        #expect(names["k"] == .content)
        #expect(names["l"] == .media)
        #expect(names["n"] == .dc)
        // The prefix m was only bound inside <h>.
        diagnostics = document.diagnostics
        #expect(diagnostics.warnings.contains("xml: undeclared namespace prefix m"))
        #expect(names["o"] != .media)
    }
}
