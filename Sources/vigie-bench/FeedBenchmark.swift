import Foundation
import VigieFeeds
import VigieSample

/// Throughput of the parser against the tokenizer it is built on, over two synthetic feeds
/// of 10,000 items of about 1 KiB each: RSS 2.0 with escaped HTML descriptions and Atom
/// with HTML content. The feeds are generated deterministically, so every run and the
/// Python comparison (`Tools/feedparser-bench.py`) read the same bytes. Times are the CPU
/// time of the measuring thread (``BenchmarkClock``).
enum FeedBenchmark {
    struct Sample: Sendable {
        let name: String
        let items: Int
        let bytes: Int
        /// Best time of a full parse, in seconds.
        let parseSeconds: Double
        /// Best time of the parser's front end with no work per event: the input's
        /// encoding checked, then the tokenizer delivering every event with its text decoded
        /// to a handler that does nothing. The ceiling for the parser.
        let tokenizerSeconds: Double
        /// Best time of the tokenizer finding markup only: no encoding check, no text
        /// decoded. A lower bound that no XML parser's events can reach.
        let lexerSeconds: Double
        /// Best time of the front end building the document tree that the mappers read,
        /// with no field read from it: the tokenizer's work and the tree's.
        let documentSeconds: Double
        /// Best time of turning the entries' HTML bodies into plain text, alone, as the
        /// parse does for each of them; 0 when no entry has an HTML body.
        let bodyTextSeconds: Double
        var itemsPerSecond: Double { Double(items) / parseSeconds }
        var parseMBPerSecond: Double { Double(bytes) / 1_048_576 / parseSeconds }
        var tokenizerMBPerSecond: Double { Double(bytes) / 1_048_576 / tokenizerSeconds }
        var lexerMBPerSecond: Double { Double(bytes) / 1_048_576 / lexerSeconds }
        /// Parse speed as a fraction of the tokenizer's.
        var ratio: Double { tokenizerSeconds / parseSeconds }
        /// Parse speed as a fraction of the markup-only lexer's.
        var lexerRatio: Double { lexerSeconds / parseSeconds }
    }

    static let rssFileName = "bench-rss20.xml"
    static let atomFileName = "bench-atom10.xml"

    /// Measures the three feeds (RSS, Atom, and RSS without guids, whose entries all get a
    /// derived id); each figure is the best of `iterations` runs.
    static func run(items: Int = 10_000, iterations: Int = 5) throws -> [Sample] {
        [
            try measure(name: "rss20", bytes: rss(items: items), items: items, iterations: iterations),
            try measure(name: "atom10", bytes: atom(items: items), items: items, iterations: iterations),
            try measure(name: "noguid", bytes: rss(items: items, guids: false), items: items, iterations: iterations),
        ]
    }

    /// Runs the three measurements in turn, `iterations` times, keeping the best of each,
    /// so that the ratios compare runs made under the same load.
    static func measure(name: String, bytes: [UInt8], items: Int, iterations: Int) throws -> Sample {
        try timed(name: name, bytes: bytes, iterations: iterations) { run in
            precondition(run.events > items, "tokenizer saw too few events")
            // The bench feeds escape their HTML: the ceiling must have decoded it.
            precondition(run.decodedBytes > 0, "tokenizer decoded no text")
            precondition(run.lexed == run.events, "lexer and tokenizer disagree")
            precondition(run.entries == items, "parsed \(run.entries) of \(items) items")
            precondition(run.nodes > items, "the document tree has too few nodes")
        }
    }

    /// The same measurements for a feed from a file, such as the real feeds a collector
    /// reads, without the bench feeds' checks; nil for JSON Feed, which has no XML to
    /// tokenize, and for a file the parser refuses.
    static func measure(file name: String, bytes: [UInt8], iterations: Int) -> Sample? {
        let options = FeedParser.Options(maxBytes: max(bytes.count, 1))
        guard let feed = try? FeedParser.parse(bytes, options: options), feed.format != .jsonfeed else { return nil }
        return try? timed(name: name, bytes: bytes, iterations: iterations) { _ in }
    }

    /// What one round of ``timed(name:bytes:iterations:check:)`` counted.
    private struct Round {
        let events: Int
        let decodedBytes: Int
        let lexed: Int
        let entries: Int
        let nodes: Int
    }

    /// The tokenizer, the lexer, the document tree and the parse over `bytes`, in turn,
    /// `iterations` times, then the bodies of the last parse made plain text as many times,
    /// with the best time of each; `check` sees what every round counted.
    private static func timed(name: String, bytes: [UInt8], iterations: Int, check: (Round) -> Void) throws -> Sample {
        var parseBest = Double.infinity
        var tokenizerBest = Double.infinity
        var lexerBest = Double.infinity
        var documentBest = Double.infinity
        var bodyTextBest = Double.infinity
        var entries = 0
        let options = FeedParser.Options(maxBytes: max(bytes.count, 1))
        func seconds(since start: UInt64) -> Double { BenchmarkClock.seconds(since: start) }
        var bodies: [FeedText] = []
        let rounds = max(1, iterations)
        for round in 0..<rounds {
            var start = BenchmarkClock.now()
            let (events, decodedBytes) = ParseStages.tokenize(bytes, options: options)
            tokenizerBest = min(tokenizerBest, seconds(since: start))

            start = BenchmarkClock.now()
            let lexed = ParseStages.lexOnly(bytes, options: options)
            lexerBest = min(lexerBest, seconds(since: start))

            start = BenchmarkClock.now()
            let nodes = ParseStages.documentNodes(bytes, options: options)
            documentBest = min(documentBest, seconds(since: start))

            start = BenchmarkClock.now()
            let feed = try FeedParser.parse(bytes, options: options)
            parseBest = min(parseBest, seconds(since: start))
            entries = feed.entries.count
            check(Round(events: events, decodedBytes: decodedBytes, lexed: lexed, entries: entries, nodes: nodes))
            if round == rounds - 1 { bodies = htmlBodies(feed) }
        }
        // The bodies are timed apart, after the rounds: taking them from an earlier parse
        // moved the rounds' large buffers in the allocator's heap and slowed the parse and
        // the tokenizer of the feed measured first by a fifth.
        for _ in 0..<rounds where !bodies.isEmpty {
            let start = BenchmarkClock.now()
            _ = ParseStages.plainTextBytes(bodies)
            bodyTextBest = min(bodyTextBest, seconds(since: start))
        }
        return Sample(
            name: name, items: entries, bytes: bytes.count, parseSeconds: parseBest, tokenizerSeconds: tokenizerBest,
            lexerSeconds: lexerBest, documentSeconds: documentBest, bodyTextSeconds: bodies.isEmpty ? 0 : bodyTextBest)
    }

