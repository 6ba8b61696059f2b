import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import VigieModel
import VigieStorage

/// The HTTP JSON API.
///
/// Routes:
/// - `GET /healthz`    liveness, no token, no database
/// - `GET /readyz`     readiness: the database answers through the pool (cached 1 s); no token
/// - `GET /v1/trends`  reputation trend of a brand; reader token
/// - `GET /v1/tokens`  the API tokens, without their secrets; admin token
/// - `GET|POST /v1/sources`, `GET|DELETE /v1/sources/{id}`, `POST /v1/sources/{id}/pause|resume`
///   the collected sources (``SourcesController``); admin token
public enum APIServer {
    /// The router, whose requests `responder(database:requestTimeout:)` bounds in time.
    ///
    /// `databaseTimeout` bounds each request's database work: past it, the answer is a 503.
    /// `/readyz` asks the pool, waits at most `readinessTimeout` and reuses its answer for
    /// `readinessMaximumAge`.
    public static func router(
        database: Database, databaseTimeout: Duration = .seconds(10), readinessTimeout: Duration = .seconds(2),
        readinessMaximumAge: Duration = .seconds(1)
    ) -> Router<VigieRequestContext> {
        let calls = DatabaseCalls(timeout: databaseTimeout)
        let readiness = ReadinessProbe(database: database, timeout: readinessTimeout, maximumAge: readinessMaximumAge)
        let router = Router(context: VigieRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("healthz") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        router.get("readyz") { _, _ in
            guard await readiness.isReady() else { throw Problem.unavailable }
            return try JSONResponse.make(["status": "ready"])
        }
        let tokens = TokenStore(database)
        let trends = TrendsController(database: database, brands: BrandStore(database), calls: calls)
        let v1 = router.group("v1").add(middleware: TokenAuthenticator(tokens: tokens, calls: calls))
        v1.group("trends").add(middleware: RequireRole(.reader))
            .get { request, context in try await trends.trend(request, context: context) }
        v1.group("tokens").add(middleware: RequireRole(.admin))
            .get { _, context in
                let list = try await calls.run(context) { try await tokens.list() }
                return try JSONResponse.make(TokenList(list))
            }
        let sources = SourcesController(sources: SourceStore(database), brands: BrandStore(database), calls: calls)
        let admin = v1.group("sources").add(middleware: RequireRole(.admin))
        admin.get { request, context in try await sources.list(request, context: context) }
        admin.post { request, context in try await sources.add(request, context: context) }
        admin.get(":id") { request, context in try await sources.show(request, context: context) }
        admin.delete(":id") { request, context in try await sources.remove(request, context: context) }
        admin.post(":id/pause") { _, context in try await sources.change(context) { try await $0.pause($1) } }
        admin.post(":id/resume") { _, context in try await sources.change(context) { try await $0.resume($1) } }
        return router
    }

    /// The router's responder, answering a request not done within `requestTimeout` with a 503 problem.
    public static func responder(
        database: Database, requestTimeout: Duration = ServerLimits().requestTimeout,
        databaseTimeout: Duration = .seconds(10)
    ) -> some HTTPResponder<VigieRequestContext> {
        DeadlineResponder(
            base: router(database: database, databaseTimeout: databaseTimeout).buildResponder(), timeout: requestTimeout)
    }

    /// The application, with the database pool as a service it starts first and stops last,
    /// and the connection bounds of `limits`.
    public static func application(
        database: Database, host: String, port: Int, limits: ServerLimits = ServerLimits(), logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: responder(database: database, requestTimeout: limits.requestTimeout),
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(limits.idleTimeout / .nanoseconds(1))))),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "vigie",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections, logger: logger)),
            services: [database.client],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// Turns anything that is not already a problem into one: an HTTP error keeps its status
/// (a missing route is a `not-found` problem), anything else is logged and becomes an
/// `internal-error` problem rather than an empty body.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = VigieRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Problem {
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            throw Problem.notFound(error.body ?? "no route \(request.method) \(request.uri.path)")
        } catch let error as HTTPError {
            throw Problem(status: error.status, detail: error.body)
        } catch let error as any HTTPResponseError {
            throw Problem(status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem.internalError
        }
    }
}

/// `GET /v1/tokens`: name, role and dates of each token; never a secret or a digest.
struct TokenList: Encodable {
    struct Entry: Encodable {
        var name: String
        var role: Role
        var createdAt: String
        var expiresAt: String?
        var lastUsedAt: String?
        var revokedAt: String?
        enum CodingKeys: String, CodingKey {
            case name, role
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case lastUsedAt = "last_used_at"
            case revokedAt = "revoked_at"
        }
    }
    var tokens: [Entry]

    init(_ tokens: [TokenStore.Token]) {
        self.tokens = tokens.map {
            Entry(
                name: $0.name, role: $0.role, createdAt: Timestamp.format($0.createdAt),
                expiresAt: $0.expiresAt.map(Timestamp.format), lastUsedAt: $0.lastUsedAt.map(Timestamp.format),
                revokedAt: $0.revokedAt.map(Timestamp.format))
        }
    }
}
