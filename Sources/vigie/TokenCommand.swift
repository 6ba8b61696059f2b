import ArgumentParser
import VigieModel
import VigieCommandLine
import VigieStorage

extension Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create and revoke API tokens.",
        discussion: "Roles: reader (trends), steward (governance, later), admin (everything). A token is shown once.",
        subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "reader, steward or admin.") var role: Role = .reader
        @Option(help: "A name to find the token by.") var name = "cli"

        func run() async throws {
            let (role, name) = (self.role, self.name)
            let secret = try await db.withDatabase(logger: try db.makeLogger()) {
                try await TokenStore($0).create(name: name, role: role)
            }
            print(secret)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token with this name.")
        @OptionGroup var db: DatabaseOptions
        @Argument var name: String

        func run() async throws {
            let name = self.name
            let count = try await db.withDatabase(logger: try db.makeLogger()) { try await TokenStore($0).revoke(name: name) }
            print("\(count) tokens revoked")
        }
    }
}
