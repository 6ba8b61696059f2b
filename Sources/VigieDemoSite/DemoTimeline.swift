import Foundation

/// When each item of the demo site appears, and the date it carries: a third of the posts
/// (and of the statuses) are there from `start`, dated in the hours before it; the others
/// come one per `releaseEvery` after it, each dated when it comes. A comment comes a little
/// after its post. Pure: the site asks it what is visible at a given time.
struct DemoTimeline: Sendable, Hashable {
    var start: Date
    var releaseEvery: Duration

    /// Items there from the start, out of `count`: a third, at least one.
    static func initial(of count: Int) -> Int { max(1, count / 3) }

    /// The date of item `index` of `count`: for the first third, hours before `start`;
    /// then `start` plus one `releaseEvery` per item after the first third.
    func date(of index: Int, count: Int) -> Date {
        let initial = Self.initial(of: count)
        if index < initial { return start.addingTimeInterval(-Double(initial - index) * 3_600) }
        return start.addingTimeInterval(seconds(releaseEvery) * Double(index - initial + 1))
    }

    /// The date of comment `index` of a post dated `post`: a comment per step after the post,
    /// the step ten minutes or a third of `releaseEvery`, whichever is shorter, so a post's
    /// comments come before the next post.
    func commentDate(_ index: Int, post: Date) -> Date {
        let step = min(600, seconds(releaseEvery) / 3)
        return post.addingTimeInterval(step * Double(index + 1))
    }

    private func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
