/// Where in a post something matched: offsets in Unicode scalars (code points) of the
/// field's text, end exclusive, and the matched text itself.
public struct TextSpan: Codable, Sendable, Hashable {
    /// `text`, `title` or `author`.
    public var field: String
    public var start: Int
    public var end: Int
    public var text: String

    public init(field: String, start: Int, end: Int, text: String) {
        self.field = field
        self.start = start
        self.end = end
        self.text = text
    }
}
