import Foundation
import Hummingbird
import VigieModel
import VigieStorage

/// The collected sources, for admins:
/// - `GET /v1/sources[?removed=true]`: every source with its health;
/// - `POST /v1/sources`: add one, due at once (`{"name", "kind", "url"?, "options"?,
///   "interval_seconds"? (900, from 60 to 604800), "brand"?}`); 201, 409 on a taken name;
/// - `GET /v1/sources/{id}`, `DELETE /v1/sources/{id}` (posts are kept; a source without
///   posts is deleted), `POST /v1/sources/{id}/pause`, `POST /v1/sources/{id}/resume`.
struct SourcesController {
    let sources: SourceStore
    let brands: BrandStore
    let calls: DatabaseCalls

    /// A source as the API shows it.
    struct Answer: Codable {
        var id: Int64
        var name: String
        var kind: String
        var url: String?
        var options: [String: String]
        var intervalSeconds: Int
        var state: String
        var lastFetchAt: String?
        var lastStatus: Int?
        var consecutiveErrors: Int
        var nextFetchAt: String?
        var lastError: String?
        var removedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, name, kind, url, options, state
            case intervalSeconds = "interval_seconds"
            case lastFetchAt = "last_fetch_at"
            case lastStatus = "last_status"
            case consecutiveErrors = "consecutive_errors"
            case nextFetchAt = "next_fetch_at"
            case lastError = "last_error"
            case removedAt = "removed_at"
        }

        init(_ s: Source) {
            (id, name, kind, url, options, intervalSeconds) = (s.id, s.name, s.kind.rawValue, s.url, s.options, s.intervalSeconds)
            state = s.removedAt != nil ? "removed" : s.paused ? "paused" : "active"
            lastFetchAt = s.state.lastFetchAt.map(Timestamp.format)
            (lastStatus, consecutiveErrors, lastError) = (s.state.lastStatus, s.state.consecutiveErrors, s.state.lastError)
            nextFetchAt = s.state.nextFetchAt.map(Timestamp.format)
            removedAt = s.removedAt.map(Timestamp.format)
        }
    }

    /// `POST /v1/sources`'s body.
    struct NewSource: Decodable {
        var name: String
        var kind: String
        var url: String?
        var options: [String: String]?
        var intervalSeconds: Int?
        var brand: String?

        enum CodingKeys: String, CodingKey {
            case name, kind, url, options, brand
            case intervalSeconds = "interval_seconds"
        }
    }

    func list(_ request: Request, context: some RequestContext) async throws -> Response {
        let removed = request.uri.queryParameters["removed"].map(String.init)
        guard removed == nil || removed == "true" || removed == "false" else {
            throw Problem.badRequest("'removed' must be true or false")
        }
        let includeRemoved = removed == "true"
        let all = try await calls.run(context) { try await sources.list(includeRemoved: includeRemoved) }
        return try JSONResponse.make(["sources": all.map(Answer.init)])
    }

    func show(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let source = try await calls.run(context, { try await sources.source(id: id) }) else { throw Self.unknown(id) }
        return try JSONResponse.make(Answer(source))
    }

    func add(_ request: Request, context: some RequestContext) async throws -> Response {
        let body: NewSource
        do {
            let bytes = try await request.body.collect(upTo: 64 << 10)
            body = try JSONDecoder().decode(NewSource.self, from: Data(bytes.readableBytesView))
        } catch {
            throw Problem.badRequest("the body must be a JSON object with 'name' and 'kind' (\(Self.reason(error)))")
        }
        guard let kind = SourceKind(rawValue: body.kind), kind.isCollected else {
            let kinds = SourceKind.allCases.filter(\.isCollected).map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("'kind' must be one of \(kinds) (got '\(body.kind)')")
        }
        let interval = body.intervalSeconds ?? 900
        guard (60...7 * 86400).contains(interval) else {
            throw Problem.badRequest("'interval_seconds' must be from 60 to 604800 (got \(interval))")
        }
        let given = body.options ?? [:]
        if let missing = kind.missingRequirement(url: body.url, options: given, brand: body.brand) {
            throw Problem.badRequest(missing)
        }
        let (sources, brands, name, url) = (self.sources, self.brands, body.name, body.url)
        let added = try await calls.run(context) {
            var options = given
            if let key = body.brand {
                guard let brand = try await brands.find(key) else { throw Problem.badRequest("no brand named '\(key)'") }
                options["brand"] = brand.name
            }
            do {
                return try await sources.add(name: name, kind: kind, url: url, options: options, intervalSeconds: interval)
            } catch let error as StorageError where error.code == .conflict {
                throw Problem(.conflict, detail: error.description)
            } catch let error as StorageError where error.code == .invalidInput {
                throw Problem.badRequest(error.description)
            }
        }
        return try JSONResponse.make(Answer(added), status: .created)
    }

    func remove(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let removal = try await calls.run(context, { try await sources.remove(id) }) else { throw Self.unknown(id) }
        return try JSONResponse.make(["id": "\(id)", "removal": removal == .deleted ? "deleted" : "retired"])
    }

    /// Pause or resume.
    func change(
        _ context: some RequestContext, _ body: @escaping @Sendable (SourceStore, Int64) async throws -> Source?
    ) async throws -> Response {
        let id = try Self.id(context)
        let sources = self.sources
        guard let source = try await calls.run(context, { try await body(sources, id) }) else { throw Self.unknown(id) }
        return try JSONResponse.make(Answer(source))
    }

    static func id(_ context: some RequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw Problem.badRequest("a source id is a positive integer (got '\(context.parameters.get("id") ?? "")')")
        }
        return id
    }

    static func unknown(_ id: Int64) -> Problem { Problem.notFound("no source with id \(id)") }

    /// A decoding error in one line, without the types' internals.
    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case is DecodingError: return "not valid JSON"
        default: return "over 64 KiB or unreadable"
        }
    }
}
