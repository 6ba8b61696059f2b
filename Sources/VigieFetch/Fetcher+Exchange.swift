import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Fetcher {
    /// One request and its response, before redirects are looked at.
    struct Hop: Sendable {
        var status: Int
        var location: String?
        var response: FetchResponse
    }

    /// Sends `request` to `address` (the one the guard approved) and reads the body, the
    /// decompressed size capped at `maximumBodyBytes` as it streams in (never buffered whole).
    func exchange(_ request: FetchRequest, target: FetchTarget, address: SocketAddress) async throws -> Hop {
        // Pinning: for http the client connects to the approved IP literal, with the name
        // in `Host`, so no second DNS lookup can hand it another address (DNS rebinding).
        // For https the client must connect by name for SNI and certificate checks, so it
        // resolves the name again: a record that changes between the guard's lookup and the
        // client's (rebinding within the TTL) is not caught there. Closing that needs a
        // connection pinned per address (AsyncHTTPClient's `dnsOverride` is per client).
        var http = HTTPClientRequest(url: Self.connectionURL(target, address: address))
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "Host", value: target.hostHeader)
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let accept = request.accept { http.headers.add(name: "Accept", value: accept) }
        if let etag = request.etag { http.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = request.lastModified {
            http.headers.add(name: "If-Modified-Since", value: lastModified)
        }
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if let body = request.body { http.body = .bytes(body) }
        logger.debug("fetch.request", metadata: ["fetch.url": "\(target.url)", "fetch.address": "\(address)"])
        do {
            let deadline = NIODeadline.now() + .nanoseconds(configuration.totalTimeout.nanoseconds)
            let response = try await client.execute(http, deadline: deadline, logger: logger)
            let status = Int(response.status.code)
            let redirect = Self.redirectStatuses.contains(status)
            // A redirect's body is never used: read a little of it, then drop the connection.
            let limit = redirect ? 64 << 10 : configuration.maximumBodyBytes
            // A declared length over the cap fails at once (a coded body's length says
            // nothing of its decoded size: that one is counted as it streams).
            if !redirect, !response.headers.contains(name: "Content-Encoding"),
                let declared = response.headers.first(name: "Content-Length").flatMap({ Int($0) }), declared > limit
            {
                throw FetchError.bodyTooLarge(limit: limit)
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= limit else {
                    if redirect { break }
                    throw FetchError.bodyTooLarge(limit: limit)
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            let headers = response.headers
            let retryAfter = status >= 400 ? headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0) } : nil
            return Hop(
                status: status, location: headers.first(name: "Location"),
                response: FetchResponse(
                    status: status, url: target.url, permanentURL: nil, etag: headers.first(name: "ETag"),
                    lastModified: headers.first(name: "Last-Modified"),
                    contentType: headers.first(name: "Content-Type"), body: body, retryAfter: retryAfter,
                    elapsed: .zero
                )
            )
        } catch {
            let translated = translate(error)
            if Self.isConnectFailure(error), let fetchError = translated as? FetchError {
                throw ConnectFailure(error: fetchError)
            }
            throw translated
        }
    }

    /// No connection could be made to this address: another one of the host may do.
    struct ConnectFailure: Error {
        var error: FetchError
    }

    /// Whether `error` happened before a connection existed, so nothing was sent.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError { return client == .connectTimeout }
        if error is NIOConnectionError { return true }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return true }
        if let io = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(io.errnoCode)
        }
        return false
    }

    /// Where the client connects: the approved IP literal for http, the name for https.
    static func connectionURL(_ target: FetchTarget, address: SocketAddress) -> String {
        guard target.scheme == "http", let ip = address.ipAddress else { return target.url }
        return target.pinned(to: ip)
    }

    /// The client's and NIO's errors as `FetchError`s (cancellation passes through).
    func translate(_ error: any Error) -> any Error {
        if error is FetchError || error is CancellationError { return error }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return FetchError.timeout(.connect)
            case .readTimeout: return FetchError.timeout(.read)
            case .deadlineExceeded: return FetchError.timeout(.total)
            case .cancelled: return CancellationError()
            default: return FetchError.connection(Self.oneLine(client.shortDescription))
            }
        }
        if let decompression = error as? NIOHTTPDecompression.DecompressionError {
            if decompression == .limit {
                return FetchError.decompressionBomb(ratio: configuration.maximumDecompressionRatio)
            }
            return FetchError.connection("invalid compressed body")
        }
        if error is HTTPParserError {
            return FetchError.connection("invalid HTTP response (\(Self.oneLine(String(describing: error))))")
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return FetchError.timeout(.connect)
        }
        if let io = error as? IOError {
            return FetchError.connection(String(cString: strerror(io.errnoCode)).lowercased())
        }
        if let connect = error as? NIOConnectionError, let last = connect.connectionErrors.last {
            return translate(last.error)
        }
        return FetchError.connection(Self.oneLine(String(describing: error)))
    }

    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
