import Testing

@testable import VigieFeeds

/// Of several links an Atom entry gives, the alternate link is the first HTML one, else the
/// first of any type; the link to the replies is the first Atom feed of them, else the first.
@Suite struct AtomLinkTests {
    static func entry(_ links: String) throws -> FeedEntry {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><id>1</id><title>Post</title>\(links)</entry></feed>
            """
        let entries = try FeedParser.parse(Array(xml.utf8)).entries
        try #require(entries.count == 1)
        return entries[0]
    }

    /// An entry's links, and the alternate link chosen from them.
    static let alternates: [(links: String, chosen: String)] = [
        // An HTML alternate is preferred wherever it comes.
        (
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link rel="alternate" type="text/html" href="https://example.org/a.html"/>
            <link rel="alternate" type="text/html" href="https://example.org/b.html"/>
            """, "https://example.org/a.html"
        ),
        // A link without a type is taken for HTML.
        (
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link href="https://example.org/untyped"/>
            """, "https://example.org/untyped"
        ),
        // The first alternate is kept when none is HTML.
        (
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link rel="alternate" type="audio/mpeg" href="https://example.org/a.mp3"/>
            <link rel="edit" href="https://example.org/edit"/>
            """, "https://example.org/a.pdf"
        ),
    ]

    @Test(arguments: alternates)
    func theAlternateIsTheFirstHTMLLinkElseTheFirst(links: String, chosen: String) throws {
        #expect(try Self.entry(links).link == FeedText(chosen))
    }

    /// An entry's links, and the link to the replies chosen from them.
    static let replies: [(links: String, chosen: String)] = [
        // An Atom feed of the replies is preferred to the first replies link.
        (
            """
            <link rel="replies" type="text/html" href="https://example.org/comments"/>
            <link rel="replies" type="application/atom+xml" href="https://example.org/comments.atom"/>
            <link rel="replies" type="application/atom+xml" href="https://example.org/other.atom"/>
            """, "https://example.org/comments.atom"
        ),
        // The first is kept when none is an Atom feed.
        (
            """
            <link rel="replies" type="text/html" href="https://example.org/comments"/>
            <link rel="replies" type="text/html" href="https://example.org/more"/>
            """, "https://example.org/comments"
        ),
    ]

    @Test(arguments: replies)
    func theRepliesAreTheFirstAtomFeedElseTheFirst(links: String, chosen: String) throws {
        #expect(try Self.entry(links).commentsLink == chosen)
    }
}
