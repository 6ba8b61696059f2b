import ArgumentParser
import Foundation
import VigieCommandLine
import VigieModel
import VigieStorage

struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add, list, pause, resume and remove the sources collectors watch.",
        discussion: """
            A source is a feed, a blog (WordPress, Blogger) or a search on a social network \
            (Mastodon, Bluesky, Reddit, Hacker News). A new source is due at once: a running \
            'vigie collect' fetches it within its next pass. A source is named by its name or \
            its id.
            """,
        subcommands: [
            Add.self, List.self, Show.self, Remove.self, Pause.self, Resume.self, Test.self, Import.self, Export.self,
        ])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a source, due at once.",
            discussion: """
                Examples:
                  vigie source add --kind feed --name "Blog Acme" https://blog.example/feed/
                  vigie source add --kind mastodon --name "#acme" --hashtag acme https://mastodon.social
                  vigie source add --kind hackernews --name "HN Acme" --brand Acme
                """)
        @OptionGroup var db: DatabaseOptions
        @Option(help: "feed, wordpress, blogger, mastodon, bluesky, reddit or hackernews.") var kind: String
        @Option(help: "A unique name.") var name: String
        @Option(help: "Time between fetches: 900, 90s, 15m, 2h, 1d.") var interval: String = "15m"
        @OptionGroup var adapter: AdapterOptions
        @Option(help: "Search for this brand's saved query, whatever it becomes (search kinds).") var brand: String?
        @Argument(help: "Feed, site or server URL (optional for bluesky, reddit and hackernews).") var url: String?

        func run() async throws {
            let kind = try SourceCommand.collectedKind(kind)
            let seconds = try SourceCommand.seconds(interval)
            let options = try adapter.values()
            try SourceCommand.check(kind: kind, url: url, options: options, brand: brand)
            let (name, interval, given, logger) = (name, seconds, options, try db.makeLogger())
            let source = try await db.withDatabase(logger: logger) { [brand] database in
                var options = given
                if let brand {
                    guard let found = try await BrandStore(database).find(brand) else {
                        throw CLIError(.badInput, "no brand named '\(brand)' ('vigie brands list' shows them)")
                    }
                    options["brand"] = found.name
                }
                return try await SourceStore(database).add(
                    name: name, kind: kind, url: url, options: options, intervalSeconds: interval)
            }
            print("added source \(source.id) '\(source.name)' (\(source.kind.rawValue), every \(source.intervalSeconds) s), due now")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List sources with their last fetch, status, errors, next fetch and last error.")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Include removed sources.") var removed = false
        @Flag(help: "Print JSON, one array of sources.") var json = false

        func run() async throws {
            let includeRemoved = removed
            let sources = try await db.withDatabase(logger: try db.makeLogger()) {
                try await SourceStore($0).list(includeRemoved: includeRemoved)
            }
            if json { return print(try SourceCommand.json(sources)) }
            print(SourceTable.render(sources))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every field of a source.")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false
        @Argument(help: "Source name or id.") var source: String

        func run() async throws {
            let key = source
            let found = try await db.withDatabase(logger: try db.makeLogger()) {
                try await SourceCommand.find(key, in: SourceStore($0), includeRemoved: true)
            }
            if json { return print(try SourceCommand.json(found)) }
            print(SourceTable.details(found))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop collecting a source; its posts are kept (a source without posts is deleted).")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Source name or id.") var source: String

        func run() async throws {
            let key = source
            let (found, removal) = try await db.withDatabase(logger: try db.makeLogger()) { database in
                let store = SourceStore(database)
                let found = try await SourceCommand.find(key, in: store)
                return (found, try await store.remove(found.id))
            }
            switch removal {
            case .deleted: print("deleted source '\(found.name)' (it had no posts)")
            case .retired: print("removed source '\(found.name)'; its posts are kept")
            case nil: throw CLIError(.badInput, "source '\(found.name)' was removed meanwhile")
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop collecting a source until 'vigie source resume'.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Source name or id.") var source: String

        func run() async throws {
            let name = try await SourceCommand.change(source, db: db) { try await $0.pause($1) }
            print("paused source '\(name)'")
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Collect a paused source again, at once.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Source name or id.") var source: String

        func run() async throws {
            let name = try await SourceCommand.change(source, db: db) { try await $0.resume($1) }
            print("resumed source '\(name)', due now")
        }
    }
}

extension SourceCommand {
    /// The source named `key`, else the one whose id it is; a clear error when there is none.
    static func find(_ key: String, in store: SourceStore, includeRemoved: Bool = false) async throws -> Source {
        var found = try await store.source(named: key)
        if found == nil, let id = Int64(key) { found = try await store.source(id: id) }
        guard let found, includeRemoved || found.removedAt == nil else {
            throw CLIError(.badInput, "no source named '\(key)' ('vigie source list' shows them)")
        }
        return found
    }

    /// Pause or resume: the source's name, or a clear error.
    static func change(
        _ key: String, db: DatabaseOptions, _ body: @escaping @Sendable (SourceStore, Int64) async throws -> Source?
    ) async throws -> String {
        try await db.withDatabase(logger: try db.makeLogger()) { database in
            let store = SourceStore(database)
            let found = try await find(key, in: store)
            guard let changed = try await body(store, found.id) else {
                throw CLIError(.badInput, "source '\(found.name)' was removed meanwhile")
            }
            return changed.name
        }
    }

    /// `900`, `90s`, `15m`, `2h`, `1d` in seconds, between 1 minute and 7 days.
    static func seconds(_ text: String) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0, value <= 7 * 86400 / unit, value * unit >= 60 else {
            throw CLIError(.badInput, "--interval '\(text)' is not a duration from 1 minute to 7 days (900, 90s, 15m, 2h, 1d)")
        }
        return value * unit
    }

    /// `key=value` pairs; the key is not empty.
    static func keyValues(_ pairs: [String]) throws -> [String: String] {
        var options: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIError(.badInput, "--option '\(pair)' is not key=value")
            }
            options[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return options
    }

    /// What each kind needs before a collector can fetch it.
    static func check(kind: SourceKind, url: String?, options: [String: String], brand: String?) throws {
        if let missing = kind.missingRequirement(url: url, options: options, brand: brand) {
            throw CLIError(.badInput, missing)
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
