import Foundation

/// What the demo site serves (`Resources/demo-site.json`, see `PROVENANCE.md`): a French
/// consumer blog with its comments, and Mastodon statuses for one hashtag. Undated: the
/// site dates each item when it releases it.
public struct DemoContent: Sendable, Decodable {
    public struct Blog: Sendable, Decodable {
        public var title: String
        public var description: String
        public var language: String
    }

    public struct Post: Sendable, Decodable {
        public var slug: String
        public var title: String
        public var author: String
        /// Plain text, one string per paragraph.
        public var paragraphs: [String]
        public var comments: [Comment]
    }

    public struct Comment: Sendable, Decodable {
        public var author: String
        public var text: String
    }

    public struct Status: Sendable, Decodable {
        public var username: String
        public var displayName: String
        /// Plain text; empty for a boost.
        public var text: String
        /// For a boost, the index of the status boosted (an earlier one).
        public var boostOf: Int?

        enum CodingKeys: String, CodingKey {
            case username, text
            case displayName = "display_name"
            case boostOf = "boost_of"
        }
    }

    public var blog: Blog
    /// The hashtag the statuses carry, without `#`.
    public var hashtag: String
    /// In publication order, oldest first.
    public var posts: [Post]
    /// In publication order, oldest first.
    public var statuses: [Status]

    /// The bundled demo content.
    public static func bundled() throws -> DemoContent {
        let data = try SampleCorpus.resource("demo-site", "json")
        let content: DemoContent
        do {
            content = try JSONDecoder().decode(DemoContent.self, from: data)
        } catch {
            throw SampleCorpusError.malformedDemoSite(reason: String(describing: error))
        }
        for (index, status) in content.statuses.enumerated() where status.boostOf.map({ !(0..<index).contains($0) }) ?? false {
            throw SampleCorpusError.malformedDemoSite(reason: "status \(index) boosts a status that does not come before it")
        }
        return content
    }
}
