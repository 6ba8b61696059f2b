import Hummingbird
import Logging
import VigieModel
import VigieStorage

/// Requires `Authorization: Bearer <token>` with at least `minimum` role.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = VigieRequestContext

    let tokens: TokenStore
    let minimum: Role

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw Problem.unauthorized }
        let secret = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let role: Role?
        do {
            role = try await tokens.role(of: secret)
        } catch {
            context.logger.warning("token check failed", metadata: ["error": "\(Database.reason(error))"])
            throw Problem.unavailable
        }
        guard let role else { throw Problem.unauthorized }
        guard role >= minimum else { throw Problem.forbidden("this route needs the \(minimum.rawValue) role") }
        var context = context
        context.role = role
        return try await next(request, context)
    }
}
