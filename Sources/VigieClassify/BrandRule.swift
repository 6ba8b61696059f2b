/// A monitored brand and its query (see `BrandQuery` for the syntax).
public struct BrandRule: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var query: String

    public init(id: Int64, name: String, query: String) {
        self.id = id
        self.name = name
        self.query = query
    }
}
