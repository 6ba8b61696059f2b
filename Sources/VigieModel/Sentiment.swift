/// The three sentiment classes Vigie reports.
public enum SentimentLabel: String, Codable, Sendable, CaseIterable, Hashable {
    case negative
    case neutral
    case positive
}
