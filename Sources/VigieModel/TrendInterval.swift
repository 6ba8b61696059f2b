/// Bucket width of a trend query.
public enum TrendInterval: String, Codable, Sendable, CaseIterable {
    case hour, day, week, month
}
