import Foundation
import Testing

@testable import VigieFeeds

/// Property tests: whatever the bytes, the parser returns a feed or a `FeedError`, and
/// whatever it returns encodes to JSON that reads back.
@Suite struct RobustnessTests {
    /// Seeded, so a failure reproduces.
    struct Random {
        private var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Parses and checks the result is usable; a crash here fails the whole run.
    @discardableResult
    private func parseSafely(_ bytes: [UInt8]) -> ParsedFeed? {
        do {
            let feed = try FeedParser.parse(bytes, url: "https://example.org/feed")
            let json = try feed.jsonData()
            let back = try JSONDecoder().decode(ParsedFeed.self, from: json)
            #expect(back.entries.count == feed.entries.count)
            #expect(feed.entries.allSatisfy { $0.id != nil && $0.kind != nil })
            return feed
        } catch is FeedError {
            return nil
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: FixtureCase.all.filter { $0.error == nil })
    func truncatedFixturesNeverCrash(_ fixture: FixtureCase) throws {
        let bytes = try fixture.inputBytes
        let step = max(1, bytes.count / 97)
        var parsedPrefixes = 0
        for end in stride(from: 0, to: bytes.count, by: step) {
            if parseSafely(Array(bytes[..<end])) != nil { parsedPrefixes += 1 }
        }
        #expect(parseSafely(bytes) != nil)
        if fixture.input.hasSuffix(".xml") {
            // Once the root element has started, a cut-off XML feed is still readable.
            #expect(parsedPrefixes > 0)
        }
    }

    @Test(arguments: FixtureCase.all.filter { $0.error == nil })
    func mutatedFixturesNeverCrash(_ fixture: FixtureCase) throws {
        let original = try fixture.inputBytes
        var random = Random(state: UInt64(truncatingIfNeeded: original.count) &* 31 &+ 7)
        let specials = Array("<>&;\"'/=![]?#-".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xFF, 0x0A]
        for _ in 0..<60 {
            var bytes = original
            for _ in 0..<(1 + random.below(8)) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = specials[random.below(specials.count)]
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(specials[random.below(specials.count)], at: at)
                default:
                    let length = min(bytes.count - at, 1 + random.below(40))
                    bytes.insert(contentsOf: bytes[at..<(at + length)], at: random.below(bytes.count))
                }
            }
            parseSafely(bytes)
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = Random(state: 42)
        for round in 0..<400 {
            let length = random.below(round < 200 ? 64 : 4096)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length)
            for _ in 0..<length { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            parseSafely(bytes)
        }
    }

    @Test func randomMarkupSoupNeverCrashes() {
        var random = Random(state: 7)
        let pieces = [
            "<rss version=\"2.0\">", "<channel>", "<item>", "</item>", "<title>", "</title>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            "<entry>", "</entry>", "<link href=\"/x\"/>", "<![CDATA[", "]]>", "<!--", "-->", "&amp;", "&eacute;",
            "&#x1F600;",
            "&#99999999;", "&", "<", ">", "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
            "<!DOCTYPE a [<!ENTITY e \"&e;\">]>",
            "&e;", "texte", "été", " ", "\n", "<description>", "</description>", "<content type=\"xhtml\"><div>",
            "</div></content>", "xml:base=\"..\"", "<a:b xmlns:a=\"urn:x\">", "</a:b>", "\u{0}", "{\"version\":",
            "\"items\":[",
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<random.below(60) { text += pieces[random.below(pieces.count)] }
            parseSafely(Array(text.utf8))
        }
    }

    @Test func htmlTextAndIdentityNeverCrashOnRandomText() {
        var random = Random(state: 99)
        let alphabet = Array("<>&;#x/ab pé!-\n\"'=".unicodeScalars)
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<random.below(200) { text.append(alphabet[random.below(alphabet.count)]) }
            let string = String(text)
            let plain = HTMLText.plainText(string)
            #expect(!plain.hasPrefix(" ") && !plain.hasSuffix(" "))
            #expect(ContentFingerprint.of(title: string, body: string).count == 64)
            _ = CanonicalURL.canonicalize(string, base: "https://example.org/a/b")
        }
    }
}

/// `vigie feed parse` writes its JSON in pieces; joined, they are the whole document.
@Suite struct JSONPiecesTests {
    @Test(arguments: FixtureCase.all.filter { $0.error == nil })
    func piecesJoinToTheWholeDocument(_ fixture: FixtureCase) throws {
        let feed = try fixture.parse()
        let whole = try feed.jsonData()
        for size in [1, 2, 3, 256] {
            var joined = Data()
            try feed.writeJSON(entriesPerPiece: size) { joined.append($0) }
            #expect(joined == whole, "\(size) entries per piece")
        }
    }

    @Test func aFeedOfManyEntries() throws {
        let items = (0..<600).map { "<item><title>\($0)</title><description>&lt;p&gt;Entry \($0)</description></item>" }
        let feed = try FeedParser.parse(Array(("<rss><channel><title>T</title>" + items.joined() + "</channel></rss>").utf8))
        var pieces = 0
        var joined = Data()
        try feed.writeJSON { joined.append($0); pieces += 1 }
        #expect(joined == (try feed.jsonData()))
        // The head, three pieces of entries, and the tail.
        #expect(pieces == 5)
    }
}
