import ArgumentParser
import Foundation
import VigieClassify
import VigieCommandLine
import VigieModel
import VigieSample
import VigieStorage
import VigieWorkers

struct BrandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brands",
        abstract: "List and define monitored brands.",
        discussion: """
            A brand added, or given a new query, is matched against every post already \
            classified: `vigie classify` (or a running `vigie classify --watch`) runs that \
            brand's query over the stored text and updates its trend, without classifying \
            anything again. Removing a brand removes its mentions and its trend.
            """,
        subcommands: [List.self, Add.self, Load.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List brands and their queries.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let brands = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).all() }
            for brand in brands { print("\(brand.id.map(String.init) ?? "-")\t\(brand.name)\t\(brand.query)") }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a brand, or change its query; stored posts are queued to be matched against it.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brand name.") var name: String
        @Option(help: "Query (default: the quoted name).") var query: String?

        func run() async throws {
            let brand = Brand(name: name, query: query)
            try Self.check([brand])
            let saved = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).save([brand]) }
            for entry in saved {
                let brand = entry.brand
                print("\(brand.id.map(String.init) ?? "-")\t\(brand.name)\t\(brand.query)")
                print(Self.queuedLine(entry.queuedPosts))
            }
        }

        static func queuedLine(_ posts: Int) -> String {
            posts == 0
                ? "no stored post queued for the brand backfill"
                : "\(posts) stored post\(posts == 1 ? "" : "s") queued for the brand backfill; 'vigie classify' matches them"
        }

        static func check(_ brands: [Brand]) throws {
            do {
                _ = try Classifier(brands: brands)
            } catch {
                throw CLIError(.badInput, "brand query error: \(error)")
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load brands from a JSON file ([{\"name\", \"query\", \"aliases\"}]), or the bundled sample brands.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brands file; omit for the bundled sample brands.") var file: String?

        func run() async throws {
            let brands: [Brand]
            if let file {
                do {
                    brands = try JSONDecoder().decode([Brand].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
                } catch {
                    throw CLIError(.badInput, "\(file): not a brands file: \(error.localizedDescription)")
                }
            } else {
                brands = try SampleCorpus.brands()
            }
            try Add.check(brands)
            let saved = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).save(brands) }
            print("\(saved.count) brands loaded")
            for entry in saved where entry.queuedPosts > 0 { print("\(entry.brand.name): \(Add.queuedLine(entry.queuedPosts))") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a brand, with its mentions and its trend.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brand name (any case).") var name: String

        func run() async throws {
            let removed = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).remove(name) }
            guard let removed else { throw CLIError(.badInput, "no brand named '\(name)' ('vigie brands list' shows them)") }
            print("removed \(removed.name), its mentions and its trend")
        }
    }
}
