import AsyncHTTPClient
import Logging
import NIOCore

/// The collectors' HTTP client: one per worker, shared by all its fetches.
///
/// Every hop (the first request, each redirect, robots.txt) is checked by the guard after
/// DNS resolution, then the client connects to the approved address itself (pinning).
/// AsyncHTTPClient's own redirect following is off: redirects are followed here, at most
/// `maximumRedirects`, loops refused, each hop judged anew.
public final class Fetcher: Sendable {
    let configuration: FetchConfiguration
    let client: HTTPClient
    let limiter: HostLimiter
    let robots: RobotsCache
    let logger: Logger

    public init(configuration: FetchConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.limiter = HostLimiter(limit: configuration.perHostConcurrency)
        self.robots = RobotsCache(lifetime: configuration.robotsTxtLifetime)
        var client = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .nanoseconds(configuration.connectTimeout.nanoseconds),
                read: .nanoseconds(configuration.readTimeout.nanoseconds)
            ),
            decompression: .enabled(limit: .ratio(configuration.maximumDecompressionRatio))
        )
        // Collectors fetch feeds and APIs; HTTP/2 brings nothing there and is one more parser.
        client.httpVersion = .http1Only
        self.client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: client,
            backgroundActivityLogger: logger
        )
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Fetches `request`, following redirects, within `totalTimeout`.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let start = ContinuousClock.now
        var response = try await withTotalTimeout {
            try await self.follow(request, checkRobots: self.configuration.robotsTxt && request.isPage)
        }
        response.elapsed = ContinuousClock.now - start
        return response
    }

    /// Races `body` against `totalTimeout`; the loser is cancelled.
    func withTotalTimeout<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let total = configuration.totalTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: total)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw FetchError.timeout(.total)
            }
            return value
        }
    }

    /// The redirect loop.
    func follow(_ original: FetchRequest, checkRobots: Bool) async throws -> FetchResponse {
        var request = original
        var target = try FetchTarget(request.url)
        var visited: Set<String> = [target.url]
        var hops = 0
        var everyHopPermanent = true
        while true {
            let addresses = try await approvedAddresses(for: target)
            if checkRobots {
                let robotsURL = target.origin + "/robots.txt"
                let rules = await robots.rules(for: target.origin, agent: robotsAgent) {
                    try await self.follow(FetchRequest(url: robotsURL), checkRobots: false)
                }
                guard rules.allows(target.pathAndQuery) else {
                    throw FetchError.disallowedByRobots(url: target.url)
                }
            }
            var response = try await exchange(request, target: target, addresses: addresses)
            guard Self.redirectStatuses.contains(response.status), let location = response.location else {
                response.response.permanentURL = hops > 0 && everyHopPermanent ? target.url : nil
                return response.response
            }
            hops += 1
            guard hops <= configuration.maximumRedirects else {
                throw FetchError.tooManyRedirects(limit: configuration.maximumRedirects)
            }
            let next = try target.resolve(location)
            guard visited.insert(next).inserted else { throw FetchError.redirectLoop(url: next) }
            logger.debug("fetch.redirect", metadata: ["fetch.url": "\(target.url)", "fetch.location": "\(next)"])
            everyHopPermanent = everyHopPermanent && (response.status == 301 || response.status == 308)
            // 303 always, and 301/302 after a POST as browsers do, continue with a GET.
            if response.status == 303 || (request.method == "POST" && response.status <= 302) {
                request.method = "GET"
                request.body = nil
            }
            let nextTarget = try FetchTarget(next)
            if nextTarget.origin != target.origin {
                // Credentials a source sends its own service never follow it elsewhere.
                request.headers.removeAll { Self.credentialHeaders.contains($0.0.lowercased()) }
            }
            request.url = next
            target = nextTarget
        }
    }

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]
    static let credentialHeaders: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    /// `Vigie` from `Vigie/1.0 (+https://…)`: the token robots.txt groups name.
    var robotsAgent: String {
        String(configuration.userAgent.prefix { $0 != "/" && $0 != " " })
    }

    /// One hop, holding a slot of the host: the approved addresses in resolver order (RFC
    /// 6724), the next tried only when one cannot be connected to (an IPv6 address on a
    /// machine without an IPv6 route, a dead one in a round robin).
    func exchange(_ request: FetchRequest, target: FetchTarget, addresses: [SocketAddress]) async throws -> Hop {
        try await limiter.withSlot(for: target.host) {
            for address in addresses.dropLast() {
                do {
                    return try await self.exchange(request, target: target, address: address)
                } catch let failure as ConnectFailure {
                    self.logger.debug(
                        "fetch.connect.next",
                        metadata: ["fetch.url": "\(target.url)", "fetch.address": "\(address)", "error": "\(failure.error)"]
                    )
                }
            }
            do {
                return try await self.exchange(request, target: target, address: addresses[addresses.count - 1])
            } catch let failure as ConnectFailure {
                throw failure.error
            }
        }
    }

    /// Resolves `target.host` and returns the addresses to connect to, after the guard has
    /// judged EVERY address the name has: one refused address refuses the host.
    func approvedAddresses(for target: FetchTarget) async throws -> [SocketAddress] {
        let allowAll = configuration.allowPrivateNetworks
        if !allowAll, !(configuration.allowLoopback && target.host == "localhost"),
            let reason = AddressGuard.refusal(forHostName: target.host)
        {
            throw FetchError.refusedAddress(host: target.host, address: target.host, reason: reason)
        }
        let addresses = try await HostResolver.resolve(target.host, port: target.port)
        if !allowAll {
            for address in addresses {
                if configuration.allowLoopback && AddressGuard.isLoopback(address) { continue }
                if let reason = AddressGuard.refusal(for: address) {
                    throw FetchError.refusedAddress(
                        host: target.host, address: address.ipAddress ?? "?", reason: reason
                    )
                }
            }
        }
        return addresses
    }
}
