/// What an entry is: a post, a comment on a post, or a pingback/trackback to a post.
public enum EntryKind: String, Sendable, Codable, Hashable, CaseIterable {
    case post
    case comment
    case pingback
}
