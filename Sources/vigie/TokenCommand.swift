import ArgumentParser
import Foundation
import VigieModel
import VigieCommandLine
import VigieStorage

extension Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens.",
        discussion: """
            Roles: reader (trends), steward (governance, later), admin (everything). A token is shown \
            once: only its SHA-256 digest is stored. Names are unique among live tokens.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "reader, steward or admin.") var role: Role = .reader
        @Option(help: "A unique name to list and revoke the token by.") var name = "cli"
        @Option(help: "Expire after this long: 30d, 12h, 2w, 45m; or at a date, 2027-01-31 or 2027-01-31T12:00:00Z.")
        var expiresIn: Expiry?

        func run() async throws {
            let (role, name) = (self.role, self.name)
            let expiresAt = expiresIn?.date(from: Date())
            let secret = try await db.withDatabase(logger: try db.makeLogger()) {
                try await TokenStore($0).create(name: name, role: role, expiresAt: expiresAt)
            }
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: name, role, creation, expiry, last use.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let tokens = try await db.withDatabase(logger: try db.makeLogger()) { try await TokenStore($0).list() }
            print(Self.render(tokens, now: Date()))
        }

        static func render(_ tokens: [TokenStore.Token], now: Date) -> String {
            func date(_ d: Date?) -> String { d.map(Timestamp.format) ?? "-" }
            var rows = [["name", "role", "created", "expires", "last used", "state"]]
            for t in tokens {
                let state = t.revokedAt != nil ? "revoked" : (t.expiresAt.map { $0 <= now } ?? false) ? "expired" : "live"
                rows.append([t.name, t.role.rawValue, date(t.createdAt), date(t.expiresAt), date(t.lastUsedAt), state])
            }
            let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke the live token with this name.")
        @OptionGroup var db: DatabaseOptions
        @Argument var name: String

        func run() async throws {
            let name = self.name
            let count = try await db.withDatabase(logger: try db.makeLogger()) { try await TokenStore($0).revoke(name: name) }
            guard count > 0 else { throw CLIError(.usage, "no live token is named '\(name)' (vigie token list)") }
            print("token '\(name)' revoked")
        }
    }
}

/// When a token expires: after a duration (`30d`, `12h`, `2w`, `45m`) or at a date.
enum Expiry: ExpressibleByArgument, Equatable {
    case after(TimeInterval)
    case at(Date)

    init?(argument: String) {
        let units: [Character: TimeInterval] = ["m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]
        if let unit = argument.last.flatMap({ units[$0] }), let count = Int(argument.dropLast()), count > 0 {
            self = .after(TimeInterval(count) * unit)
        } else if let date = Timestamp.parse(argument) {
            self = .at(date)
        } else {
            return nil
        }
    }

    func date(from now: Date) -> Date {
        switch self {
        case .after(let interval): return now.addingTimeInterval(interval)
        case .at(let date): return date
        }
    }
}
