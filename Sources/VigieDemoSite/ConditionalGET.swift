import Foundation
import Hummingbird

/// Answers with 304 Not Modified when the client already has the representation, by the
/// rules of RFC 9110 §13.1: `If-None-Match` when sent (the weak comparison, `*` included),
/// else `If-Modified-Since` against the last modification, to the second.
struct ConditionalGET: Sendable {
    var eTag: String
    var lastModified: Date?

    /// The validators of a representation: its entity tag made of `parts` (the route and
    /// what it shows), and the date of its latest item.
    init(_ parts: String..., lastModified: Date?) {
        eTag = "\"\(parts.joined(separator: "-"))\""
        self.lastModified = lastModified
    }

    /// Whether `request` may be answered 304.
    func notModified(_ request: Request) -> Bool {
        let tags = request.headers[values: .ifNoneMatch].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if !tags.isEmpty {
            return tags.contains { $0 == "*" || Self.opaque($0) == Self.opaque(eTag) }
        }
        guard let since = request.headers[.ifModifiedSince].flatMap(Markup.parseHTTPDate), let lastModified else {
            return false
        }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// The response: 304 without a body when the client has it, else `body` with its type;
    /// both with the validators, and `extra` headers.
    func response(_ request: Request, contentType: String, extra: HTTPFields = [:], body: () throws -> String) rethrows
        -> Response
    {
        var headers = extra
        headers[.eTag] = eTag
        if let lastModified { headers[.lastModified] = Markup.httpDate(lastModified) }
        headers[.cacheControl] = "no-cache"
        if notModified(request) { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: try body())))
    }

    /// An entity tag without its weakness mark, for the weak comparison.
    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
    }
}
