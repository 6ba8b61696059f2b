import ArgumentParser
import Foundation
import VigieConfig
import VigieStorage

/// The exit statuses of `vigie`, after sysexits.h; the README lists them.
package enum ExitStatus: Int32, CaseIterable {
    /// Everything was done.
    case success = 0
    /// The command ran to its end, but some of its input was refused (import lines,
    /// unreadable feeds, posts that could not be classified): it says which.
    case partial = 1
    /// A bad flag or argument (swift-argument-parser's own status).
    case usage = 64
    /// A file the command was given is not what it should be (a brands file, a query).
    case badInput = 65
    /// The database cannot be reached, or the local cluster cannot be started.
    case unavailable = 69
    /// A fault in Vigie itself.
    case software = 70
    /// An output file cannot be written.
    case cannotWrite = 73
    /// The database failed in a way that passes (a restart, a serialization failure): try again.
    case temporary = 75
    /// The database's schema does not fit this build (an applied migration was edited, or
    /// the schema is newer than the binary).
    case schema = 76
    /// A setting is refused (see `vigie config`).
    case configuration = 78
}

/// A one-line error for the terminal, with the exit status it ends the command with.
package struct CLIError: Error, CustomStringConvertible {
    package let status: ExitStatus
    package let description: String

    package init(_ status: ExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    /// The CLI face of a storage error.
    package init(_ error: StorageError) {
        let status: ExitStatus
        switch error.code {
        case .badConfiguration: status = .configuration
        case .unreachable, .cluster: status = .unavailable
        case .migrationEdited, .schemaTooNew, .schemaTooOld, .versionMismatch, .versionRetired: status = .schema
        case .connectionLost: status = .temporary
        case .conflict, .invalidInput: status = .badInput
        default: status = .software
        }
        self.init(status, error.description)
    }

    package static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw CLIError(error)
        } catch let error as ConfigurationError {
            throw CLIError(.configuration, error.description)
        }
    }

    @discardableResult
    package static func wrapAsync<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw CLIError(error)
        } catch let error as ConfigurationError {
            throw CLIError(.configuration, error.description)
        } catch let error as CLIError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            throw CLIError(status(of: error), Database.reason(error))
        }
    }

    /// The status of a failure that is not Vigie's own, told by ``DatabaseFailure``.
    package static func status(of error: any Error) -> ExitStatus {
        switch DatabaseFailure.classify(error) {
        case .unavailable: return .unavailable
        case .transient: return .temporary
        case .constraint, .other: return .software
        }
    }
}
