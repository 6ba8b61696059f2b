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
        subcommands: [List.self, Add.self, Load.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List brands and their queries.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let brands = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).all() }
            for brand in brands { print("\(brand.id.map(String.init) ?? "-")\t\(brand.name)\t\(brand.query)") }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a brand, or change its query.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brand name.") var name: String
        @Option(help: "Query (default: the quoted name).") var query: String?

        func run() async throws {
            let brand = Brand(name: name, query: query)
            try Self.check([brand])
            let stored = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).upsert([brand]) }
            for brand in stored { print("\(brand.id.map(String.init) ?? "-")\t\(brand.name)\t\(brand.query)") }
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
            let stored = try await db.withDatabase(logger: try db.makeLogger()) { try await BrandStore($0).upsert(brands) }
            print("\(stored.count) brands loaded")
        }
    }
}
