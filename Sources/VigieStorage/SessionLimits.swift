/// Limits every pooled connection sets at start-up, so a hung or cut-off client cannot
/// hold locks or a leased batch for hours.
///
/// Sent as start-up parameters (the server applies them as session settings before
/// the first query): `statement_timeout`, `lock_timeout`,
/// `idle_in_transaction_session_timeout`, and the server side's TCP keepalives
/// (`tcp_keepalives_idle`, `_interval`, `_count`), which notice a peer that vanished
/// without closing its socket. Each value in whole seconds; 0 turns a limit off.
public struct SessionLimits: Sendable, Equatable {
    /// Longest a single statement may run (`VIGIE_STATEMENT_TIMEOUT`).
    public var statementTimeout: Int
    /// Longest a statement waits for a lock (`VIGIE_LOCK_TIMEOUT`).
    public var lockTimeout: Int
    /// Longest a transaction may sit idle before the server ends the session and rolls it
    /// back (`VIGIE_IDLE_IN_TRANSACTION_TIMEOUT`): a frozen worker's batch comes back then.
    public var idleInTransactionTimeout: Int
    /// Seconds of silence before the first keepalive probe, between probes, and probes lost
    /// before the server drops the connection: a cut-off client is noticed in about 2 minutes.
    public var keepaliveIdle = 60
    public var keepaliveInterval = 10
    public var keepaliveCount = 6

    public init(statementTimeout: Int = 300, lockTimeout: Int = 30, idleInTransactionTimeout: Int = 120) {
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.idleInTransactionTimeout = idleInTransactionTimeout
    }

    /// The documented defaults: 300 s per statement, 30 s per lock wait, 120 s idle in a transaction.
    public static let standard = SessionLimits()

    /// The start-up parameters that set these limits.
    public var startupParameters: [(String, String)] {
        [
            ("statement_timeout", "\(statementTimeout)s"),
            ("lock_timeout", "\(lockTimeout)s"),
            ("idle_in_transaction_session_timeout", "\(idleInTransactionTimeout)s"),
            ("tcp_keepalives_idle", "\(keepaliveIdle)"),
            ("tcp_keepalives_interval", "\(keepaliveInterval)"),
            ("tcp_keepalives_count", "\(keepaliveCount)"),
        ]
    }
}
