import Foundation
import Hummingbird

/// An RFC 9457 problem document, the body of every error the API returns.
public struct Problem: HTTPResponseError, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String?

    public init(status: HTTPResponse.Status, title: String, detail: String? = nil, type: String = "about:blank") {
        self.type = type
        self.title = title
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
        return Response(
            status: status,
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ detail: String) -> Problem {
        Problem(status: .badRequest, title: "Bad request", detail: detail)
    }
    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, title: "Not found", detail: detail)
    }
    static let unauthorized = Problem(
        status: .unauthorized, title: "Unauthorized", detail: "send a token: 'Authorization: Bearer <token>' (vigie token create)")
    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, title: "Forbidden", detail: detail)
    }
    static let unavailable = Problem(
        status: .serviceUnavailable, title: "Service unavailable", detail: "the database does not answer; retry shortly")
}
