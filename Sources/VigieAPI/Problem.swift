import Foundation
import Hummingbird

/// An RFC 9457 problem document, the body of every error the API returns.
///
/// Its `type` is a stable URI, one per ``Kind`` (the README lists them): clients branch
/// on it and on `status`, never on `title` or `detail`, which are written for people.
public struct Problem: HTTPResponseError, Sendable, Equatable {
    /// A kind of error the API reports: its `type` URI, status and title.
    public struct Kind: Sendable, Equatable {
        public let type: String
        public let status: HTTPResponse.Status
        public let title: String

        /// Every problem type Vigie defines starts with this.
        public static let base = "https://vigie.dev/problems/"

        init(_ name: String, _ status: HTTPResponse.Status, _ title: String) {
            self.type = Self.base + name
            self.status = status
            self.title = title
        }

        /// A query parameter is missing, malformed or out of range.
        public static let invalidParameter = Kind("invalid-parameter", .badRequest, "Invalid parameter")
        /// No such brand, or no such route.
        public static let notFound = Kind("not-found", .notFound, "Not found")
        /// No token, or one that is unknown, revoked or expired; sent with `WWW-Authenticate: Bearer`.
        public static let unauthenticated = Kind("unauthenticated", .unauthorized, "Unauthorized")
        /// A valid token whose role is below the route's.
        public static let forbidden = Kind("forbidden", .forbidden, "Forbidden")
        /// The resource exists already (a source's name is taken).
        public static let conflict = Kind("conflict", .conflict, "Conflict")
        /// The database does not answer, is restarting or overloaded; sent with Retry-After.
        public static let unavailable = Kind("unavailable", .serviceUnavailable, "Service unavailable")
        /// A failure the server did not expect (a bug): logged, with no detail sent.
        public static let internalError = Kind("internal-error", .internalServerError, "Internal error")

        public static let all: [Kind] = [invalidParameter, notFound, unauthenticated, forbidden, conflict, unavailable, internalError]
    }

    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String?
    /// Seconds a client should wait before trying again, sent as `Retry-After`.
    public var retryAfter: Int?

    public init(_ kind: Kind, detail: String? = nil, retryAfter: Int? = nil) {
        self.type = kind.type
        self.title = kind.title
        self.status = kind.status
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// An HTTP error that means no more than its status (`type` is `about:blank`, as
    /// RFC 9457 asks): a method the route does not take, a body too large.
    public init(status: HTTPResponse.Status, detail: String? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status
        self.detail = detail
    }

    /// The JSON body: `{"type", "title", "status", "detail"}`.
    public struct Document: Codable, Sendable, Equatable {
        public var type: String
        public var title: String
        public var status: Int
        public var detail: String?
    }

    public var document: Document { Document(type: type, title: title, status: status.code, detail: detail) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(document)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        // RFC 6750: a 401 names the scheme the client should use.
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.invalidParameter, detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail: detail) }
    static let unauthorized = Problem(
        .unauthenticated, detail: "send a valid token: 'Authorization: Bearer <token>' (vigie token create)")
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, detail: detail) }
    static let unavailable = Problem(
        .unavailable, detail: "the database does not answer; retry shortly", retryAfter: 5)
    static let internalError = Problem(.internalError, detail: "the failure was logged")
}
