import Foundation
import Testing

@testable import VigieFeeds

/// Encodings and ill-formed input as feedparser reads them, each case a fix made while
/// running `Tools/feedparser-suite.py`.
@Suite struct FeedparserEncodingTests {
    static func item(_ description: String, declaration: String = "<?xml version=\"1.0\"?>") -> [UInt8] {
        Array("\(declaration)<rss version=\"2.0\"><channel><title>T</title><item><description>".utf8)
            + Array(description.utf8) + Array("</description></item></channel></rss>".utf8)
    }

    @Test("C1 controls in UTF-8 are the windows-1252 punctuation they were written for")
    func c1Controls() throws {
        // U+0092 and U+0085 as UTF-8: a right quote and an ellipsis meant in windows-1252.
        let feed = try FeedParser.parse(Self.item("c\u{92}est fini\u{85}"))
        #expect(feed.entries.first?.summary?.string == "c\u{2019}est fini\u{2026}")
        #expect(!feed.bozo)
    }

    @Test("windows-1252 punctuation in a feed declared ISO-8859-1")
    func latin1Punctuation() throws {
        let bytes = Self.item("@", declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "@")))
        // "l'été" with a curly quote (0x92), an é (0xE9) and an ellipsis (0x85), in single bytes.
        let withText = bytes[..<at] + [0x6C, 0x92, 0xE9, 0x74, 0xE9, 0x85] + bytes[(at + 1)...]
        let feed = try FeedParser.parse(Array(withText))
        #expect(feed.entries.first?.summary?.string == "l\u{2019}\u{E9}t\u{E9}\u{2026}")
    }

    @Test("text encoded twice in UTF-8 is repaired, in references or in bytes", arguments: [
        ("&#226;&#128;&#166;", "\u{2026}"),
        ("J&#195;&#169;r&#195;&#180;me", "J\u{E9}r\u{F4}me"),
        ("caf\u{C3}\u{A9} cr\u{C3}\u{A8}me", "caf\u{E9} cr\u{E8}me"),
        ("l\u{E2}\u{20AC}\u{2122}hiver", "l\u{2019}hiver"),
    ])
    func doubleEncoded(written: String, meant: String) throws {
        let feed = try FeedParser.parse(Self.item(written))
        #expect(feed.entries.first?.summary?.string == meant)
    }

    @Test("only a lead byte followed by its continuations sends text to the repair", arguments: [
        ("caf\u{C3}\u{A9}", true), ("l\u{E2}\u{20AC}\u{2122}hiver", true), ("\u{C3}\u{B0}\u{C5}\u{B8}\u{2DC}\u{20AC}", true),
        ("\u{E9}t\u{E9}\u{A0}!", false), ("\u{E9}\u{2019}s", false), ("\u{E9}\u{A0}\u{A0}x", true),
    ])
    func repairIsTriedOnlyWhereItCanApply(text: String, tried: Bool) {
        var text = text
        #expect(text.withUTF8(Mojibake.mayContain) == tried)
    }

    @Test("text in Latin-1 that only looks like it stays as written", arguments: [
        "d\u{E9}j\u{E0} vu", "\u{C3} la carte", "\u{C7}A \u{C9}T\u{C9} \u{C0} 3 \u{20AC}!",
    ])
    func notDoubleEncoded(text: String) throws {
        let feed = try FeedParser.parse(Self.item(text))
        #expect(feed.entries.first?.summary?.string == text)
    }

    @Test("an end tag cut off at the end of input makes the feed bozo")
    func unclosedEndTag() throws {
        let feed = try FeedParser.parse(Array("<rss version=\"2.0\"><channel><title>T</title></channel></rss".utf8))
        #expect(feed.bozo)
        #expect(feed.feed.title == "T")
    }

    @Test("XHTML without an element is plain text; escaped markup in it stays HTML")
    func xhtmlWithoutElements() throws {
        func title(_ inner: String) throws -> FeedEntry? {
            try FeedParser.parse(
                Array(
                    ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"xhtml\">"
                        + "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(inner)</div></title></entry></feed>").utf8)
            ).entries.first
        }
        let reference = try title("&#x41;bc")
        #expect(reference?.title?.string == "Abc")
        #expect(reference?.titleHTML == nil)
        let escaped = try title("the &lt;blink&gt; tag")
        #expect(escaped?.title?.string == "the <blink> tag")
        #expect(escaped?.titleHTML?.string == "the &lt;blink&gt; tag")
    }
}

extension FeedparserEncodingTests {
    @Test("a feed served as text/plain is bozo, and still read")
    func servedAsTextPlain() throws {
        let feed = try FeedParser.parse(Self.item("ok"), contentType: "text/plain")
        #expect(feed.bozo)
        #expect(feed.entries.first?.summary?.string == "ok")
        #expect(try !FeedParser.parse(Self.item("ok"), contentType: "application/rss+xml").bozo)
    }

    @Test("RSS in Userland's rss2.1 namespace is RSS")
    func userlandNamespace() throws {
        let feed = try FeedParser.parse(
            Array("<rss xmlns=\"http://backend.userland.com/rss2.1\"><channel><description>D</description></channel></rss>".utf8))
        #expect(feed.feed.subtitle == "D")
    }
}

extension FeedparserEncodingTests {
    @Test("text that looks double-encoded but is not valid UTF-8 once repaired stays as written")
    func notRepairable() throws {
        // Ã then two euro signs: C3 80 80 is not UTF-8.
        let text = "x\u{C3}\u{20AC}\u{20AC}y"
        let feed = try FeedParser.parse(Self.item(text))
        #expect(feed.entries.first?.summary?.string == text)
    }
}
