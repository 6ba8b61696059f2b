/// A query that cannot be parsed: where (1-based character position) and why.
public struct BrandQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The brand (or taxonomy rule) whose query failed; nil when a query is parsed alone.
    public var brand: String?
    /// 1-based position, in characters, of the offending part of the query.
    public var position: Int
    public var reason: String

    public init(brand: String? = nil, position: Int, reason: String) {
        self.brand = brand
        self.position = position
        self.reason = reason
    }

    public var description: String {
        let prefix = brand.map { "brand \"\($0)\": " } ?? ""
        return "\(prefix)query error at character \(position): \(reason)"
    }
}
