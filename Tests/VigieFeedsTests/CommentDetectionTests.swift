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
            let result = CommentDetection.isPingback(title: title.map { FeedText($0) }, text: text)
            if result { pingbacks += 1 }
            #expect(result == Self.referenceIsPingback(title: title, text: text), "\(title ?? "nil") | \(text?.string ?? "nil")")
        }
        #expect(pingbacks > 1_000)
    }

    /// Comment feed titles are recognised in any case, a Kelvin sign included, and only
    /// titles that may be one are lower-cased: the answers are those of the definition.
    @Test func commentFeedTitles() {
        let prefixes = [
            "comments on:", "comments for", "commentaires sur", "commentaires pour", "comentarios en",
            "comentarios sobre", "kommentare zu", "kommentare für", "commenti su",
        ]
        let pieces = [
            "Comments on:", "COMMENTAIRES SUR", "Kommentare für", "\u{212A}ommentare zu", "commenti su", " ", "x",
            "Diputación", "c", "K", "é", "Ça", "Commentaires", "sur", " le billet",
        ]
        var rng = SplitMix64(seed: 0xC0FEED)
        var found = 0
        for _ in 0..<10_000 {
            let title = (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let lowered = title.lowercased()
            let expected = prefixes.contains { lowered.hasPrefix($0) }
            if expected { found += 1 }
            #expect(CommentDetection.isCommentFeedTitle(title) == expected, "\(title)")
        }
        #expect(found > 500)
        #expect(CommentDetection.isCommentFeedTitle("\u{212A}ommentare zu: Blog"))
        #expect(!CommentDetection.isCommentFeedTitle(nil))
    }
}
