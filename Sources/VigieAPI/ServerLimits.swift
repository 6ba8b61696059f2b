/// Bounds on what clients may hold of the HTTP server.
///
/// - `idleTimeout`: a connection with no request in flight is closed after this long
///   (`VIGIE_HTTP_IDLE_TIMEOUT`, 60 s), so idle keep-alive clients cannot pile up;
/// - `maximumConnections`: past this many open connections the server stops accepting
///   until one closes (`VIGIE_HTTP_MAX_CONNECTIONS`, 256); new clients wait in the backlog;
/// - `requestTimeout`: a request not answered within this is answered with a 503
///   `unavailable` problem (`VIGIE_REQUEST_TIMEOUT`, 30 s).
public struct ServerLimits: Sendable, Equatable {
    public var idleTimeout: Duration
    public var maximumConnections: Int
    public var requestTimeout: Duration

    public init(
        idleTimeout: Duration = .seconds(60), maximumConnections: Int = 256, requestTimeout: Duration = .seconds(30)
    ) {
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.requestTimeout = requestTimeout
    }
}
