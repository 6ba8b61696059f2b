/// What a stored post is: an article, a reader's comment on one, or a pingback/trackback notice.
public enum PostKind: String, Codable, Sendable, CaseIterable, Hashable {
    case post
    case comment
    case pingback
}
