/// A monitored brand: a display name and the query that finds its mentions.
public struct BrandDefinition: Codable, Sendable, Hashable {
    public var name: String
    /// Boolean query over post text (see the classification docs); by default the quoted name.
    public var query: String
    public var aliases: [String]

    public init(name: String, query: String? = nil, aliases: [String] = []) {
        self.name = name
        self.query = query ?? "\"\(name)\""
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey { case name, query, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        query = try c.decodeIfPresent(String.self, forKey: .query) ?? "\"\(name)\""
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }
}
