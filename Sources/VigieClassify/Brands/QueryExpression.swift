/// A parsed boolean query: what a brand query or a taxonomy rule means, before compiling.
///
/// Terms are stored folded (lowercase, accents removed), the form they are matched in.
public indirect enum QueryExpression: Sendable, Hashable {
    /// A whole word; `prefix` when written `word*`.
    case term(String, prefix: Bool)
    /// Consecutive words, written `"like this"` (or a term such as `air-france` that folds to several words).
    case phrase([String])
    case and([QueryExpression])
    case or([QueryExpression])
    case not(QueryExpression)
    /// Both sides within `distance` words of each other, in either order.
    case near(QueryExpression, QueryExpression, distance: Int)
    /// The inner expression limited to one field of the post.
    case field(QueryField, QueryExpression)
    /// The post's main language, written `lang:fr`.
    case language(String)
}

/// Fields a query can be limited to with `name:`.
public enum QueryField: String, Sendable, Hashable, CaseIterable {
    case title
    case author
    case text
}

extension QueryExpression: CustomStringConvertible {
    public var description: String {
        switch self {
        case .term(let word, let prefix): return prefix ? word + "*" : word
        case .phrase(let words): return "\"" + words.joined(separator: " ") + "\""
        case .and(let parts): return "(" + parts.map(\.description).joined(separator: " AND ") + ")"
        case .or(let parts): return "(" + parts.map(\.description).joined(separator: " OR ") + ")"
        case .not(let inner): return "NOT " + inner.description
        case .near(let a, let b, let distance): return "(\(a) NEAR/\(distance) \(b))"
        case .field(let field, let inner): return "\(field.rawValue):\(inner)"
        case .language(let code): return "lang:\(code)"
        }
    }
}
