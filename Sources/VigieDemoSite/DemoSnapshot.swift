import Foundation
import VigieSample

/// What the demo site shows at one moment: the posts, comments and statuses whose date has
/// come, newest first, as WordPress, feeds and Mastodon list them.
struct DemoSnapshot: Sendable {
    struct Post: Sendable {
        /// WordPress's post id: 1 for the first post, in publication order.
        var id: Int
        var content: DemoContent.Post
        var date: Date
        var comments: [Comment]
    }

    struct Comment: Sendable {
        /// WordPress's comment id, unique across posts.
        var id: Int
        var postID: Int
        var content: DemoContent.Comment
        var date: Date
    }

    struct Status: Sendable {
        /// Mastodon's id: a string of digits, larger for later statuses.
        var id: String
        var content: DemoContent.Status
        var date: Date
        /// The boosted status, for a boost.
        var boosted: Box?
    }

    /// A status inside a status (a boost), which a struct cannot hold directly.
    final class Box: Sendable {
        let status: Status
        init(_ status: Status) { self.status = status }
    }

    var posts: [Post]
    var statuses: [Status]
    var comments: [Comment] { posts.flatMap(\.comments).sorted { ($0.date, $0.id) > ($1.date, $1.id) } }
    /// The latest date of anything shown, nil when nothing is.
    var lastModified: Date? { (posts.map(\.date) + comments.map(\.date) + statuses.map(\.date)).max() }

    /// The statuses' ids start here, so that they look like Mastodon's (snowflake) ids.
    static let firstStatusID = 113_000_000_000_000_000

    init(_ content: DemoContent, timeline: DemoTimeline, now: Date) {
        var posts: [Post] = []
        for (index, post) in content.posts.enumerated() {
            let date = timeline.date(of: index, count: content.posts.count)
            guard date <= now else { break }
            let comments = post.comments.enumerated().compactMap { n, comment -> Comment? in
                let commentDate = timeline.commentDate(n, post: date)
                guard commentDate <= now else { return nil }
                return Comment(id: (index + 1) * 100 + n + 1, postID: index + 1, content: comment, date: commentDate)
            }
            posts.append(Post(id: index + 1, content: post, date: date, comments: comments))
        }
        var statuses: [Status] = []
        for (index, status) in content.statuses.enumerated() {
            let date = timeline.date(of: index, count: content.statuses.count)
            guard date <= now else { break }
            let boosted = status.boostOf.map { Box(statuses[$0]) }
            statuses.append(
                Status(id: String(Self.firstStatusID + index * 1_000), content: status, date: date, boosted: boosted))
        }
        self.posts = posts.reversed()
        self.statuses = statuses.reversed()
    }
}
