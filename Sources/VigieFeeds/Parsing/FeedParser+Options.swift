extension FeedParser {
    /// Limits applied to every parse.
    public struct Options: Sendable, Hashable {
        /// Largest input accepted, in bytes. Default 32 MiB; never more than 1 GiB.
        public var maxBytes: Int
        /// Deepest element nesting accepted. Default 256.
        public var maxDepth: Int
        /// Most bytes that internal DTD entities may expand to in one document. Default 64 KiB.
        public var maxEntityExpansion: Int

        public init(maxBytes: Int = 32 << 20, maxDepth: Int = 256, maxEntityExpansion: Int = 64 << 10) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxEntityExpansion = maxEntityExpansion
        }

        public static let `default` = Options()
    }
}
