import ArgumentParser
import Foundation
import Logging
import VigieCommandLine
import VigieFetch
import VigieModel
import VigieSources
import VigieStorage
import VigieWorkers

extension SourceCommand {
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch a source once and print what would be stored; writes nothing.",
            discussion: """
                Needs no database. The same pass a collector makes (pages, comments, a feed \
                discovered from a page), with the same politeness and address guard.
                Examples:
                  vigie source test https://blog.example/
                  vigie source test --kind mastodon --hashtag acme https://mastodon.social
                """)
        @Option(help: "feed, wordpress, blogger, mastodon, bluesky, reddit or hackernews.") var kind = "feed"
        @OptionGroup var adapter: AdapterOptions
        @Flag(help: "Print JSON: the posts and what the source would remember.") var json = false
        @Flag(help: "Allow fetching private, loopback and link-local addresses.") var allowPrivateNetworks = false
        @Argument(help: "Feed, page, site or server URL (optional for bluesky, reddit and hackernews).") var url: String?

        func run() async throws {
            let kind = try SourceCommand.collectedKind(kind)
            let options = try adapter.values()
            try SourceCommand.check(kind: kind, url: url, options: options, brand: nil)
            var configuration = FetchConfiguration(userAgent: "Vigie/\(VigieVersion.current)")
            configuration.allowPrivateNetworks = allowPrivateNetworks
            let logger = Logger(label: "vigie.source-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let fetcher = Fetcher(configuration: configuration, logger: logger)
            let source = Source(id: 0, name: "test", kind: kind, url: url, options: options)
            let pass = await SourcePass(fetcher: fetcher).run(source, logger: logger)
            try? await fetcher.shutdown()
            if json {
                print(try SourceCommand.json(TestReport(pass)))
            } else {
                print(SourceTestTable.render(pass))
            }
            if let error = pass.error { throw CLIError(.temporary, error) }
        }
    }

    /// `vigie source test --json`.
    struct TestReport: Encodable {
        var posts: [ImportRecord]
        var outcome: String
        var status: Int?
        var etag: String?
        var lastModified: String?
        var cursor: String?
        var newURL: String?
        var error: String?
        var requests: Int
        var bytes: Int

        init(_ pass: SourcePass.Result) {
            posts = pass.records
            outcome = pass.outcome.rawValue
            (status, etag, lastModified, cursor) = (pass.status, pass.etag, pass.lastModified, pass.cursor)
            (newURL, error, requests, bytes) = (pass.newURL, pass.error, pass.requests, pass.bytes)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the feeds of an OPML file (a feed reader's export); known URLs are skipped.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Time between fetches of the new feeds: 900, 90s, 15m, 2h, 1d.") var interval: String = "15m"
        @Argument(help: "The OPML file.") var file: String

        func run() async throws {
            let seconds = try SourceCommand.seconds(interval)
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw CLIError(.badInput, "cannot read '\(file)': \(error.localizedDescription)")
            }
            let outlines: [OPMLOutline]
            do {
                outlines = try OPML.parse(bytes)
            } catch {
                throw CLIError(.badInput, "\(file): \(error)")
            }
            let report = try await db.withDatabase(logger: try db.makeLogger()) { database in
                try await SourceCommand.importFeeds(outlines, into: SourceStore(database), intervalSeconds: seconds)
            }
            for line in report.lines { print(line) }
            print("\(report.added) feeds added, \(report.known) already known, \(report.invalid) not http(s)")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the feeds of the sources as OPML, for a feed reader.",
            discussion: "Searches and timelines have no feed and are left out; removed sources too.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The document's title.") var title = "Vigie sources"

        func run() async throws {
            let sources = try await db.withDatabase(logger: try db.makeLogger()) { try await SourceStore($0).list() }
            print(OPML.document(sources, title: title), terminator: "")
        }
    }

    /// What `vigie source import` did.
    struct ImportReport: Sendable {
        var added = 0
        var known = 0
        var invalid = 0
        var lines: [String] = []
    }

    /// Adds each outline's feed unless a source already has that feed URL; the name is the
    /// outline's title, or its URL when the title is missing or taken.
    static func importFeeds(_ outlines: [OPMLOutline], into store: SourceStore, intervalSeconds: Int) async throws -> ImportReport {
        var report = ImportReport()
        var known = Set(try await store.list(includeRemoved: true).compactMap(OPML.feedURL(of:)))
        for outline in outlines {
            guard let parsed = URL(string: outline.xmlURL), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                report.invalid += 1
                report.lines.append("skipped '\(outline.xmlURL)': not an http or https URL")
                continue
            }
            guard known.insert(outline.xmlURL).inserted else {
                report.known += 1
                continue
            }
            var options: [String: String] = [:]
            if let category = outline.category { options["category"] = category }
            var name = outline.title ?? outline.xmlURL
            if name != outline.xmlURL, try await store.source(named: name) != nil { name = outline.xmlURL }
            let source = try await store.add(
                name: name, kind: .feed, url: outline.xmlURL, options: options, intervalSeconds: intervalSeconds)
            report.added += 1
            report.lines.append("added source \(source.id) '\(source.name)': \(outline.xmlURL)")
        }
        return report
    }
}

