import Testing

@testable import VigieFeeds

@Suite struct CommentDetectionTests {
    /// The pingback test as it is defined, with strings for every title and text.
    static func referenceIsPingback(title: String?, text: FeedText?) -> Bool {
        let title = (title ?? "").lowercased()
        if title.hasPrefix("pingback") || title.hasPrefix("trackback") || title.hasPrefix("rétrolien") {
            return true
        }
        let text = text?.trimmingASCIIWhitespace().string ?? ""
        let framed = ["[…]", "[...]", "[&#8230;]"]
        return framed.contains { text.hasPrefix($0) } && framed.contains { text.hasSuffix($0) }
    }

    @Test func pingbacksAndTrackbacks() {
        #expect(CommentDetection.isPingback(title: "Pingback: un blog", text: nil))
        #expect(CommentDetection.isPingback(title: "RÉTROLIEN depuis x", text: nil))
        #expect(CommentDetection.isPingback(title: "Blog ami", text: FeedText("  […] un extrait […]\n")))
        #expect(!CommentDetection.isPingback(title: "Très bon article", text: FeedText("Merci […]")))
        #expect(!CommentDetection.isPingback(title: nil, text: FeedText("[…] le début seulement")))
    }

    /// Titles and texts are only made into strings when they may be a pingback's: the
    /// answers are those of the definition.
    @Test func pingbackTestMatchesItsDefinition() {
        let pieces = [
            "Pingback", "pingback", "PINGBACK", "Trackback", "trackback:", "Rétrolien", "RÉTROLIEN", "rétro", "p", "T",
            "r", "[…]", "[...]", "[&#8230;]", "[", "]", "…", "...", " ", "\n", "\t", "\u{301}", "e\u{301}", "Merci",
            "un extrait", "P\u{301}ingback", "\u{212A}", "ß", "😀",
        ]
        var rng = SplitMix64(seed: 0x9146)
        func random() -> String {
            (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
        var pingbacks = 0
        for _ in 0..<20_000 {
            let title = rng.next() % 5 == 0 ? nil : random()
            let text = rng.next() % 5 == 0 ? nil : FeedText(random())
            let result = CommentDetection.isPingback(title: title, text: text)
            if result { pingbacks += 1 }
            #expect(result == Self.referenceIsPingback(title: title, text: text), "\(title ?? "nil") | \(text?.string ?? "nil")")
        }
        #expect(pingbacks > 1_000)
    }
}
