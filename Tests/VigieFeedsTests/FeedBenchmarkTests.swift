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
