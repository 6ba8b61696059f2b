import ArgumentParser
import Foundation
import VigieFeeds

/// `vigie-bench feed`: the feed parser next to its own tokenizer, a bare lexer and
/// Foundation's `XMLParser`, on generated feeds or on a folder of real ones.
struct FeedBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Measure parse speed against the raw XML tokenizer on 10,000-item feeds.",
        discussion: """
            The feeds (RSS 2.0 and Atom, about 1 KiB of HTML per item, and the RSS feed again \
            without guids) are generated the same way on every run. With --write-fixtures DIR \
            the first two are saved there for Tools/feedparser-bench.py, which times Python's \
            feedparser on the same bytes.
            """
    )

    @Option(name: .customLong("write-fixtures"), help: "Save the two generated feeds in this directory and exit.")
    var writeFixtures: String?

    @Option(help: "Items per feed.")
    var items: Int = 10_000

    @Option(
        help: ArgumentHelp(
            "Measure every feed file under this directory instead (for example ../shared/feeds-real).",
            valueName: "directory"))
    var feeds: String?

    // On a shared machine the best of five runs of a measurement was still a point or
    // two off the best of many, and the two sides of a ratio are off apart.
    @Option(help: "Runs per measurement; the best is kept.")
    var iterations: Int = 9

    func validate() throws {
        guard items > 0 else { throw ValidationError("--items must be positive") }
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    }

    func run() async throws {
        if let directory = writeFixtures {
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let rss = Data(FeedBenchmark.rss(items: items))
            let atom = Data(FeedBenchmark.atom(items: items))
            try rss.write(to: folder.appendingPathComponent(FeedBenchmark.rssFileName))
            try atom.write(to: folder.appendingPathComponent(FeedBenchmark.atomFileName))
            print("wrote \(folder.appendingPathComponent(FeedBenchmark.rssFileName).path) (\(rss.count) bytes)")
            print("wrote \(folder.appendingPathComponent(FeedBenchmark.atomFileName).path) (\(atom.count) bytes)")
            return
        }
        if let feeds {
            try measureDirectory(feeds)
            return
        }
        let samples = try FeedBenchmark.run(items: items, iterations: iterations)
        let peak = peakResidentMiB()
        let stock = [
            FoundationXMLBaseline.seconds(
                FeedBenchmark.rss(items: items), iterations: iterations, minimumEvents: items * 14),
            FoundationXMLBaseline.seconds(
                FeedBenchmark.atom(items: items), iterations: iterations, minimumEvents: items * 14),
            FoundationXMLBaseline.seconds(
                FeedBenchmark.rss(items: items, guids: false), iterations: iterations, minimumEvents: items * 14),
        ]
        print(
            "feed     items    MiB   items/s  parse MiB/s  tokenizer MiB/s  parse/tokenizer"
                + "  lexer MiB/s  parse/lexer  XMLParser MiB/s  parse/XMLParser"
        )
        for (sample, stockSeconds) in zip(samples, stock) {
            let stockMBPerSecond = Double(sample.bytes) / 1_048_576 / stockSeconds
            print(
                pad(sample.name, 6), pad(String(sample.items), 7, right: true),
                pad(format(Double(sample.bytes) / 1_048_576, 1), 6, right: true),
                pad(format(sample.itemsPerSecond, 0), 9, right: true),
                pad(format(sample.parseMBPerSecond, 1), 12, right: true),
                pad(format(sample.tokenizerMBPerSecond, 1), 16, right: true),
                pad(format(sample.ratio * 100, 1) + "%", 16, right: true),
                pad(format(sample.lexerMBPerSecond, 1), 12, right: true),
                pad(format(sample.lexerRatio * 100, 1) + "%", 12, right: true),
                pad(format(stockMBPerSecond, 1), 16, right: true),
                pad(format(stockSeconds / sample.parseSeconds * 100, 0) + "%", 16, right: true))
        }
        print()
        print("Where a parse's time goes, in microseconds per item, each part timed alone:")
        print("feed   " + breakdownHeader)
        for sample in samples {
            print(pad(sample.name, 6), breakdownRow(sample))
        }
        print()
        print("Best of \(iterations) runs each, measured in turn in this process, in its CPU time.")
        print("parse: FeedParser.parse, every field normalized (plain text, HTML, dates, links, ids, kinds).")
        print("tokenizer: the parser's own front end with no work per event, the ceiling: encoding")
        print("  checked, every event delivered with its references decoded, as expat and libxml2 do.")
        print("lexer: markup found, nothing checked or decoded; no XML parser's events are this cheap.")
        print("XMLParser: Foundation's XML parser (libxml2) with a delegate that does nothing.")
        print("document tree: the tokenizer building the tree the mappers read, no field read from it.")
        print("body text: every entry's HTML body made plain text, as the parse does, and nothing else.")
        print("the rest: parse - document tree - body text: the other fields, dates, ids, kinds, the")
        print("  entries themselves, and finding and keeping each body.")
        print("parse at 50%: the time per item of a parse at half the tokenizer's speed.")
        print("noguid: the RSS feed without its guids, so every entry's id is derived (canonical")
        print("  link, title and date, hashed with SHA-256), as for RSS 0.9x and many RSS 2.0 feeds.")
        if let peak {
            print("peak RSS (VmHWM) of the parser runs: \(format(peak, 1)) MiB")
        }
    }

    /// Parse and tokenizer times of every XML feed under `directory`: the totals, then the
    /// feeds furthest from the tokenizer's speed.
    private func measureDirectory(_ directory: String) throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw ValidationError("cannot read \(directory)") }
        var paths: [String] = []
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(url.path)
        }
        var samples: [FeedBenchmark.Sample] = []
        var skipped: [String] = []
        for path in paths.sorted() {
            let name = String(path.dropFirst(root.path.count).drop(while: { $0 == "/" }))
            guard let data = FileManager.default.contents(atPath: path),
                let sample = FeedBenchmark.measure(file: name, bytes: [UInt8](data), iterations: iterations)
            else {
                skipped.append(name)
                continue
            }
            samples.append(sample)
        }
        guard !samples.isEmpty else { throw ValidationError("no XML feed under \(directory)") }
        let bytes = Double(samples.reduce(0) { $0 + $1.bytes }) / 1_048_576
        let parse = samples.reduce(0) { $0 + $1.parseSeconds }
        let tokenizer = samples.reduce(0) { $0 + $1.tokenizerSeconds }
        let entries = samples.reduce(0) { $0 + $1.items }
        let ratios = samples.map(\.ratio).sorted()
        print("\(samples.count) XML feeds, \(entries) entries, \(format(bytes, 2)) MiB; left out: \(skipped.count)")
        print(
            "parse \(format(bytes / parse, 1)) MiB/s, \(format(Double(entries) / parse, 0)) entries/s; tokenizer "
                + "\(format(bytes / tokenizer, 1)) MiB/s; parse/tokenizer over all bytes "
                + "\(format(tokenizer / parse * 100, 1))%, median feed \(format(ratios[ratios.count / 2] * 100, 1))%")
        print("furthest from the tokenizer:")
        print("  parse/tokenizer  entries  KiB    us/entry  feed")
        for sample in samples.sorted(by: { $0.ratio < $1.ratio }).prefix(8) {
            let perEntry = sample.items > 0 ? format(sample.parseSeconds * 1e6 / Double(sample.items), 1) : "-"
            print(
                "  " + pad(format(sample.ratio * 100, 1) + "%", 15, right: true),
                pad(String(sample.items), 8, right: true),
                pad(format(Double(sample.bytes) / 1024, 0), 6, right: true), pad(perEntry, 9, right: true),
                " " + sample.name)
        }
        if !skipped.isEmpty { print("left out (JSON Feed, or refused): " + skipped.joined(separator: ", ")) }
        print("where the time goes, in microseconds per entry over all feeds (see vigie-bench feed):")
        print("  " + breakdownHeader)
        func total(_ seconds: KeyPath<FeedBenchmark.Sample, Double>) -> Double {
            samples.reduce(0) { $0 + $1[keyPath: seconds] }
        }
        print(
            "  "
                + breakdownRow(
                    items: entries, tokenizer: tokenizer, document: total(\.documentSeconds),
                    bodyText: total(\.bodyTextSeconds), parse: parse))
        print("Best of \(iterations) runs each, in CPU time.")
    }

    private var breakdownHeader: String {
        "tokenizer  +document tree  +body text  +the rest  =parse  parse at 50%"
    }

    /// One sample's times per item, as under ``breakdownHeader``.
    private func breakdownRow(_ sample: FeedBenchmark.Sample) -> String {
        breakdownRow(
            items: sample.items, tokenizer: sample.tokenizerSeconds, document: sample.documentSeconds,
            bodyText: sample.bodyTextSeconds, parse: sample.parseSeconds)
    }

    /// Times per item under ``breakdownHeader``: the tokenizer, then what the document tree,
    /// the body text and the rest of the parse add to it, the parse, and half the
    /// tokenizer's speed.
    private func breakdownRow(items: Int, tokenizer: Double, document: Double, bodyText: Double, parse: Double)
        -> String
    {
        func perItem(_ seconds: Double) -> String { format(seconds * 1e6 / Double(max(items, 1)), 2) }
        return [
            pad(perItem(tokenizer), 9, right: true), pad(perItem(document - tokenizer), 15, right: true),
            pad(perItem(bodyText), 11, right: true), pad(perItem(parse - document - bodyText), 10, right: true),
            pad(perItem(parse), 7, right: true), pad(perItem(2 * tokenizer), 13, right: true),
        ].joined(separator: " ")
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else { return text }
        let fill = String(repeating: " ", count: width - text.count)
        return right ? fill + text : text + fill
    }

    /// Peak resident set size of this process, from /proc/self/status (Linux only).
    private func peakResidentMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst(6).filter { $0.isNumber }
            return Double(digits).map { $0 / 1024 }
        }
        return nil
    }
}
