import VigieFeeds
import VigieModel

extension ImportRecord {
    /// The identity under which the post is stored once.
    ///
    /// Posts are the same when their title and text are; comments and pingbacks
    /// also carry their author and parent, so that two readers writing "Merci !"
    /// under the same post, or the same reader under two posts, stay distinct.
    public var fingerprint: String {
        switch kind {
        case .post:
            return ContentFingerprint.of(title: title, body: body)
        case .comment, .pingback:
            let parent = parentURL.flatMap { CanonicalURL.canonicalize($0) } ?? parentURL ?? ""
            let scope = "\(kind.rawValue) \(author ?? "") \(parent) \(title ?? "")"
            return ContentFingerprint.of(title: scope, body: body)
        }
    }
}

extension ImportRecord {
    /// The post's URL in canonical form (see ``VigieFeeds/CanonicalURL``): with its kind
    /// and parent, the identity under which an edited post stays one post. nil without a
    /// web URL.
    ///
    /// A comment's or pingback's permalink is often its post's URL and a fragment
    /// (`#comment-12`, `#pingback-3`): for them the fragment names the entry and is kept.
    public var canonicalURL: String? {
        guard let url, let canonical = CanonicalURL.canonicalize(url) else { return nil }
        guard kind != .post, let hash = url.firstIndex(of: "#"), url.index(after: hash) < url.endIndex else {
            return canonical
        }
        return canonical + url[hash...]
    }
}
