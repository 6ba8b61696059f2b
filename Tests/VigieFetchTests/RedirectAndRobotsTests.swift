import Synchronization
import Testing

@testable import VigieFetch

@Suite("Redirects, robots.txt and the per-host limit")
struct RedirectAndRobotsTests {
    /// `/r/N` redirects to `/r/N+1` with the status the path names, `/loop/a` and `/loop/b`
    /// point at each other, `/final` answers.
    static func redirector() async throws -> LoopbackServer {
        try await LoopbackServer { request, channel in
            let parts = request.path.split(separator: "/").map(String.init)
            switch parts.first {
            case "perm": channel.respond("301 Moved Permanently", headers: [("Location", "/perm2")])
            case "perm2": channel.respond("308 Permanent Redirect", headers: [("Location", "/final")])
            case "temp": channel.respond("302 Found", headers: [("Location", "/perm")])
            case "r":
                let n = Int(parts[1]) ?? 0
                channel.respond("307 Temporary Redirect", headers: [("Location", "/r/\(n + 1)")])
            case "loop":
                channel.respond("301 Moved Permanently", headers: [("Location", parts[1] == "a" ? "/loop/b" : "/loop/a")])
            default: channel.respond("200 OK", text: "arrived at \(request.path)")
            }
        }
    }

