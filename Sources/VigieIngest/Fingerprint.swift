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
