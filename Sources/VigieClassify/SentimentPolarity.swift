/// The three sentiment classes.
public enum SentimentPolarity: String, Codable, Sendable, Hashable, CaseIterable {
    case negative
    case neutral
    case positive
}