    @Test("every hop 301 or 308: the final URL is the one to store")
    func permanentRedirects() async throws {
        let server = try await Self.redirector()
        let response = try await FetchHarness.withFetcher { try await $0.fetch(FetchRequest(url: server.url("/perm"))) }
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "arrived at /final")
        #expect(response.url == server.url("/final"))
        #expect(response.permanentURL == server.url("/final"))
        try await server.stop()
    }

    @Test("one temporary hop: nothing to store")
    func temporaryRedirect() async throws {
        let server = try await Self.redirector()
        let response = try await FetchHarness.withFetcher { try await $0.fetch(FetchRequest(url: server.url("/temp"))) }
        #expect(response.url == server.url("/final"))
        #expect(response.permanentURL == nil)
        try await server.stop()
    }

    @Test("five redirects are followed, the sixth is refused")
    func redirectLimit() async throws {
        let server = try await Self.redirector()
        try await FetchHarness.withFetcher { fetcher in
            let (error, _) = await FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: server.url("/r/0"))) }
            #expect(error == .tooManyRedirects(limit: 5))
            #expect(error?.description == "more than 5 redirects")
        }
        #expect(server.requests.count == 6)
        try await server.stop()
    }

    @Test("a redirect loop is caught when it comes back")
    func redirectLoop() async throws {
        let server = try await Self.redirector()
        try await FetchHarness.withFetcher { fetcher in
            let (error, _) = await FetchHarness.failure { try await fetcher.fetch(FetchRequest(url: server.url("/loop/a"))) }
            #expect(error == .redirectLoop(url: server.url("/loop/a")))
        }
        #expect(server.requests.map(\.path) == ["/loop/a", "/loop/b"])
        try await server.stop()
    }

    @Test("credentials follow a redirect on the same origin, never to another one")
    func credentialsStayHome() async throws {
        let elsewhere = try await LoopbackServer(host: "127.0.0.2") { _, channel in channel.respond("200 OK", text: "there") }
        let home = try await LoopbackServer { request, channel in
            switch request.path {
            case "/same": channel.respond("302 Found", headers: [("Location", "/landing")])
            case "/away": channel.respond("302 Found", headers: [("Location", elsewhere.url("/landing"))])
            default: channel.respond("200 OK", text: "here")
            }
        }
        try await FetchHarness.withFetcher { fetcher in
            let headers = [("Authorization", "Bearer secret"), ("X-Client", "vigie")]
            _ = try await fetcher.fetch(FetchRequest(url: home.url("/same"), headers: headers))
            _ = try await fetcher.fetch(FetchRequest(url: home.url("/away"), headers: headers))
        }
        #expect(home.requests.map { $0.headers["authorization"] } == ["Bearer secret", "Bearer secret", "Bearer secret"])
        #expect(elsewhere.requests.count == 1)
        #expect(elsewhere.requests.first?.headers["authorization"] == nil)
        #expect(elsewhere.requests.first?.headers["x-client"] == "vigie")
        try await home.stop()
        try await elsewhere.stop()
    }

    @Test("robots.txt is fetched once and honoured for pages only")
    func robots() async throws {
        let server = try await LoopbackServer { request, channel in
            if request.path == "/robots.txt" {
                channel.respond(
                    "200 OK",
                    text: """
                        User-agent: *
                        Disallow: /

                        User-agent: vigie
                        Disallow: /private
                        Allow: /private/press
                        """
                )
            } else {
                channel.respond("200 OK", text: "page")
            }
        }
        try await FetchHarness.withFetcher { fetcher in
            let page = try await fetcher.fetch(FetchRequest(url: server.url("/blog/"), isPage: true))
            #expect(page.status == 200)
            let press = try await fetcher.fetch(FetchRequest(url: server.url("/private/press/1"), isPage: true))
            #expect(press.status == 200)
            let (error, _) = await FetchHarness.failure {
                try await fetcher.fetch(FetchRequest(url: server.url("/private/x"), isPage: true))
            }
            #expect(error == .disallowedByRobots(url: server.url("/private/x")))
            let feed = try await fetcher.fetch(FetchRequest(url: server.url("/private/feed")))
            #expect(feed.status == 200)
        }
        #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1)
        #expect(!server.requests.contains { $0.path == "/private/x" })
        try await server.stop()
    }

    @Test("robots.txt missing allows all, unreachable disallows all, and both expire")
    func robotsFailures() async throws {
        let status = Mutex("404 Not Found")
        let server = try await LoopbackServer { request, channel in
            if request.path == "/robots.txt" {
                channel.respond(status.withLock { $0 }, text: "")
            } else {
                channel.respond("200 OK", text: "page")
            }
        }
        let configuration = FetchHarness.configuration { $0.robotsTxtLifetime = .milliseconds(200) }
        try await FetchHarness.withFetcher(configuration) { fetcher in
            let page = FetchRequest(url: server.url("/page"), isPage: true)
            #expect(try await fetcher.fetch(page).status == 200)
            status.withLock { $0 = "503 Service Unavailable" }
            #expect(try await fetcher.fetch(page).status == 200)  // still the cached 404
            try await Task.sleep(for: .milliseconds(300))
            let (error, _) = await FetchHarness.failure { try await fetcher.fetch(page) }
            #expect(error == .disallowedByRobots(url: server.url("/page")))
        }
        #expect(server.requests.map(\.path) == ["/robots.txt", "/page", "/page", "/robots.txt"])
        try await server.stop()
    }

    @Test("robots.txt matching: groups, longest match, wildcards")
    func robotsMatcher() {
        let text = """
            # comment
            User-agent: Googlebot
            Disallow: /

            User-agent: Vigie
            User-agent: OtherBot
            Disallow: /search
            Allow: /search/about
            Disallow: /*.pdf$
            Disallow:
            """
        let robots = RobotsTxt(text, agent: "Vigie")
        #expect(robots.allows("/"))
        #expect(!robots.allows("/search?q=x"))
        #expect(robots.allows("/search/about"))
        #expect(!robots.allows("/files/report.pdf"))
        #expect(robots.allows("/files/report.pdf?download=1"))
        #expect(RobotsTxt(text, agent: "Bingbot").allows("/search"))
        #expect(!RobotsTxt(text, agent: "Googlebot").allows("/anything"))
        #expect(RobotsTxt("User-agent: Vig\nDisallow: /", agent: "Vigie").allows("/"))  // tokens match whole
        #expect(RobotsTxt("Disallow: /x", agent: "Vigie").allows("/x"))  // a rule outside any group
    }

    @Test("the per-host limit queues a third fetch, and a cancelled waiter leaves the queue")
    func hostLimiter() async throws {
        let limiter = HostLimiter(limit: 2)
        let gate1 = AsyncStream<Void>.makeStream()
        let gate2 = AsyncStream<Void>.makeStream()
        async let first: Void = limiter.withSlot(for: "a") { for await _ in gate1.stream { break } }
        async let second: Void = limiter.withSlot(for: "a") { for await _ in gate2.stream { break } }
        while await limiter.activeCount(for: "a") < 2 { await Task.yield() }
        let third = Task { try await limiter.withSlot(for: "a") { "ran" } }
        let other = try await limiter.withSlot(for: "b") { "other host" }
        #expect(other == "other host")
        third.cancel()
        await #expect(throws: CancellationError.self) { try await third.value }
        gate1.continuation.finish()
        gate2.continuation.finish()
        _ = try await (first, second)
        #expect(await limiter.activeCount(for: "a") == 0)
        #expect(try await limiter.withSlot(for: "a") { "free again" } == "free again")
    }
}
