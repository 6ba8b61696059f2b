/// Why a feed could not be parsed at all.
///
/// `code` is stable and safe to show, log or use as a metric label; `description` is
/// generic. The detail (which may quote the input) is only in `String(reflecting:)`.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The input is larger than ``FeedParser/Options/maxBytes``.
        public static let tooLarge = Code("too_large")
        /// Elements nest deeper than ``FeedParser/Options/maxDepth``.
        public static let tooDeep = Code("too_deep")
        /// Entity expansion exceeded its budget (an expansion bomb).
        public static let entityExpansion = Code("entity_expansion")
        /// Nothing that looks like RSS, Atom or JSON Feed was found.
        public static let notAFeed = Code("not_a_feed")
        /// The input is empty or only whitespace.
        public static let empty = Code("empty")
        /// The input is gzip or zlib data, saved without being decompressed.
        public static let compressed = Code("compressed")

        public var description: String { name }
    }

    public let code: Code
    let detail: String

    init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .tooLarge: "feed: input exceeds the size limit"
        case .tooDeep: "feed: elements nested too deeply"
        case .entityExpansion: "feed: entity expansion limit exceeded"
        case .notAFeed: "feed: not an RSS, Atom or JSON feed"
        case .empty: "feed: empty input"
        case .compressed: "feed: input is compressed (gzip); decompress it first"
        default: "feed: unreadable input"
        }
    }

    public var debugDescription: String { "FeedError(\(code): \(detail))" }
}
