import ArgumentParser
import Foundation
import VigieCommandLine
import VigieStorage

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the local PostgreSQL cluster used when no server is configured.",
        subcommands: [Status.self, Start.self, Stop.self, Reset.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say where the database is and whether it runs.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            if let settings = try CLIError.wrap({ try db.configuredServer() }) {
                print("configured server: \(settings)")
                return
            }
            let cluster = try db.cluster
            switch try CLIError.wrap({ try cluster.status() }) {
            case .absent: print("local cluster: not created (\(cluster.directory.path))")
            case .stopped: print("local cluster: stopped (\(cluster.directory.path))")
            case .running(let port):
                print("local cluster: running on 127.0.0.1:\(port) (\(cluster.directory.path))")
                let settings = try cluster.connectionSettings()
                print("connect: psql \"postgres://\(settings.user)@127.0.0.1:\(port)/\(settings.database)\" (password in \(cluster.directory.path)/cluster.json)")
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the local cluster if needed and start it.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = try CLIError.wrap { try db.cluster.start() }
            print("local cluster running at \(settings)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let cluster = try db.cluster
            let wasRunning = try CLIError.wrap { try cluster.stop() }
            // Say so when nothing ran there: the cluster may be another folder's
            // (VIGIE_DATA_DIR or --data-dir not given as when it was started).
            print(wasRunning ? "local cluster stopped" : "no local cluster running in \(cluster.directory.path)")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster and delete all its data.")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() async throws {
            let cluster = try db.cluster
            if !yes {
                print("delete \(cluster.directory.path) and all its data? [y/N] ", terminator: "")
                guard readLine()?.lowercased().hasPrefix("y") == true else { throw ExitCode(ExitStatus.partial.rawValue) }
            }
            try CLIError.wrap { try cluster.reset() }
            print("local cluster deleted")
        }
    }
}
