import Foundation
import Testing

@testable import VigieFeeds

/// The measurements `vigie feed bench --feeds` prints, on a feed read from a file.
@Suite struct FeedBenchmarkTests {
    @Test func xmlFeedFromAFileIsMeasured() throws {
        let url = FixtureCase.directory.appendingPathComponent("rss20-wordpress.xml")
        let bytes = [UInt8](try Data(contentsOf: url))
        let sample = try #require(FeedBenchmark.measure(file: "rss20-wordpress.xml", bytes: bytes, iterations: 2))
        #expect(sample.items == (try FeedParser.parse(bytes)).entries.count)
        #expect(sample.bytes == bytes.count)
        #expect(sample.parseSeconds > 0 && sample.tokenizerSeconds > 0 && sample.lexerSeconds > 0)
        #expect(sample.documentSeconds > 0 && sample.bodyTextSeconds > 0)
    }

    /// The breakdown times the parts of a parse on their own: the document tree holds every
    /// element, and the body text is the plain text the parse gives for the same bodies.
    @Test func breakdownDoesTheParsesWork() throws {
        let url = FixtureCase.directory.appendingPathComponent("rss20-wordpress.xml")
        let bytes = [UInt8](try Data(contentsOf: url))
        let feed = try FeedParser.parse(bytes)
        let small = "<rss><channel><title>T</title><item><title>A</title><description>x</description></item>"
        #expect(FeedBenchmark.documentNodes(Array((small + "</channel></rss>").utf8)) == 6)
        let bodies = FeedBenchmark.htmlBodies(feed)
        let withHTML = feed.entries.filter { $0.contentHTML != nil || $0.summaryHTML != nil }
        #expect(!withHTML.isEmpty && bodies.count == withHTML.count)
        let plain = withHTML.reduce(0) { total, entry in
            total + ((entry.contentHTML != nil ? entry.content : entry.summary)?.utf8Count ?? 0)
        }
        #expect(FeedBenchmark.plainTextBytes(bodies) == plain)
    }

    /// JSON Feed has no XML to tokenize, and what the parser refuses has nothing to time.
    @Test func jsonFeedsAndNonFeedsAreLeftOut() {
        let json = #"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#
        #expect(FeedBenchmark.measure(file: "a.json", bytes: Array(json.utf8), iterations: 1) == nil)
        let html = "<html><body>no feed</body></html>"
        #expect(FeedBenchmark.measure(file: "a.html", bytes: Array(html.utf8), iterations: 1) == nil)
    }

    /// A feed whose references are all in CDATA decodes no text (a real feed that stopped the
    /// bench on a precondition): the ceiling is still timed.
    @Test func feedWithoutReferencesIsTimed() {
        let xml = """
            <rss version="2.0"><channel><title>T</title><item><title>A</title>\
            <description><![CDATA[<p>x &amp; y</p>]]></description></item></channel></rss>
            """
        let (events, decoded) = FeedBenchmark.tokenize(Array(xml.utf8))
        #expect(events > 0 && decoded == 0)
        #expect(FeedBenchmark.measure(file: "cdata.xml", bytes: Array(xml.utf8), iterations: 1)?.items == 1)
    }
}
