import Foundation

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
struct JSONFeedMapper {
    let feedURL: String?
    var diagnostics: Diagnostics

    /// Nil when the JSON is not a JSON Feed.
    mutating func map(_ bytes: [UInt8]) -> (FeedMetadata, [FeedEntry])? {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return nil
        }
        guard let root = object as? [String: Any] else { return nil }
        let version = root["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || root["items"] is [Any] else { return nil }
        if !version.contains("jsonfeed.org") { diagnostics.bozo("jsonfeed: missing version") }
        var feed = FeedMetadata()
        feed.title = string(root["title"]).map(HTMLText.collapsingWhitespace)
        feed.link = string(root["home_page_url"]).map { URLResolver.resolve($0, base: feedURL) }
        feed.subtitle = string(root["description"]).map(HTMLText.plainText)
        feed.author = author(root)
        feed.language = string(root["language"])
        var entries: [FeedEntry] = []
        let items = root["items"] as? [Any] ?? []
        if root["items"] != nil, !(root["items"] is [Any]) { diagnostics.bozo("jsonfeed: items is not a list") }
        let base = feed.link ?? feedURL
        for (index, element) in items.enumerated() {
            guard let item = element as? [String: Any] else {
                diagnostics.bozo("jsonfeed: item \(index + 1) is not an object")
                continue
            }
            var entry = FeedEntry()
            if let id = item["id"] {
                entry.id = (string(id) ?? (id as? NSNumber).map { $0.stringValue }).map { FeedText($0) }
            }
            entry.title = string(item["title"]).map { FeedText(HTMLText.plainText($0)) }
            entry.link = (string(item["url"]) ?? string(item["external_url"])).map {
                URLResolver.resolve($0, base: base)
            }.map { FeedText($0) }
            entry.summary = string(item["summary"]).map { FeedText(HTMLText.plainText($0)) }
            if let html = string(item["content_html"]) {
                let safe = HTMLSanitizer.sanitize(html, base: base).trimmingASCIIWhitespace()
                entry.contentHTML = safe.isEmpty ? nil : FeedText(safe)
                entry.content = FeedText(HTMLText.plainText(html))
            } else if let text = string(item["content_text"]) {
                entry.content = FeedText(text.trimmingASCIIWhitespace())
            }
            entry.published = date(item["date_published"], field: "date_published")
            entry.updated = date(item["date_modified"], field: "date_modified")
            entry.author = (author(item) ?? feed.author).map { FeedText($0) }
            entry.language = string(item["language"]) ?? feed.language
            entry.categories = (item["tags"] as? [Any] ?? []).compactMap(string).map { FeedText($0) }
            entry.removeDuplicateCategories()
            CommentDetection.classify(&entry, commentFeed: false, replyTarget: nil)
            entries.append(entry)
        }
        return (feed, entries)
    }

    private func author(_ object: [String: Any]) -> String? {
        if let authors = object["authors"] as? [Any] {
            for case let author as [String: Any] in authors {
                if let name = string(author["name"]) { return name }
            }
        }
        if let author = object["author"] as? [String: Any] { return string(author["name"]) }
        return nil
    }

    private func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func date(_ value: Any?, field: String) -> Date? {
        guard let text = string(value) else { return nil }
        if let date = FeedDate.parse(text) { return date }
        diagnostics.note("date: unreadable \(field) \"\(text.prefix(60))\"")
        return nil
    }
}
