/// Why a fetch ended without a response. Each description is one line, fit for a source's
/// `last_error`.
public enum FetchError: Error, CustomStringConvertible, Equatable {
    case invalidURL(String)
    case unsupportedScheme(String)
    case refusedAddress(host: String, address: String, reason: String)
    case dnsFailure(host: String, reason: String)
    case tooManyRedirects(limit: Int)
    case redirectLoop(url: String)
    case bodyTooLarge(limit: Int)
    case decompressionBomb(ratio: Int)
    case timeout(TimeoutPhase)
    case connection(String)
    case disallowedByRobots(url: String)

    public enum TimeoutPhase: String, Sendable, Equatable {
        case connect, read, total
    }

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL: \(url)"
        case .unsupportedScheme(let scheme): "unsupported scheme '\(scheme)': only http and https are fetched"
        case .refusedAddress(let host, let address, let reason):
            host == address
                ? "refused address \(address): \(reason)"
                : "refused address \(address) for \(host): \(reason)"
        case .dnsFailure(let host, let reason): "cannot resolve \(host): \(reason)"
        case .tooManyRedirects(let limit): "more than \(limit) redirects"
        case .redirectLoop(let url): "redirect loop back to \(url)"
        case .bodyTooLarge(let limit): "body larger than \(limit) bytes"
        case .decompressionBomb(let ratio): "compressed body expands more than \(ratio) times"
        case .timeout(let phase):
            switch phase {
            case .connect: "connect timeout"
            case .read: "read timeout: the server stopped sending"
            case .total: "total timeout: the fetch took too long"
            }
        case .connection(let reason): "connection failed: \(reason)"
        case .disallowedByRobots(let url): "disallowed by robots.txt: \(url)"
        }
    }
}
