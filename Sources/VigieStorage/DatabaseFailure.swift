import PostgresNIO
import _ConnectionPoolModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed database call means for its caller, told from PostgreSQL's SQLSTATE
/// codes and from the types and codes of client errors, never from message text.
///
/// The worker retries ``transient`` and ``unavailable`` failures, the importer retries a
/// ``transient`` batch, and the API answers ``unavailable`` with a 503 and Retry-After.
public enum DatabaseFailure: String, Sendable, Equatable, CaseIterable {
    /// The server gave this transaction up so that another could go on: a serialization
    /// failure (40001), a deadlock (40P01), a lock not available (55P03), a cancelled
    /// statement (57014). Trying again at once is expected to work.
    case transient
    /// The server cannot be reached, is starting or shutting down (57P01, 57P02, 57P03),
    /// lost the connection (class 08) or ran out of resources (class 53); or the client
    /// saw the connection close, time out or be refused. Trying again later may work.
    case unavailable
    /// The data broke a constraint (class 23): the same write fails again.
    case constraint
    /// Anything else: a bug, bad input, a schema the build does not expect. Not retried.
    case other

    /// Worth trying again: ``transient`` or ``unavailable``.
    public var isRetryable: Bool { self == .transient || self == .unavailable }

    /// Classifies any error a database call may throw.
    public static func classify(_ error: any Error) -> DatabaseFailure {
        switch error {
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] { return classify(sqlState: state) }
            return classify(code: error.code)
        case let error as StorageError:
            return error.code == .unreachable || error.code == .connectionLost ? .unavailable : .other
        case is DeadlineExceeded:
            return .unavailable
        case let error as ConnectionPoolError:
            return error == .requestCancelled ? .transient : .unavailable
        case is ChannelError, is IOError, is NIOConnectionError:
            return .unavailable
        default:
            return .other
        }
    }

    /// Classifies a PostgreSQL error code (SQLSTATE, Appendix A of the PostgreSQL manual).
    public static func classify(sqlState: String) -> DatabaseFailure {
        switch sqlState {
        case "40001", "40P01", "55P03", "57014": return .transient
        case "57P01", "57P02", "57P03": return .unavailable
        default: break
        }
        switch sqlState.prefix(2) {
        case "08", "53": return .unavailable
        case "23": return .constraint
        default: return .other
        }
    }

    /// Classifies an error PostgresNIO raised on the client side, without a server code.
    public static func classify(code: PSQLError.Code) -> DatabaseFailure {
        switch code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return .unavailable
        case .queryCancelled:
            return .transient
        default:
            return .other
        }
    }
}
