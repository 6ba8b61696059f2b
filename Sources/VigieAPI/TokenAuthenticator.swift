import Hummingbird
import Logging
import VigieModel
import VigieStorage

/// Requires `Authorization: Bearer <token>` with a known, unrevoked, unexpired token, and records
/// its role in the context for ``RequireRole``.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = VigieRequestContext

    let tokens: TokenStore
    let calls: DatabaseCalls

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw Problem.unauthorized }
        let secret = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let tokens = self.tokens
        guard let role = try await calls.run(context, { try await tokens.role(of: secret) }) else {
            throw Problem.unauthorized
        }
        var context = context
        context.role = role
        return try await next(request, context)
    }
}

/// Refuses, with a 403, a caller whose role is below `minimum`. Runs after ``TokenAuthenticator``.
struct RequireRole: RouterMiddleware {
    typealias Context = VigieRequestContext

    let minimum: Role

    init(_ minimum: Role) { self.minimum = minimum }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let role = context.role else { throw Problem.unauthorized }
        guard role >= minimum else { throw Problem.forbidden("this route needs the \(minimum.rawValue) role") }
        return try await next(request, context)
    }
}
