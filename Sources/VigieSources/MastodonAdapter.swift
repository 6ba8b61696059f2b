import Foundation
import VigieFeeds
import VigieModel

/// A Mastodon server's public statuses: a hashtag's timeline (`options["hashtag"]`) or an
/// account's (`options["account"]`, looked up first). See
/// https://docs.joinmastodon.org/methods/timelines/#tag and
/// https://docs.joinmastodon.org/methods/accounts/#statuses.
///
/// The cursor is the newest timeline id seen, sent as `since_id`. The first pass pages back
/// once with `max_id`; later passes page back towards the cursor while pages come full.
/// A boost is stored as the status it boosts, once however many times it is boosted.
public struct MastodonAdapter: SourceAdapter {
    static let limit = 40

    public init() {}

    public func plan(_ source: Source) -> [PlannedRequest] {
        guard let base = source.url else { return [] }
        if let tag = source.options["hashtag"].map(Self.trimmed("#")), !tag.isEmpty {
            let path = "/api/v1/timelines/tag/" + ServiceURL.encode(tag)
            return [PlannedRequest(url: ServiceURL.make(base, path, paging(source.state.cursor, maxID: nil)))]
        }
        if let account = source.options["account"].map(Self.trimmed("@")), !account.isEmpty {
            let url = ServiceURL.make(base, "/api/v1/accounts/lookup", [("acct", account)])
            return [PlannedRequest(url: url, purpose: .discovery)]
        }
        return []
    }

    public func read(_ body: FetchedBody, of request: PlannedRequest, source: Source) throws(AdapterError)
        -> AdapterPage
    {
        if request.purpose == .discovery {
            let account = try JSONBody.decode(Account.self, body, .mastodon)
            let path = "/api/v1/accounts/\(ServiceURL.encode(account.id))/statuses"
            let url = ServiceURL.make(source.url ?? body.url, path, paging(source.state.cursor, maxID: nil))
            return AdapterPage(follow: [PlannedRequest(url: url)])
        }
        let statuses = try JSONBody.decode([Status].self, body, .mastodon)
        var seen = Set<String>()
        var records: [ImportRecord] = []
        for status in statuses {
            let original = status.reblog?.value ?? status
            guard seen.insert(original.id).inserted, let record = original.record() else { continue }
            records.append(record)
        }
        let ids = statuses.map(\.id)
        let newest = ids.max(by: Self.isOlder)
        var follow: [PlannedRequest] = []
        if statuses.count >= Self.limit, let oldest = ids.min(by: Self.isOlder) {
            let since = ServiceURL.parameter("since_id", in: request.url)
            let firstPage = ServiceURL.parameter("max_id", in: request.url) == nil
            if since != nil || firstPage {
                let url = ServiceURL.make(Self.withoutQuery(request.url), "", paging(since, maxID: oldest))
                follow.append(PlannedRequest(url: url))
            }
        }
        // Only the newest page moves the cursor, and never back.
        let isNewestPage = ServiceURL.parameter("max_id", in: request.url) == nil
        let cursor = newest.flatMap { newest in
            isNewestPage ? source.state.cursor.map { Self.isOlder($0, newest) ? newest : $0 } ?? newest : nil
        }
        return AdapterPage(records: records, follow: follow, cursor: cursor)
    }

    private func paging(_ since: String?, maxID: String?) -> [(String, String)] {
        var query = [("limit", String(Self.limit))]
        if let since { query.append(("since_id", since)) }
        if let maxID { query.append(("max_id", maxID)) }
        return query
    }

    /// Ids are decimal strings, growing with time; compared as numbers of any length.
    static func isOlder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    static func trimmed(_ prefix: Character) -> (String) -> String {
        { text in
            var text = text.trimmingCharacters(in: .whitespaces)
            while text.first == prefix { text.removeFirst() }
            return text
        }
    }

    static func withoutQuery(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
    }
}

extension MastodonAdapter {
    /// https://docs.joinmastodon.org/entities/Account/ (the fields read).
    struct Account: Decodable, Sendable {
        var id: String
        var acct: String
    }

    /// https://docs.joinmastodon.org/entities/Status/ (the fields read).
    struct Status: Decodable, Sendable {
        var id: String
        var uri: String
        var url: String?
        var createdAt: String
        var account: Account
        var content: String
        var spoilerText: String?
        var language: String?
        var reblog: Boxed<Status>?

        enum CodingKeys: String, CodingKey {
            case id, uri, url, account, content, language, reblog
            case createdAt = "created_at"
            case spoilerText = "spoiler_text"
        }

        func record() -> ImportRecord? {
            let text = HTMLText.plainText(content)
            let warning = spoilerText?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let body = warning.isEmpty ? text : text.isEmpty ? warning : warning + "\n\n" + text
            guard !body.isEmpty else { return nil }
            return ImportRecord(
                url: url ?? uri, author: account.acct, publishedAt: FeedDate.parse(createdAt), lang: language,
                body: body, kind: .post)
        }
    }

    /// A status inside a status: a struct cannot hold itself.
    final class Boxed<Value: Decodable & Sendable>: Decodable, Sendable {
        let value: Value
        init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    }
}
