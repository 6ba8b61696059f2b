import VigieModel

/// Why an answer could not be read: one line naming the service and what was wrong with
/// what it sent, for the source's `last_error`.
public struct AdapterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of source whose answer it was (`mastodon`, `feed`, …).
    public var service: String
    public var message: String

    public init(_ service: SourceKind, _ message: String) {
        self.service = service.rawValue
        self.message = message
    }

    public var description: String { "\(service): \(message)" }
}
