import Foundation
import Testing

@testable import VigieFeeds

@Suite struct HTMLSanitizerTests {
    private func safe(_ html: String, base: String? = nil) -> String {
        HTMLSanitizer.sanitize(html, base: base)
    }

    @Test(arguments: [
        "safe<script>alert(1)</script> text",
        "safe<SCRIPT type=\"text/javascript\">alert('</p>')</SCRIPT> text",
        "safe<style>body { background: red }</style> text",
        "safe<iframe src=\"http://evil.example/\"><b>x</b></iframe> text",
        "safe<object data=\"x.swf\"><param name=\"a\" value=\"b\"><b>x</b></object> text",
        "safe<embed src=\"x.swf\"> text",
        "safe<form action=\"http://evil.example/\"><input name=\"q\"></form> text",
        "safe<applet code=\"x.class\">x</applet> text",
        "safe<frameset><frame src=\"x\"></frameset> text",
    ])
    func codeAndFramesAreDroppedWithTheirContent(_ html: String) {
        #expect(safe(html) == "safe text")
    }

    @Test func anUnclosedScriptTakesTheRestButAnUnclosedObjectOnlyItsTag() {
        #expect(safe("safe<script>alert(1) <b>x</b>") == "safe")
        #expect(safe("safe<object classid=\"clsid:1\"> <b>text</b>") == "safe <b>text</b>")
    }

