/** @module Prometheus metrics per app instance (docs/metrics.md). */
export { AppMetrics, LATENCY_BUCKETS, type LatencySeries, observeDeliveries, type ScrapeHook } from './app-metrics';
export {
  isLoopbackAddress,
  METRICS_PATH,
  type MetricsAccess,
  metricsAccess,
  metricsConfigSchema,
  type MetricsEndpointOptions,
  type MetricsRequest,
  type MetricsSettings,
  mountMetricsEndpoint,
} from './endpoint';
export { type OutboxMetricsOptions, registerOutboxMetrics, registerWorkerMetrics } from './outbox-metrics';
