import Testing

@testable import VigieFeeds

/// Atom text constructs are read by their `type` (and Atom 0.3's `mode`), in any case of
/// letters, as feeds write them.
@Suite struct AtomTextTypeTests {
    static func entries(_ body: String) throws -> [FeedEntry] {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>\(body)</feed>
            """
        return try FeedParser.parse(Array(xml.utf8)).entries
    }

    @Test func typesAreReadInAnyCase() throws {
        let entries = try Self.entries(
            """
            <entry><id>1</id><title type="HTML">A &lt;b&gt;bold&lt;/b&gt; title</title>
            <content type="Text/Html">&lt;p&gt;One&lt;/p&gt;</content></entry>
            <entry><id>2</id><title type="text">A &lt;b&gt; kept</title>
            <content type="XHTML"><div xmlns="http://www.w3.org/1999/xhtml"><p>Two</p></div></content></entry>
            <entry><id>3</id><title type="application/XHTML+xml"><div xmlns="http://www.w3.org/1999/xhtml">Three <b>x</b></div></title>
            <summary type="text/plain">Plain &lt;i&gt; text</summary></entry>
            """)
        #expect(entries.count == 3)
        #expect(entries[0].title == "A bold title")
        #expect(entries[0].titleHTML == "A <b>bold</b> title")
        #expect(entries[0].content == "One")
        #expect(entries[0].contentHTML == "<p>One</p>")
        #expect(entries[1].title == "A <b> kept")
        #expect(entries[1].titleHTML == nil)
        #expect(entries[1].content == "Two")
        #expect(entries[2].title == "Three x")
        #expect(entries[2].summary == "Plain <i> text")
        #expect(entries[2].summaryHTML == nil)
    }

    @Test func atom03ModesAreReadInAnyCase() throws {
        let entries = try Self.entries(
            """
            <entry><id>1</id><title>B</title><content type="text/html" mode="BASE64">PHA+RGVjb2RlZDwvcD4=</content></entry>
            <entry><id>2</id><title>X</title><content type="text/html" mode="Xml"><p xmlns="">In <b>place</b></p></content></entry>
            <entry><id>3</id><title>E</title><content type="text/html" mode="escaped">&lt;p&gt;Escaped&lt;/p&gt;</content></entry>
            """)
        #expect(entries.count == 3)
        #expect(entries[0].content == "Decoded")
        #expect(entries[0].contentHTML == "<p>Decoded</p>")
        #expect(entries[1].content == "In place")
        #expect(entries[2].content == "Escaped")
        #expect(entries[2].contentHTML == "<p>Escaped</p>")
    }
}
