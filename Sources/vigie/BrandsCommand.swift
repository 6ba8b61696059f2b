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
            let brands = try await db.withDatabase(logger: db.makeLogger()) { try await BrandStore($0).all() }
            for brand in brands { print("\(brand.id)\t\(brand.name)\t\(brand.query)") }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a brand, or change its query.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brand name.") var name: String
        @Option(help: "Query (default: the quoted name).") var query: String?

        func run() async throws {
            let brand = BrandDefinition(name: name, query: query)
            try Self.check([brand])
            let stored = try await db.withDatabase(logger: db.makeLogger()) { try await BrandStore($0).upsert([brand]) }
            for brand in stored { print("\(brand.id)\t\(brand.name)\t\(brand.query)") }
        }

        static func check(_ brands: [BrandDefinition]) throws {
            do {
                _ = try Classifier(definitions: brands)
            } catch {
                throw CLIError(description: "brand query error: \(error)")
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load brands from a JSON file ([{\"name\", \"query\", \"aliases\"}]), or the bundled sample brands.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Brands file; omit for the bundled sample brands.") var file: String?

        func run() async throws {
            let brands: [BrandDefinition]
            if let file {
                do {
                    brands = try JSONDecoder().decode([BrandDefinition].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
                } catch {
                    throw CLIError(description: "\(file): not a brands file: \(error.localizedDescription)")
                }
            } else {
                brands = try SampleCorpus.brands()
            }
            try Add.check(brands)
            let stored = try await db.withDatabase(logger: db.makeLogger()) { try await BrandStore($0).upsert(brands) }
            print("\(stored.count) brands loaded")
        }
    }
}