    @Test func elementsNotAllowedLoseTheirTagsButKeepTheirText() {
        #expect(safe("<blink>safe</blink> <marquee>text</marquee>") == "safe text")
        #expect(safe("<meta http-equiv=\"refresh\" content=\"0\">safe<link rel=\"stylesheet\" href=\"x.css\">")
            == "safe")
    }

    @Test func aBareAmpersandInTextIsEscapedAndReferencesAreKept() {
        #expect(safe("Q&A session") == "Q&amp;A session")
        #expect(safe("<b>R&D</b> & more &") == "<b>R&amp;D</b> &amp; more &amp;")
        #expect(safe("caf&eacute; &amp; &#233; &#xE9; &lt;b&gt;") == "caf&eacute; &amp; &#233; &#xE9; &lt;b&gt;")
        #expect(safe("&unknown; &") == "&amp;unknown; &amp;")
    }

    @Test(arguments: ["onclick", "onload", "onerror", "OnMouseOver", "onfocus"])
    func eventAttributesAreDropped(_ name: String) {
        #expect(safe("<img src=\"http://a.example/i.jpg\" \(name)=\"alert(1)\" />") == "<img src=\"http://a.example/i.jpg\" />")
    }

    @Test(arguments: [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{1}javascript:alert(1)",
        "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)",
        "javascript&colon;alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ])
    func scriptURLsAreEmptiedWhateverTheirDisguise(_ url: String) {
        #expect(safe("<a href=\"\(url)\">x</a>", base: "http://site.example/") == "<a href=\"\">x</a>")
        #expect(safe("<img src=\"\(url)\">", base: "http://site.example/") == "<img src=\"\" />")
    }

    @Test(arguments: ["href", "src", "cite", "background", "poster", "longdesc", "lowsrc", "dynsrc", "icon", "action"])
    func everyURLAttributeIsChecked(_ name: String) {
        #expect(safe("<span \(name)=\"javascript:alert(1)\">x</span>") == "<span \(name)=\"\">x</span>")
    }

    @Test func aReferenceWrittenAsTextStaysText() {
        // `&amp;#58;` is the text `&#58;`: written back with `&amp;`, it never becomes a colon.
        #expect(safe("<a href=\"javascript&amp;#58;alert(1)\">x</a>") == "<a href=\"javascript&amp;#58;alert(1)\">x</a>")
    }

    @Test func stylesKeepOnlySafeProperties() {
        #expect(safe("<span style=\"color: red; position: absolute\">x</span>") == "<span style=\"color: red;\">x</span>")
        #expect(safe("<span style=\"margin: 0 15px\">x</span>") == "<span style=\"margin: 0 15px;\">x</span>")
        #expect(safe("<span style=\"background-repeat: repeat\">x</span>") == "<span>x</span>")
    }

    @Test(arguments: [
        "width: expression(alert(1))",
        "background: url(javascript:alert(1))",
        "color: red; background-image: url(\"javascript:alert(1)\")",
        "x: \\65xpression(alert(1))",
        "behavior: url(x.htc)",
        "-moz-binding: url(http://evil.example/x.xml#x)",
    ])
    func cssThatCouldRunCodeIsDropped(_ style: String) {
        let out = safe("<span style='\(style)'>x</span>")
        #expect(!out.lowercased().contains("expression"))
        #expect(!out.lowercased().contains("javascript"))
        #expect(!out.lowercased().contains("url("))
        #expect(!out.contains("binding"))
    }

    @Test func allowedMarkupIsKeptAsFeedparserWritesIt() {
        #expect(safe("<p class=x>a<br>b<BR/><em>c</em></p>") == "<p class=\"x\">a<br />b<br /><em>c</em></p>")
        #expect(safe("<img src='http://a.example/i.jpg' alt='say \"hi\"'>")
            == "<img alt=\"say &quot;hi&quot;\" src=\"http://a.example/i.jpg\" />")
        #expect(safe("<table><tr><td colspan=\"2\">x</td></tr></table>") == "<table><tr><td colspan=\"2\">x</td></tr></table>")
        #expect(safe("<a rel=\"NoFollow\" href=\"http://a.example/\">x</a>") == "<a href=\"http://a.example/\" rel=\"nofollow\">x</a>")
        #expect(safe("<a/>") == "<a></a>")
    }

    @Test func commentsDeclarationsAndStrayBracketsAreNotMarkup() {
        #expect(safe("safe<!-- <script>alert(1)</script> -->") == "safe")
        #expect(safe("sa<!-- -- x >fe") == "safe")
        #expect(safe("safe<!--") == "safe")
        #expect(safe("<!DOCTYPE html>safe") == "safe")
        #expect(safe("a < b") == "a &lt; b")
        #expect(safe("<![CDATA[x]]>") == "&lt;![CDATA[x]]>")
    }

    @Test func relativeLinksAreResolvedAgainstTheBase() {
        #expect(safe("<a href=\"/post\">x</a>", base: "https://site.example/blog/") == "<a href=\"https://site.example/post\">x</a>")
        #expect(safe("<img src=\"i.png\">", base: "https://site.example/blog/") == "<img src=\"https://site.example/blog/i.png\" />")
        #expect(safe("<a href=\"#top\">x</a>", base: "https://site.example/") == "<a href=\"#top\">x</a>")
        #expect(safe("<a href=\"mailto:a@example.org\">x</a>", base: "https://site.example/") == "<a href=\"mailto:a@example.org\">x</a>")
        #expect(safe("<a href=\"/post\">x</a>") == "<a href=\"/post\">x</a>")
    }

    @Test func parentProtocolRelativeAndUnquotedLinksAreResolved() {
        let base = "https://blog.example.fr/2024/03/billet.html"
        #expect(
            safe(#"<p><a class="x" href="../autre.html">a</a> <img data-x=1 src=/img/a.png alt="a"> <a href='//cdn.example.fr/f'>f</a></p>"#, base: base)
                == #"<p><a class="x" href="https://blog.example.fr/2024/autre.html">a</a> <img alt="a" src="https://blog.example.fr/img/a.png" /> <a href="https://cdn.example.fr/f">f</a></p>"#
        )
        #expect(
            safe(#"<input disabled href="x.html"><a download href="y.html">y</a>"#, base: base)
                == #"<input disabled="" href="https://blog.example.fr/2024/03/x.html" /><a href="https://blog.example.fr/2024/03/y.html">y</a>"#
        )
    }

    @Test func cleanHTMLIsTheInputItself() {
        let html = "<p>Un <a href=\"http://a.example/\">lien</a> et du texte.</p>"
        #expect(html.utf8.withContiguousStorageIfAvailable { HTMLSanitizer.sanitize(utf8: $0, base: nil) } == .some(nil))
    }

    /// Random markup made of hostile pieces: the output never holds a script, an event
    /// attribute or a script URL, and sanitizing it again changes nothing.
    @Test func randomMarkupComesOutSafeAndStable() {
        let pieces = [
            "<a ", "<img ", "<p>", "</p>", "<script>", "</script>", "<SCRIPT ", "<style>", "</style>", "<iframe>",
            "</iframe>", "<object>", "</object>", "<svg>", "<noscript>", "</noscript>", ">", "/>", " ", "\t", "\n",
            "href", "src", "style", "onclick", "ONLOAD", "title", "=", "\"", "'", "javascript:", "java\tscript:",
            "jav&#x61;script:", "&#106;avascript:", "vbscript:", "data:", "http://a.example/", "x.html", "#top",
            "expression(", "url(", ")", "color: red;", "<!--", "-->", "<!", "<?", "&amp;", "&lt;", "&", "<", "é",
        ]
        var random = SplitMix64(seed: 0x5A_71_7E)
        for _ in 0..<20_000 {
            var html = ""
            for _ in 0..<Int(random.next() % 20) { html += pieces[Int(random.next() % UInt64(pieces.count))] }
            let once = safe(html, base: "https://site.example/")
            // Every `<` left in the output opens a tag the sanitizer wrote: what those hold.
            let tags = once.lowercased().split(separator: "<").dropFirst().map { $0.prefix { $0 != ">" } }
            for tag in tags {
                for element in ["script", "iframe", "style", "object", "svg"] {
                    #expect(!tag.hasPrefix(element) && !tag.hasPrefix("/" + element), "\(html)")
                }
                for forbidden in [" onclick=", " onload=", "=\"javascript:", "=\"vbscript:", "=\"data:", "expression(", "url("] {
                    #expect(!tag.contains(forbidden), "\(html)")
                }
            }
            #expect(safe(once, base: "https://site.example/") == once, "\(html)")
        }
    }

    @Test func noPublishersHTMLLeavesTheParser() throws {
        let feed = """
            <?xml version="1.0"?>
            <rss version="2.0" xml:base="https://site.example/"><channel><title>t</title>
            <item><title>i</title>
            <description>&lt;p onclick="x()"&gt;safe&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href="javascript:alert(1)"&gt;a&lt;/a&gt; &lt;a href="/b"&gt;b&lt;/a&gt;&lt;/p&gt;</description>
            </item></channel></rss>
            """
        let parsed = try FeedParser.parse(Array(feed.utf8), url: "https://site.example/feed")
        let entry = try #require(parsed.entries.first)
        #expect(entry.summaryHTML?.string == "<p>safe <a href=\"\">a</a> <a href=\"https://site.example/b\">b</a></p>")
    }

    @Test func jsonFeedHTMLIsSanitizedToo() throws {
        let feed = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "t", "home_page_url": "https://site.example/",
             "items": [{"id": "1", "content_html": "<p>safe<script>alert(1)</script></p><img src=\\"i.png\\" onerror=\\"x()\\">"}]}
            """
        let parsed = try FeedParser.parse(Array(feed.utf8), url: "https://site.example/feed.json")
        let entry = try #require(parsed.entries.first)
        #expect(entry.contentHTML?.string == "<p>safe</p><img src=\"https://site.example/i.png\" />")
    }

    @Test func aBareBodyAndFullitemAreSanitizedContent() throws {
        for element in ["body", "fullitem"] {
            let markup =
                element == "body"
                ? "<img src=\"cam.jpg\" onerror=\"x()\" />safe<script>alert(1)</script>"
                : "&lt;img src=\"cam.jpg\" onerror=\"x()\" /&gt;safe&lt;script&gt;alert(1)&lt;/script&gt;"
            let feed = """
                <rss version="2.0"><channel><title>t</title>
                <item><title>i</title><\(element)>\(markup)</\(element)></item></channel></rss>
                """
            let parsed = try FeedParser.parse(Array(feed.utf8), url: "https://site.example/feed")
            let entry = try #require(parsed.entries.first)
            #expect(entry.contentHTML?.string == "<img src=\"https://site.example/cam.jpg\" />safe", "\(element)")
        }
    }

    @Test func anAtom03XHTMLConstructKeepsItsDivAndAtom10DropsIt() throws {
        let content = """
            <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml">safe\
            <script>x()</script> <a href="/u">u</a></div></content>
            """
        let atom03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>\(content)</entry></feed>"
        let atom10 = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id>\(content)</entry></feed>"
        let old = try #require(try FeedParser.parse(Array(atom03.utf8), url: "https://site.example/").entries.first)
        #expect(old.contentHTML?.string == "<div>safe <a href=\"https://site.example/u\">u</a></div>")
        let new = try #require(try FeedParser.parse(Array(atom10.utf8), url: "https://site.example/").entries.first)
        #expect(new.contentHTML?.string == "safe <a href=\"https://site.example/u\">u</a>")
    }
}
