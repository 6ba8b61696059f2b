import Foundation
import Testing
import VigieFeeds

@testable import vigie_bench

/// The measurements `vigie-bench feed` prints, on generated feeds and on feeds read from files.
@Suite struct FeedBenchmarkTests {
    /// A few items of the generated RSS feed: HTML bodies, escaped, as in the full benchmark.
    static let rss = FeedBenchmark.rss(items: 40)

    @Test func feedFromBytesIsMeasured() throws {
        let sample = try #require(FeedBenchmark.measure(file: "rss20.xml", bytes: Self.rss, iterations: 2))
        #expect(sample.items == 40)
        #expect(sample.items == (try FeedParser.parse(Self.rss)).entries.count)
        #expect(sample.bytes == Self.rss.count)
        #expect(sample.parseSeconds > 0 && sample.tokenizerSeconds > 0 && sample.lexerSeconds > 0)
        #expect(sample.documentSeconds > 0 && sample.bodyTextSeconds > 0)
    }

    /// The generated feeds are what the benchmark claims: every item parsed, with its guid
    /// or without, and the same bytes on every run (the Python comparison reads them too).
    @Test func generatedFeedsAreDeterministic() throws {
        #expect(FeedBenchmark.rss(items: 40) == Self.rss)
        #expect(FeedBenchmark.atom(items: 40) == FeedBenchmark.atom(items: 40))
        let rss = try FeedParser.parse(Self.rss)
        #expect(rss.format == .rss20 && !rss.bozo && rss.entries.count == 40)
        #expect(rss.entries.allSatisfy { $0.published != nil && $0.summaryHTML != nil })
        let atom = try FeedParser.parse(FeedBenchmark.atom(items: 40))
        #expect(atom.format == .atom10 && !atom.bozo && atom.entries.count == 40)
        let noGuid = String(decoding: FeedBenchmark.rss(items: 40, guids: false), as: UTF8.self)
        #expect(!noGuid.contains("<guid") && String(decoding: Self.rss, as: UTF8.self).contains("<guid"))
        // RFC 822 dates, as RSS gives them, one hour apart from 2023-11-14T22:13:20Z.
        #expect(rss.entries[0].published == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(rss.entries[1].published == Date(timeIntervalSince1970: 1_700_003_600))
    }

    /// The full measurement of the generated feeds passes its own checks.
    @Test func syntheticFeedsAreMeasured() throws {
        let samples = try FeedBenchmark.run(items: 30, iterations: 1)
        #expect(samples.map(\.name) == ["rss20", "atom10", "noguid"])
        #expect(samples.allSatisfy { $0.items == 30 && $0.ratio > 0 && $0.lexerRatio > 0 })
    }

    /// The breakdown times the parts of a parse on their own: the document tree holds every
    /// element, and the body text is the plain text the parse gives for the same bodies.
    @Test func breakdownDoesTheParsesWork() throws {
        let feed = try FeedParser.parse(Self.rss)
        let small = "<rss><channel><title>T</title><item><title>A</title><description>x</description></item>"
        #expect(ParseStages.documentNodes(Array((small + "</channel></rss>").utf8)) == 6)
        let bodies = FeedBenchmark.htmlBodies(feed)
        let withHTML = feed.entries.filter { $0.contentHTML != nil || $0.summaryHTML != nil }
        #expect(!withHTML.isEmpty && bodies.count == withHTML.count)
        let plain = withHTML.reduce(0) { total, entry in
            total + ((entry.contentHTML != nil ? entry.content : entry.summary)?.utf8Count ?? 0)
        }
        #expect(ParseStages.plainTextBytes(bodies) == plain)
    }

    /// JSON Feed has no XML to tokenize, and what the parser refuses has nothing to time.
    @Test func jsonFeedsAndNonFeedsAreLeftOut() {
        let json = #"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[]}"#
        #expect(FeedBenchmark.measure(file: "a.json", bytes: Array(json.utf8), iterations: 1) == nil)
        #expect(FeedBenchmark.measure(file: "b.json", bytes: Array(("\n  " + json).utf8), iterations: 1) == nil)
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
        let (events, decoded) = ParseStages.tokenize(Array(xml.utf8))
        #expect(events > 0 && decoded == 0)
        #expect(ParseStages.lexOnly(Array(xml.utf8)) == events)
        #expect(FeedBenchmark.measure(file: "cdata.xml", bytes: Array(xml.utf8), iterations: 1)?.items == 1)
    }
}
