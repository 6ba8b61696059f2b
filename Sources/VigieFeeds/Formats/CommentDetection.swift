/// Recognises comments and pingbacks in Blogger and WordPress feeds, and the post each
/// one answers.
enum CommentDetection {
    /// Titles WordPress gives its comment feeds, in the languages Vigie watches.
    private static let commentFeedPrefixes = [
        "comments on:", "comments for", "commentaires sur", "commentaires pour", "comentarios en",
        "comentarios sobre", "kommentare zu", "kommentare für", "commenti su",
    ]

    /// Only a title starting with c or k (or a character outside ASCII, such as the Kelvin
    /// sign, whose lower case is k) is lower-cased to be compared.
    static func isCommentFeedTitle(_ title: String?) -> Bool {
        guard let first = title?.utf8.first,
            first >= 0x80 || first | 0x20 == UInt8(ascii: "c") || first | 0x20 == UInt8(ascii: "k"),
            let title = title?.lowercased()
        else { return false }
        return commentFeedPrefixes.contains { title.hasPrefix($0) }
    }

    /// Sets `kind` and, for comments, `inReplyTo`. `replyTarget` is an explicit reply
    /// reference (Atom threading); otherwise the entry's link is read: WordPress links a
    /// comment as `post#comment-12`, Blogger as `post?showComment=…#c…`.
    static func classify(_ entry: inout FeedEntry, commentFeed: Bool, replyTarget: String?) {
        // A post, nearly every entry, is told from its fields read in place.
        guard replyTarget != nil || commentFeed || linkSaysComment(entry) else {
            entry.kind = .post
            entry.inReplyTo = nil
            return
        }
        entry.kind = isPingback(title: entry.title, text: entry.content ?? entry.summary) ? .pingback : .comment
        entry.inReplyTo = replyTarget ?? postURL(fromCommentLink: entry.link?.string ?? "")
    }

    /// Whether the entry's id or link marks it as a comment.
    private static func linkSaysComment(_ entry: borrowing FeedEntry) -> Bool {
        // Every mark holds `#` or `=`: an id or a link with neither, nearly every post's, has none.
        if entry.id?.containsByte(UInt8(ascii: "#")) == true, entry.id?.containsBytes("#comment-") == true {
            return true
        }
        guard entry.link?.containsByte(UInt8(ascii: "#")) == true || entry.link?.containsByte(UInt8(ascii: "=")) == true
        else { return false }
        return entry.link?.containsBytes("#comment-") == true || entry.link?.containsBytes("showComment=") == true
            || entry.link?.containsBytes("#comments-") == true
    }

    /// WordPress shows a pingback as an excerpt framed by `[…]`, titled with the linking
    /// site; trackbacks and French "rétroliens" say so in the title.
    ///
    /// Strings are only made for a title that starts with one of those words' first letters
    /// and a text that starts with `[`: no other can start with them, in any case.
    static func isPingback(title: FeedText?, text: FeedText?) -> Bool {
        if let title, let first = title.withUTF8({ $0.first }).map({ $0 | 0x20 }),
            first == UInt8(ascii: "p") || first == UInt8(ascii: "t") || first == UInt8(ascii: "r")
        {
            let lowered = title.string.lowercased()
            if lowered.hasPrefix("pingback") || lowered.hasPrefix("trackback") || lowered.hasPrefix("rétrolien") {
                return true
            }
        }
        guard let trimmed = text?.trimmingASCIIWhitespace(), trimmed.withUTF8({ $0.first }) == UInt8(ascii: "[")
        else { return false }
        let text = trimmed.string
        let framed = ["[…]", "[...]", "[&#8230;]"]
        return framed.contains { text.hasPrefix($0) } && framed.contains { text.hasSuffix($0) }
    }

    static func postURL(fromCommentLink link: String) -> String? {
        guard !link.isEmpty else { return nil }
        var base = link
        if let hash = base.firstIndex(of: "#") { base = String(base[..<hash]) }
        if let offset = base.byteOffset(of: "?showComment=") ?? base.byteOffset(of: "&showComment=") {
            base = String(decoding: base.utf8.prefix(offset), as: UTF8.self)
        }
        return base.isEmpty ? nil : base
    }
}
