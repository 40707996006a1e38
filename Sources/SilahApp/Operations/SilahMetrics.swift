import Metrics
import Prometheus

/// The process's metrics. `MetricsSystem.bootstrap` may run once per process, while one process
/// (a test run) makes many Applications: so the registry is process-wide, made and bootstrapped the
/// first time an Application with metrics configured starts, and every Application scrapes it.
/// Until then swift-metrics is a no-op and the per-request reports Vapor makes cost nothing.
enum SilahMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Bootstraps the metrics system if this is the first time; later calls do nothing.
    static func start() { _ = registry }
}
