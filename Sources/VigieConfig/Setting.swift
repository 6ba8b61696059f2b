/// One setting of Vigie: its environment variable, its command-line flag, its default,
/// how it is checked and whether it is a secret.
///
/// Every setting is declared once, in ``Settings``; commands read them through a
/// ``Configuration``, and `vigie config` prints them all.
public struct Setting: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable, e.g. `DATABASE_URL`.
    public let key: String
    /// The long flag without its dashes, e.g. `database-url`; nil when there is none
    /// (secrets never have one, so they never show in the process list).
    public let flag: String?
    /// The value used when neither a flag nor the environment gives one; nil when the
    /// absence itself means something (no server configured, say).
    public let defaultValue: String?
    /// What the default is when it is computed, for help texts (e.g. `~/.local/share/vigie`).
    public let defaultDescription: String?
    /// One sentence for help texts and `vigie config`.
    public let summary: String
    /// A secret is masked wherever it is printed and may be read from a file named by
    /// `KEY_FILE` (for systemd credentials and container secrets).
    public let isSecret: Bool
    /// Checks a value; returns why it is wrong, or nil.
    public let check: Check

    public init(
        _ key: String, flag: String? = nil, default defaultValue: String? = nil, defaultDescription: String? = nil,
        secret: Bool = false, check: Check = .any, _ summary: String
    ) {
        self.key = key
        self.flag = flag
        self.defaultValue = defaultValue
        self.defaultDescription = defaultDescription
        self.summary = summary
        self.isSecret = secret
        self.check = check
    }

    /// The variable that names a file holding the value, for secrets: `KEY_FILE`.
    public var fileKey: String? { isSecret ? key + "_FILE" : nil }

    public var description: String { key }

    /// How a setting's value is checked.
    public enum Check: Sendable, Hashable {
        case any
        /// A TCP port, 1 to 65535.
        case port
        /// One of the words given, ignoring case.
        case oneOf([String])
        /// A `postgres://` or `postgresql://` URL.
        case postgresURL
        /// A whole number.
        case integer

        /// Why `value` is refused, or nil when it is fine.
        public func problem(with value: String) -> String? {
            switch self {
            case .any:
                return nil
            case .port:
                guard let port = Int(value), (1...65535).contains(port) else {
                    return "'\(value)' is not a port number between 1 and 65535"
                }
                return nil
            case .oneOf(let words):
                guard words.contains(value.lowercased()) else {
                    return "'\(value)' is not one of \(words.joined(separator: ", "))"
                }
                return nil
            case .integer:
                return Int(value) == nil ? "'\(value)' is not a whole number" : nil
            case .postgresURL:
                let lower = value.lowercased()
                guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
                    return "must look like postgres://user:password@host:5432/database"
                }
                return nil
            }
        }
    }
}