    /// The HTML of every entry body that has some (the content, else the summary), as the
    /// parse gave it: slices of the parse's own buffers, so that timing them costs no copy
    /// and no memory beyond the parse's.
    static func htmlBodies(_ feed: ParsedFeed) -> [FeedText] {
        feed.entries.compactMap { $0.contentHTML ?? $0.summaryHTML }
    }

    // MARK: Synthetic feeds

    static func rss(items: Int, guids: Bool = true) -> [UInt8] {
        var random = Generator(seed: 0x5EED_F00D)
        let rfc822 = rfc822Formatter()
        var out: [UInt8] = []
        out.reserveCapacity(items * 1_200 + 1_024)
        out +=
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel>
            <title>Vigie benchmark blog</title>
            <link>https://bench.example.org/</link>
            <description>Synthetic feed for parser throughput</description>
            <language>fr</language>

            """.utf8
        for index in 0..<items {
            let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 3_600)
            out +=
                """
                <item>
                <title>\(random.sentence(words: 7)) n°\(index)</title>
                <link>https://bench.example.org/\(index)/\(random.word())</link>
                \(guids ? "<guid isPermaLink=\"false\">bench-\(index)</guid>\n" : "")\
                <pubDate>\(rfc822.string(from: date))</pubDate>
                <dc:creator>\(random.word().capitalized) \(random.word().capitalized)</dc:creator>
                <category>\(random.word())</category>
                <description>\(escaped(random.html(paragraphs: 2)))</description>
                </item>

                """.utf8
        }
        out += "</channel>\n</rss>\n".utf8
        return out
    }

    static func atom(items: Int) -> [UInt8] {
        var random = Generator(seed: 0xA70_F00D)
        var out: [UInt8] = []
        out.reserveCapacity(items * 1_300 + 1_024)
        out +=
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
            <title>Vigie benchmark blog</title>
            <link rel="alternate" href="https://bench.example.org/"/>
            <id>https://bench.example.org/</id>
            <updated>2024-01-01T00:00:00Z</updated>

            """.utf8
        for index in 0..<items {
            let date = RFC3339.string(Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 3_600))
            out +=
                """
                <entry>
                <title>\(random.sentence(words: 7)) n°\(index)</title>
                <link rel="alternate" type="text/html" href="https://bench.example.org/\(index)/\(random.word())"/>
                <id>tag:bench.example.org,2024:\(index)</id>
                <published>\(date)</published>
                <updated>\(date)</updated>
                <author><name>\(random.word().capitalized) \(random.word().capitalized)</name></author>
                <category term="\(random.word())"/>
                <content type="html">\(escaped(random.html(paragraphs: 2)))</content>
                </entry>

                """.utf8
        }
        out += "</feed>\n".utf8
        return out
    }

    static func escaped(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 4)
        for c in html.unicodeScalars {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// RFC 822 dates as RSS gives them: `Tue, 14 Nov 2023 22:13:20 +0000`.
    static func rfc822Formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }

    /// Words and sentences from a seeded generator.
    struct Generator {
        private var random: SplitMix64
        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        private static let words = [
            "marque", "réputation", "client", "service", "produit", "qualité", "prix", "livraison", "avis",
            "forum", "article", "presse", "réseau", "vidéo", "problème", "succès", "lancement", "rappel",
            "usine", "magasin", "commande", "retour", "garantie", "écologie", "innovation", "sécurité",
            "été", "hiver", "très", "vraiment", "toujours", "jamais", "brand", "customer", "delivery",
        ]

        mutating func next() -> UInt64 { random.next() }

        mutating func word() -> String { Self.words[Int(next() % UInt64(Self.words.count))] }

        mutating func sentence(words count: Int) -> String {
            var parts: [String] = []
            for _ in 0..<count { parts.append(word()) }
            return parts.joined(separator: " ").capitalizedFirst
        }

        mutating func html(paragraphs: Int) -> String {
            var out = ""
            for paragraph in 0..<paragraphs {
                out +=
                    "<p>" + sentence(words: 15) + ", <a href=\"https://example.com/\(next() % 1000)\">" + word()
                    + "</a> &amp; <b>" + word() + "</b>. " + sentence(words: 12) + ".</p>"
                if paragraph == 0 { out += "\n<p>Caf&eacute; &laquo;\u{A0}" + sentence(words: 5) + "\u{A0}&raquo;</p>" }
            }
            return out
        }
    }
}

extension String {
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
