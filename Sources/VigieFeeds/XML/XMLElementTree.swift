/// An XML document as a tree of elements and their attributes, for the small formats read
/// beside feeds (OPML): the feed parser's encoding detection, tokenizer and limits, without
/// a mapping of its own. Text content is not kept.
public struct XMLElementTree: Sendable, Hashable {
    /// The element's local name, as written.
    public var name: String
    /// Attributes without a namespace, by local name as written; references decoded. The
    /// first of two so named wins.
    public var attributes: [String: String]
    public var children: [XMLElementTree]

    public init(name: String, attributes: [String: String] = [:], children: [XMLElementTree] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The root element of `bytes`; throws what the feed parser throws for input that
    /// yields nothing (too large, too deep, an entity bomb, no element).
    public static func parse(_ bytes: [UInt8], options: FeedParser.Options = .default) throws(FeedError)
        -> XMLElementTree
    {
        guard bytes.count <= options.maxBytes else {
            throw FeedError(.tooLarge, "\(bytes.count) bytes, limit \(options.maxBytes)")
        }
        let decoded = InputDecoder.decode(bytes, contentType: nil)
        let document = try XMLDocument.parse(decoded.bytes, options: options, diagnostics: decoded.diagnostics)
        guard let root = document.root else { throw FeedError(.empty, "no XML element") }
        let tree = element(root, in: document)
        if document.expansionExceeded {
            throw FeedError(.entityExpansion, "entity references expand beyond the budget")
        }
        return tree
    }

    /// Depth is bounded by `Options.maxDepth`, which the parse has enforced.
    private static func element(_ node: Int, in document: XMLDocument) -> XMLElementTree {
        let n = document.nodes[node]
        var attributes: [String: String] = [:]
        for index in n.attributeStart..<n.attributeEnd where document.attributes[index].ns == .none {
            let a = document.attributes[index]
            let name = String(decoding: document.bytes[a.localStart..<a.localEnd], as: UTF8.self)
            if attributes[name] == nil {
                attributes[name] = document.withAttributeValue(at: index) { String(decoding: $0, as: UTF8.self) }
            }
        }
        return XMLElementTree(
            name: document.localName(node), attributes: attributes,
            children: document.children(node).map { element($0, in: document) })
    }
}
