import Foundation
import Testing

@testable import VigieFetch

@Suite("Fetching from a polite server on loopback")
struct FetcherTests {
    @Test("a 200 returns its body, validators and type, with Vigie's User-Agent")
    func plainFetch() async throws {
        let server = try await LoopbackServer { request, channel in
            channel.respond(
                "200 OK",
                headers: [
                    ("Content-Type", "application/rss+xml"), ("ETag", "\"v1\""),
                    ("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT"),
                ],
                text: "<rss>\(request.path)</rss>"
            )
        }
        let response = try await FetchHarness.withFetcher { try await $0.fetch(FetchRequest(url: server.url("/feed/"))) }
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "<rss>/feed/</rss>")
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Mon, 07 Dec 2026 10:00:00 GMT")
        #expect(response.contentType == "application/rss+xml")
        #expect(response.url == server.url("/feed/"))
        #expect(response.permanentURL == nil)
        #expect(server.requests.first?.headers["user-agent"] == "Vigie/test (+https://vigie.example/contact)")
        #expect(server.requests.first?.headers["host"] == "127.0.0.1:\(server.port)")
        try await server.stop()
    }

    @Test("validators go out as If-None-Match and If-Modified-Since; a match costs a 304")
    func conditionalGet() async throws {
        let server = try await LoopbackServer { request, channel in
            if request.headers["if-none-match"] == "\"v2\"" {
                channel.respond("304 Not Modified", headers: [("ETag", "\"v2\"")])
            } else {
                channel.respond("200 OK", headers: [("ETag", "\"v2\"")], text: "fresh")
            }
        }
        let (first, second) = try await FetchHarness.withFetcher { fetcher in
            let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed/")))
            let second = try await fetcher.fetch(
                FetchRequest(url: server.url("/feed/"), etag: first.etag, lastModified: "Sun, 06 Dec 2026 08:00:00 GMT")
            )
            return (first, second)
        }
        #expect(first.status == 200 && !first.notModified)
        #expect(second.notModified)
        #expect(second.body.isEmpty)
        #expect(server.requests.last?.headers["if-modified-since"] == "Sun, 06 Dec 2026 08:00:00 GMT")
        try await server.stop()
    }

    @Test("4xx and 5xx are returned with Retry-After in seconds or as an HTTP-date")
    func errorStatuses() async throws {
        let server = try await LoopbackServer { request, channel in
            switch request.path {
            case "/busy": channel.respond("429 Too Many Requests", headers: [("Retry-After", "120")])
            case "/down": channel.respond("503 Service Unavailable", headers: [("Retry-After", "Fri, 31 Dec 2027 23:59:59 GMT")])
            default: channel.respond("404 Not Found", text: "no")
            }
        }
        try await FetchHarness.withFetcher { fetcher in
            let busy = try await fetcher.fetch(FetchRequest(url: server.url("/busy")))
            #expect(busy.status == 429)
            #expect(busy.retryAfter == .seconds(120))
            let down = try await fetcher.fetch(FetchRequest(url: server.url("/down")))
            #expect(down.status == 503)
            let seconds = try #require(down.retryAfter).components.seconds
            #expect(seconds > 24 * 3600)  // a date in 2027, capped at a week
            #expect(seconds <= 7 * 24 * 3600)
            let missing = try await fetcher.fetch(FetchRequest(url: server.url("/gone")))
            #expect(missing.status == 404 && missing.retryAfter == nil)
        }
        try await server.stop()
    }

    @Test("Retry-After parsing")
    func retryAfterForms() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-07T10:00:00Z"))
        #expect(RetryAfter.parse("30", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Mon, 07 Dec 2026 10:01:30 GMT", now: now) == .seconds(90))
        #expect(RetryAfter.parse("Monday, 07-Dec-26 10:00:10 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Mon, 07 Dec 2026 09:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }
}
