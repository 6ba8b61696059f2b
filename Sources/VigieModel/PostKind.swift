/// What a post is: an article, a reader's comment on one, or a pingback/trackback notice.
/// The feed parser tags entries with it and storage keeps it in `posts.kind`.
public enum PostKind: String, Codable, Sendable, CaseIterable, Hashable {
    case post
    case comment
    case pingback
}
