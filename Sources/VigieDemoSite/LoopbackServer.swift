import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a router on a free port of 127.0.0.1 for the length of a body: `vigie demo` serves
/// the demo site this way, and the collectors' tests their recorded responses.
public enum LoopbackServer {
    /// Starts `router` on `host` (port 0: any free port), runs `body` with the bound port,
    /// then stops the server. Throws when the server cannot start.
    public static func withRunning<T: Sendable>(
        _ router: Router<BasicRequestContext>, host: String = "127.0.0.1", logger: Logger,
        _ body: @escaping @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: 0), serverName: "vigie-loopback"),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { continuation.yield(port) }
                continuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await services.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                // The server ended before it listened: its error, else a clear one.
                try await group.waitForAll()
                throw DemoSiteError("the server could not listen on \(host)")
            }
            // A graceful shutdown, not a cancellation: connections close, nothing is logged.
            let result: T
            do {
                result = try await body(port)
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }
}
