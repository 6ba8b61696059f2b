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

    @Test func anHTMLAlternateIsPreferredWhereverItComes() throws {
        let later = try Self.entry(
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link rel="alternate" type="text/html" href="https://example.org/a.html"/>
            <link rel="alternate" type="text/html" href="https://example.org/b.html"/>
            """)
        #expect(later.link == "https://example.org/a.html")
        let untyped = try Self.entry(
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link href="https://example.org/untyped"/>
            """)
        #expect(untyped.link == "https://example.org/untyped")
    }

    @Test func theFirstAlternateIsKeptWhenNoneIsHTML() throws {
        let entry = try Self.entry(
            """
            <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
            <link rel="alternate" type="audio/mpeg" href="https://example.org/a.mp3"/>
            <link rel="edit" href="https://example.org/edit"/>
            """)
        #expect(entry.link == "https://example.org/a.pdf")
    }

    @Test func anAtomFeedOfRepliesIsPreferredToTheFirstReplies() throws {
        let later = try Self.entry(
            """
            <link rel="replies" type="text/html" href="https://example.org/comments"/>
            <link rel="replies" type="application/atom+xml" href="https://example.org/comments.atom"/>
            <link rel="replies" type="application/atom+xml" href="https://example.org/other.atom"/>
            """)
        #expect(later.commentsLink == "https://example.org/comments.atom")
        let htmlOnly = try Self.entry(
            """
            <link rel="replies" type="text/html" href="https://example.org/comments"/>
            <link rel="replies" type="text/html" href="https://example.org/more"/>
            """)
        #expect(htmlOnly.commentsLink == "https://example.org/comments")
    }
}
