import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieAPI
import VigieStorage
import VigieTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("HTTP server limits", .timeLimit(.minutes(3)))
struct ServerLimitsTests {
    @Test("a request past its deadline is answered with a 503 problem, not left waiting")
    func requestDeadline() async throws {
        try await TestDatabase.with(label: "deadline") { database in
            let token = try await TokenStore(database).create(name: "slow", role: .reader)
            // The database calls' own limit is out of reach: only the deadline can answer.
            let app = Application(
                responder: APIServer.responder(database: database, requestTimeout: .seconds(1), databaseTimeout: .seconds(120)))
            try await app.test(.live) { client in
                // Another transaction holds the tokens table: authentication waits for it.
                try await database.client.withConnection { holder in
                    try await holder.query("BEGIN", logger: TestDatabase.logger)
                    try await holder.query("LOCK TABLE api_tokens IN ACCESS EXCLUSIVE MODE", logger: TestDatabase.logger)
                    let started = ContinuousClock.now
                    let response = try await client.execute(
                        uri: "/v1/trends?brand=acme", method: .get, headers: [.authorization: "Bearer \(token)"])
                    let waited = ContinuousClock.now - started
                    try await holder.query("ROLLBACK", logger: TestDatabase.logger)
                    try APIHarness.expectProblem(
                        response, status: .serviceUnavailable, type: Problem.Kind.unavailable.type, mentioning: "took longer")
                    #expect(response.headers[.retryAfter] == "5")
                    // Without the deadline it would wait for the lock, held until the answer comes.
                    #expect(waited < .seconds(30), "answered after \(waited)")
                }
            }
        }
    }

    @Test("a connection left idle is closed after the idle timeout")
    func idleTimeout() async throws {
        try await Self.withServer(ServerLimits(idleTimeout: .seconds(1))) { port in
            let socket = try LoopbackSocket(port: port)
            defer { socket.close() }
            let started = ContinuousClock.now
            let received = await socket.received(timeout: 20)
            let waited = ContinuousClock.now - started
            #expect(received == .closed, "\(received) after \(waited)")
            #expect(waited < .seconds(10))
        }
    }

    @Test("past the connection cap a new client waits until one closes")
    func connectionCap() async throws {
        try await Self.withServer(ServerLimits(maximumConnections: 2)) { port in
            let first = try LoopbackSocket(port: port)
            let second = try LoopbackSocket(port: port)
            defer { second.close() }
            // Both accepted and served.
            for socket in [first, second] {
                socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(await socket.received(timeout: 10).text?.hasPrefix("HTTP/1.1 200") == true)
            }
            let third = try LoopbackSocket(port: port)
            defer { third.close() }
            third.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await third.received(timeout: 2) == .timedOut)
            first.close()
            #expect(await third.received(timeout: 10).text?.hasPrefix("HTTP/1.1 200") == true)
        }
    }

    /// Runs `vigie serve`'s application on a loopback port of its own, with a pool of its
    /// own on a new database, while `body` runs.
    static func withServer(_ limits: ServerLimits, _ body: @Sendable (Int) async throws -> Void) async throws {
        let settings = try await TestDatabase.fresh(label: "limits")
        let database = Database(settings: settings, logger: TestDatabase.logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = APIServer.application(
            database: database, host: "127.0.0.1", port: 0, limits: limits, logger: TestDatabase.logger
        ) { port in continuation.yield(port) }
        // The server's failure, or the body's, once the database is dropped.
        let result: Result<Void, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return .failure(CancellationError()) }
            do {
                try await body(port)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try await TestDatabase.drop(settings)
        try result.get()
    }
}

/// A plain TCP client on 127.0.0.1, to see what the server does with a connection.
final class LoopbackSocket: Sendable {
    enum Received: Equatable {
        case data(String)
        case closed
        case timedOut

        var text: String? {
            if case .data(let text) = self { return text }
            return nil
        }
    }

    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, 0) }
    }

    /// ``receive(timeout:)`` on a thread of its own: a blocking read on one of the few
    /// threads of Swift's cooperative pool could keep the server's handlers, which run
    /// there too, from answering at all.
    func received(timeout: Int) async -> Received {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.receive(timeout: timeout)) }
        }
    }

    /// The next bytes, or whether the server closed the connection or sent nothing in `timeout` seconds.
    func receive(timeout: Int) -> Received {
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count > 0 { return .data(String(decoding: buffer[..<count], as: UTF8.self)) }
        return count == 0 ? .closed : .timedOut
    }

    func close() {
        Glibc.close(descriptor)
    }
}
