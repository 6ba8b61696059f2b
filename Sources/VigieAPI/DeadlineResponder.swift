import Hummingbird
import VigieStorage

/// Answers a request that takes longer than `timeout` with a 503 `unavailable` problem,
/// whatever it waits for, and cancels its work.
///
/// A responder around the router rather than a middleware: a middleware's `next` may not
/// escape, and the work past its deadline is left behind, not awaited (see `withDeadline`).
struct DeadlineResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == VigieRequestContext {
    typealias Context = VigieRequestContext

    let base: Base
    let timeout: Duration

    @Sendable func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await withDeadline(timeout) { try await base.respond(to: request, context: context) }
        } catch is DeadlineExceeded {
            context.logger.warning("request deadline exceeded", metadata: ["http.path": "\(request.uri.path)"])
            return try Problem(
                .unavailable, detail: "the request took longer than \(timeout.components.seconds) s; retry shortly",
                retryAfter: 5
            ).response(from: request, context: context)
        }
    }
}
