/// One post to classify.
public struct ClassifierInput: Sendable {
    public var id: String?
    public var title: String?
    public var text: String
    public var author: String?
    /// Language the source claims, if any; used when the text is too short to tell.
    public var lang: String?

    public init(id: String? = nil, title: String? = nil, text: String, author: String? = nil, lang: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.author = author
        self.lang = lang
    }
}
