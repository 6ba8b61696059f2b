import Foundation
import Hummingbird

/// Mastodon's hashtag timeline, `GET /api/v1/timelines/tag/:hashtag`, in its documented shape
/// (https://docs.joinmastodon.org/methods/timelines/#tag and /entities/Status/): statuses newest
/// first; `max_id` (older than), `since_id` (newer than), `min_id` (the ones just newer than),
/// `limit` (default 20, at most 40); a `Link` header with the `next` (older) and `prev`
/// (newer) pages (https://docs.joinmastodon.org/api/guidelines/#pagination). A boost is a
/// status of its own whose `reblog` is the status boosted.
extension DemoSite {
    func mastodonTimeline(_ request: Request, hashtag: String) throws -> Response {
        let snapshot = snapshot()
        let base = Self.base(request)
        let query = request.uri.queryParameters
        var bounds: [String: Int] = [:]
        for name in ["max_id", "since_id", "min_id"] {
            guard let text = query[Substring(name)].map(String.init), !text.isEmpty else { continue }
            guard let id = Int(text), id >= 0 else { return Self.badRequest(["error": "\(name) must be a status id"]) }
            bounds[name] = id
        }
        var limit = 20
        if let text = query["limit"].map(String.init) {
            guard let value = Int(text), value > 0 else { return Self.badRequest(["error": "limit must be a positive integer"]) }
            limit = min(value, 40)
        }
        // Statuses carry the site's one hashtag; any other tag has an empty timeline.
        var statuses = hashtag.lowercased() == content.hashtag.lowercased() ? snapshot.statuses : []
        statuses = statuses.filter { status in
            let id = Int(status.id) ?? 0
            return bounds["max_id"].map { id < $0 } ?? true && bounds["since_id"].map { id > $0 } ?? true
                && bounds["min_id"].map { id > $0 } ?? true
        }
        // min_id: the statuses just after it, the oldest of those newer; else the newest.
        statuses = bounds["min_id"] != nil ? Array(statuses.suffix(limit)) : Array(statuses.prefix(limit))
        var headers: HTTPFields = [:]
        if let newest = statuses.first, let oldest = statuses.last {
            let url = "\(base)/api/v1/timelines/tag/\(hashtag)"
            headers[HTTPFields.Element.Name("Link")!] =
                "<\(url)?limit=\(limit)&max_id=\(oldest.id)>; rel=\"next\", <\(url)?limit=\(limit)&min_id=\(newest.id)>; rel=\"prev\""
        }
        let validators = ConditionalGET(
            "tag", hashtag.lowercased(), statuses.first?.id ?? "none", "\(statuses.count)",
            lastModified: statuses.first?.date)
        return validators.response(request, contentType: "application/json; charset=utf-8", extra: headers) {
            String(decoding: Self.jsonBytes(statuses.map { mastodonJSON($0, base: base) }), as: UTF8.self)
        }
    }

    func mastodonJSON(_ status: DemoSnapshot.Status, base: String) -> [String: Any] {
        let username = status.content.username
        let account: [String: Any] = [
            "id": String(Self.accountID(username)), "username": username, "acct": username,
            "display_name": status.content.displayName, "locked": false, "bot": false, "group": false,
            "discoverable": true, "note": "", "url": "\(base)/@\(username)", "avatar": "\(base)/avatars/original/missing.png",
            "created_at": "2024-01-01T00:00:00.000Z", "followers_count": 0, "following_count": 0, "statuses_count": 0,
            "emojis": [Any](), "fields": [Any](),
        ]
        var json: [String: Any] = [
            "id": status.id, "created_at": Markup.mastodonDate(status.date), "in_reply_to_id": NSNull(),
            "in_reply_to_account_id": NSNull(), "sensitive": false, "spoiler_text": "", "visibility": "public",
            "replies_count": 0, "reblogs_count": 0, "favourites_count": 0, "edited_at": NSNull(), "account": account,
            "media_attachments": [Any](), "mentions": [Any](), "emojis": [Any](), "card": NSNull(), "poll": NSNull(),
        ]
        if let boosted = status.boosted?.status {
            json["uri"] = "\(base)/users/\(username)/statuses/\(status.id)/activity"
            json["url"] = NSNull()
            json["content"] = ""
            json["language"] = NSNull()
            json["tags"] = [Any]()
            json["reblog"] = mastodonJSON(boosted, base: base)
        } else {
            json["uri"] = "\(base)/users/\(username)/statuses/\(status.id)"
            json["url"] = "\(base)/@\(username)/\(status.id)"
            json["content"] = "<p>\(linkedHashtags(status.content.text, base: base))</p>"
            json["language"] = content.blog.language
            json["tags"] = Self.hashtags(status.content.text).map { ["name": $0, "url": "\(base)/tags/\($0)"] }
            json["reblog"] = NSNull()
        }
        return json
    }

    /// The text escaped, each hashtag a link as Mastodon renders it.
    func linkedHashtags(_ text: String, base: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            guard word.hasPrefix("#"), word.count > 1 else { return Markup.escaped(String(word)) }
            let tag = word.dropFirst()
            return "<a href=\"\(base)/tags/\(Markup.escaped(tag.lowercased()))\" class=\"mention hashtag\" rel=\"tag\">#<span>\(Markup.escaped(String(tag)))</span></a>"
        }.joined(separator: " ")
    }

    /// The hashtags of a text, lowercased, without `#`, first occurrences only.
    static func hashtags(_ text: String) -> [String] {
        var tags: [String] = []
        for word in text.split(separator: " ") where word.hasPrefix("#") && word.count > 1 {
            let tag = word.dropFirst().lowercased()
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// A stable id per account name.
    static func accountID(_ username: String) -> Int {
        username.unicodeScalars.reduce(109_000_000) { ($0 &* 31 &+ Int($1.value)) % 1_000_000_000_000 }
    }
}