/// The adapter options `vigie source add` and `vigie source test` take.
struct AdapterOptions: ParsableArguments {
    @Option(name: .customLong("option"), help: ArgumentHelp("An adapter option.", valueName: "key=value"))
    var options: [String] = []
    @Option(help: "Mastodon: a hashtag's public timeline.") var hashtag: String?
    @Option(help: "Mastodon: an account's public statuses (@name or @name@server).") var account: String?
    @Option(help: "Bluesky, Reddit, Hacker News: the search query.") var query: String?
    @Option(help: "Reddit: a subreddit's listing (or the place of --query).") var subreddit: String?

    /// The `--option` pairs, then the shorthands over them.
    func values() throws -> [String: String] {
        var values = try SourceCommand.keyValues(options)
        for (key, value) in [("hashtag", hashtag), ("account", account), ("query", query), ("subreddit", subreddit)] {
            if let value { values[key] = value }
        }
        return values
    }
}

extension SourceCommand {
    /// `text` as a kind of source a collector fetches, or a clear error listing them.
    static func collectedKind(_ text: String) throws -> SourceKind {
        guard let kind = SourceKind(rawValue: text), kind.isCollected else {
            let kinds = SourceKind.allCases.filter(\.isCollected).map(\.rawValue).joined(separator: ", ")
            throw CLIError(.badInput, "'\(text)' is not a kind of source a collector fetches (\(kinds))")
        }
        return kind
    }
}

/// `vigie source test` as text: what one pass brought, then the posts.
enum SourceTestTable {
    static func render(_ pass: SourcePass.Result) -> String {
        var out = "\(pass.outcome.rawValue), HTTP \(pass.status.map(String.init) ?? "-"), \(pass.requests) requests, "
        out += "\(pass.bytes) bytes, \(pass.records.count) posts would be stored\n"
        for (label, value) in [("new URL", pass.newURL), ("etag", pass.etag), ("last modified", pass.lastModified),
                               ("cursor", pass.cursor), ("error", pass.error)] {
            if let value { out += "\(label): \(value)\n" }
        }
        guard !pass.records.isEmpty else { return out }
        let rows = [["KIND", "PUBLISHED", "AUTHOR", "TITLE", "URL"]] + pass.records.map { r in
            [
                r.kind.rawValue, r.publishedAt.map(Timestamp.format) ?? "-", cut(r.author ?? "-", 24),
                cut(r.title ?? r.body, 50), r.url ?? "-",
            ]
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        out += "\n" + rows.map { row in
            row.indices.map { i in i == row.count - 1 ? row[i] : row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
        return out
    }

    static func cut(_ text: String, _ width: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= width ? line : String(line.prefix(width - 1)) + "…"
    }
}
