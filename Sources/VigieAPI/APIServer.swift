import Foundation
import Hummingbird
import Logging
import VigieStorage

/// The HTTP JSON API.
///
/// Routes:
/// - `GET /healthz`  liveness, no token, no database
/// - `GET /readyz`   readiness: the database answers; no token
/// - `GET /v1/trends` reputation trend of a brand; reader token
public enum APIServer {
    public static func router(database: Database) -> Router<VigieRequestContext> {
        let router = Router(context: VigieRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("healthz") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        router.get("readyz") { _, context in
            do {
                try await database.ping()
                return try JSONResponse.make(["status": "ready"])
            } catch {
                context.logger.warning("not ready", metadata: ["error": "\(error)"])
                throw Problem.unavailable
            }
        }
        let trends = TrendsController(database: database, brands: BrandStore(database))
        router.group("v1")
            .add(middleware: TokenAuthenticator(tokens: TokenStore(database), minimum: .reader))
            .get("trends") { request, context in try await trends.trend(request, context: context) }
        return router
    }

    /// The application, with the database pool as a service it starts first and stops last.
    public static func application(
        database: Database, host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(database: database),
            configuration: .init(address: .hostname(host, port: port), serverName: "vigie"),
            services: [database.client],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// Turns anything that is not already an HTTP error into a problem document,
/// and a missing route into a 404 problem rather than an empty body.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = VigieRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Problem {
            throw error
        } catch let error as HTTPError {
            throw Problem(status: error.status, title: error.status.reasonPhrase, detail: error.body)
        } catch let error as any HTTPResponseError {
            throw Problem(status: error.status, title: error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw Problem(status: .internalServerError, title: "Internal error")
        }
    }
}
