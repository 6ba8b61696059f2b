/// A monitored brand: a display name, the query that finds its mentions, and the other
/// names the API accepts for it.
///
/// The same value serves a brands file (`[{"name", "query"?, "aliases"?}]`), the database
/// (where it gets its `id`) and the classifier (which reports matches by `id`).
public struct Brand: Codable, Sendable, Hashable {
    /// The database id; nil for a brand not stored yet (a brands file, the bundled sample).
    public var id: Int64?
    public var name: String
    /// Boolean query over post text (see the classification docs); by default the quoted name.
    public var query: String
    /// Other names a client may use for the brand in the API (`brand=ALIAS`).
    public var aliases: [String]

    public init(id: Int64? = nil, name: String, query: String? = nil, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.query = query ?? Self.defaultQuery(name)
        self.aliases = aliases
    }

    /// The query of a brand given without one: its name as an exact phrase.
    public static func defaultQuery(_ name: String) -> String { "\"\(name)\"" }

    enum CodingKeys: String, CodingKey { case id, name, query, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        query = try c.decodeIfPresent(String.self, forKey: .query) ?? Self.defaultQuery(name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(query, forKey: .query)
        try c.encode(aliases, forKey: .aliases)
    }
}
