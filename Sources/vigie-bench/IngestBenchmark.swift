import Foundation
import VigieFeeds
import VigieModel
import VigieSample
import VigieStorage
import VigieWorkers

/// The inputs and row formats of `vigie-bench ingest`: feeds rendered from the synthetic
/// corpus, their entries mapped to import records, and the same rows as COPY text.
enum IngestBenchmark {
    /// One feed as a collector would fetch it: its bytes and the source it belongs to.
    struct Feed: Sendable {
        var source: String
        var url: String
        var bytes: [UInt8]
    }

    /// `count` RSS 2.0 feeds of `entries` posts each, from the synthetic corpus (posts only:
    /// comments live in feeds of their own), with the bundled sample's brands.
    static func feeds(count: Int, entries: Int, seed: UInt64 = 19) throws -> [Feed] {
        let start = Timestamp.parse("2026-01-01")!
        let corpus = SyntheticCorpus(
            seed: seed, brands: try SampleCorpus.brands(), start: start, end: start.addingTimeInterval(30 * 86_400))
        // About 55 % of the corpus are posts: draw enough records for the posts wanted.
        let wanted = count * entries
        var posts: [ImportRecord] = []
        var drawn = wanted * 2
        while posts.count < wanted {
            posts = corpus.records(count: drawn).filter { $0.kind == .post }
            drawn *= 2
        }
        let rfc822 = FeedBenchmark.rfc822Formatter()
        return (0..<count).map { index in
            let url = "https://feed-\(index).bench.example/feed/"
            var out: [UInt8] = []
            out.reserveCapacity(entries * 1_500 + 512)
            out +=
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel>
                <title>Blog \(index)</title>
                <link>https://feed-\(index).bench.example/</link>
                <description>Feed \(index) of vigie-bench ingest</description>

                """.utf8
            for record in posts[(index * entries)..<((index + 1) * entries)] {
                out +=
                    """
                    <item>
                    <title>\(FeedBenchmark.escaped(record.title ?? ""))</title>
                    <link>\(FeedBenchmark.escaped(record.url ?? ""))</link>
                    <guid>\(FeedBenchmark.escaped(record.url ?? ""))</guid>
                    <pubDate>\(record.publishedAt.map(rfc822.string(from:)) ?? "")</pubDate>
                    <dc:creator>\(FeedBenchmark.escaped(record.author ?? ""))</dc:creator>
                    <dc:language>\(record.lang ?? "")</dc:language>
                    <description>\(FeedBenchmark.escaped("<p>" + FeedBenchmark.escaped(record.body) + "</p>"))</description>
                    </item>

                    """.utf8
            }
            out += "</channel>\n</rss>\n".utf8
            return Feed(source: "bench-feed-\(index)", url: url, bytes: out)
        }
    }

    /// Parses a feed and maps its entries to records of its source.
    static func records(of feed: Feed) throws -> [ImportRecord] {
        let parsed = try FeedParser.parse(feed.bytes, url: feed.url)
        return parsed.entries.compactMap { record($0, source: feed.source) }
    }

    /// An entry as a post to store: its plain text (content, else summary, else title) as the
    /// body; nil for an entry with no text at all.
    static func record(_ entry: FeedEntry, source: String) -> ImportRecord? {
        guard let text = [entry.content, entry.summary, entry.title].lazy.compactMap({ $0 }).first(where: { !$0.isEmpty })
        else { return nil }
        return ImportRecord(
            url: entry.link?.string, title: entry.title?.string, author: entry.author?.string,
            publishedAt: entry.published ?? entry.updated, lang: entry.language, body: text.string,
            kind: entry.kind ?? .post, parentURL: entry.inReplyTo, source: source)
    }

    /// The columns `PostStore.insert` writes, in the order of ``copyText(_:sourceIDs:)``.
    static let copyColumns =
        "source_id, kind, url, parent_url, title, author, lang, body, published_at, fingerprint, canonical_url"

    /// The rows `PostStore.insert` would write for `posts`, in PostgreSQL's COPY text format.
    static func copyText(_ posts: [NewPost], sourceIDs: [String: Int64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(posts.count * 1_200)
        for post in posts {
            let r = post.record
            let fields: [String?] = [
                sourceIDs[r.source ?? ""].map(String.init), r.kind.rawValue, r.url, r.parentURL, r.title, r.author,
                r.lang, r.body, r.publishedAt.map(Timestamp.format), post.fingerprint, post.canonicalURL,
            ]
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: "\t")) }
                guard let field else {
                    out += #"\N"#.utf8
                    continue
                }
                for byte in field.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): out += #"\\"#.utf8
                    case UInt8(ascii: "\t"): out += #"\t"#.utf8
                    case UInt8(ascii: "\n"): out += #"\n"#.utf8
                    case UInt8(ascii: "\r"): out += #"\r"#.utf8
                    default: out.append(byte)
                    }
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
