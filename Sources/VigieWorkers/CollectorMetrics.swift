import CoreMetrics
import VigieModel
import VigieStorage

/// The collector's metrics, made by a swift-metrics factory: `vigie collect` gives it a
/// Prometheus registry served on `--metrics-address`; tests give their own.
///
/// - `vigie_collector_fetches_total{kind, outcome}`: passes by source kind and outcome
///   (`fetched`, `not_modified`, `failed`);
/// - `vigie_collector_http_responses_total{status}`: first responses by status class;
/// - `vigie_collector_bytes_total`: body bytes received;
/// - `vigie_collector_posts_total{result}`: posts `inserted`, `revised`, `duplicate`, `suppressed`;
/// - `vigie_collector_fetch_duration_seconds`: one source's pass, as a histogram;
/// - `vigie_collector_lease_lag_seconds`: how late a due source was claimed.
public struct CollectorMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    func recordFetch(kind: SourceKind, outcome: FetchOutcomeKind, status: Int?, bytes: Int, elapsed: Duration) {
        Counter(
            label: "vigie_collector_fetches_total",
            dimensions: [("kind", kind.rawValue), ("outcome", Self.label(outcome))], factory: factory
        ).increment()
        if let status {
            Counter(label: "vigie_collector_http_responses_total", dimensions: [("status", "\(status / 100)xx")], factory: factory)
                .increment()
        }
        Counter(label: "vigie_collector_bytes_total", factory: factory).increment(by: bytes)
        Timer(label: "vigie_collector_fetch_duration_seconds", factory: factory).recordNanoseconds(elapsed.nanoseconds)
    }

    func recordStored(_ result: PostStore.InsertResult) {
        for (name, count) in [
            ("inserted", result.inserted), ("revised", result.revised), ("duplicate", result.duplicates),
            ("suppressed", result.suppressed),
        ] where count > 0 {
            Counter(label: "vigie_collector_posts_total", dimensions: [("result", name)], factory: factory).increment(by: count)
        }
    }

    func recordLeaseLag(_ lag: Duration) {
        Timer(label: "vigie_collector_lease_lag_seconds", factory: factory).recordNanoseconds(max(0, lag.nanoseconds))
    }

    static func label(_ outcome: FetchOutcomeKind) -> String {
        switch outcome {
        case .fetched: "fetched"
        case .notModified: "not_modified"
        case .failed: "failed"
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
