import Testing
import Logging
import VigieFetch

/// Fetchers the tests use: short timeouts so the hostile cases end fast.
enum FetchHarness {
    static let userAgent = FetchConfiguration.userAgent(version: "test", contact: "https://vigie.example/contact")

    /// Loopback and private networks allowed: the servers are on 127.0.0.1.
    static func configuration(
        _ adjust: (inout FetchConfiguration) -> Void = { _ in }
    ) -> FetchConfiguration {
        var configuration = FetchConfiguration(userAgent: userAgent)
        configuration.allowPrivateNetworks = true
        configuration.connectTimeout = .seconds(1)
        configuration.readTimeout = .seconds(1)
        configuration.totalTimeout = .seconds(3)
        adjust(&configuration)
        return configuration
    }

    /// Runs `body` with a fetcher, shut down afterwards whatever happens.
    static func withFetcher<T>(
        _ configuration: FetchConfiguration = configuration(),
        _ body: (Fetcher) async throws -> T
    ) async throws -> T {
        let fetcher = Fetcher(configuration: configuration, logger: Logger(label: "vigie.fetch.test"))
        do {
            let result = try await body(fetcher)
            try await fetcher.shutdown()
            return result
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
    }

    /// The error `body` throws as a `FetchError`, and how long it took to throw it.
    static func failure(
        _ body: () async throws -> FetchResponse
    ) async -> (error: FetchError?, elapsed: Duration) {
        let start = ContinuousClock.now
        do {
            let response = try await body()
            Issue.record("expected an error, got status \(response.status)")
            return (nil, ContinuousClock.now - start)
        } catch {
            return (error as? FetchError, ContinuousClock.now - start)
        }
    }

    /// Fetches `url` once with a fresh fetcher and returns how it failed, and how fast.
    static func failure(
        fetching url: String, _ configuration: FetchConfiguration = configuration()
    ) async throws -> (error: FetchError?, elapsed: Duration) {
        try await withFetcher(configuration) { fetcher in
            await failure { try await fetcher.fetch(FetchRequest(url: url)) }
        }
    }
}
