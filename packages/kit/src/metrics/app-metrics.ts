/**
 * @module Prometheus metrics of one app instance (docs/metrics.md). Each app owns a registry (never
 * prom-client's global one: tests run many apps in one process), shared by its REST routes, its
 * hosted MCP tools, its worker and its scrape-time gauges. The process metrics come from one
 * per-process registry, merged in at the first scrape.
 *
 * The request path stays cheap: a latency series per operation (or tool) is made once, and it keeps
 * prom-client's child for each status class, so an observation builds no label object of ours.
 */
import type { Logger } from '../log/logger';
import type { SendResult, WebhookSender } from '../webhooks/sender';
import { Counter, Gauge, Histogram, loadProcessRegistry, Registry } from './prom';

/** Seconds; from 1 ms (a cached read) to 10 s (a slow upload). */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** One operation's (or tool's) latency, labelled with the status class of each answer. */
export interface LatencySeries {
  /** `startedMs` is a `performance.now()` taken when the request began. */
  observe(status: number, startedMs: number): void;
}

/** Runs before every scrape (a cheap query that sets gauges); a failure is logged and counted, never fatal. */
export type ScrapeHook = () => Promise<void>;

type Child = ReturnType<Histogram<string>['labels']>;

function latencySeries(histogram: Histogram<string>, fixedLabels: string[]): LatencySeries {
  const children: (Child | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  return {
    observe(status, startedMs) {
      const index = Math.min(Math.max(Math.floor(status / 100), 1), 5) - 1;
      let child = children[index];
      if (!child) {
        child = histogram.labels(...fixedLabels, STATUS_CLASSES[index]);
        children[index] = child;
      }
      child.observe((performance.now() - startedMs) / 1000);
    },
  };
}

export class AppMetrics {
  /** This app's own metrics (the process metrics are merged in when rendering). */
  readonly registry: Registry = new Registry();
  private readonly requestSeconds: Histogram<'operation' | 'method' | 'status_class'>;
  private readonly toolSeconds: Histogram<'tool' | 'status_class'>;
  private readonly deliveryAttempts: Counter<'outcome'>;
  private readonly deliveryFailures: Counter<never>;
  private readonly scrapeErrors: Counter<'collector'>;
  private readonly restSeries = new Map<string, LatencySeries>();
  private readonly toolSeries = new Map<string, LatencySeries>();
  private readonly hooks: { name: string; run: ScrapeHook }[] = [];
  private merged?: Registry;

  constructor(private readonly logger?: Logger) {
    const registers = [this.registry];
    this.requestSeconds = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'REST operation latency, from routing to the response body, by operation id, method and status class.',
      labelNames: ['operation', 'method', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.toolSeconds = new Histogram({
      name: 'mcp_tool_call_duration_seconds',
      help: 'Hosted MCP tools/call latency (Streamable HTTP and SSE), by tool and the status class of its result.',
      labelNames: ['tool', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.deliveryAttempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook POSTs sent by this process, by outcome (succeeded: a 2xx in time).',
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryFailures = new Counter({
      name: 'webhook_delivery_failures_total',
      help: 'Webhook POSTs by this process that failed (non-2xx, timeout, refused address); each is retried on the schedule.',
      registers,
    });
    this.scrapeErrors = new Counter({
      name: 'metrics_scrape_errors_total',
      help: 'Scrape-time collectors that failed (their gauges are left out of that scrape).',
      labelNames: ['collector'],
      registers,
    });
    // Present from the start, so a rate is defined before the first failure.
    this.deliveryAttempts.labels('succeeded').inc(0);
    this.deliveryAttempts.labels('failed').inc(0);
  }

  /** The latency series of one REST operation (made once, at mount time). */
  rest(operation: string, method: string): LatencySeries {
    const key = `${method} ${operation}`;
    let series = this.restSeries.get(key);
    if (!series) {
      series = latencySeries(this.requestSeconds, [operation, method]);
      this.restSeries.set(key, series);
    }
    return series;
  }

  /** The latency series of one hosted MCP tool (shared by every transport serving it). */
  tool(name: string): LatencySeries {
    let series = this.toolSeries.get(name);
    if (!series) {
      series = latencySeries(this.toolSeconds, [name]);
      this.toolSeries.set(name, series);
    }
    return series;
  }

  /** Counts one webhook attempt (see `observeDeliveries`). */
  readonly webhookDelivery = (result: SendResult): void => {
    this.deliveryAttempts.labels(result.ok ? 'succeeded' : 'failed').inc();
    if (!result.ok) this.deliveryFailures.inc();
  };

  /** A gauge in this app's registry (products' own scrape-time gauges, set from an `onScrape` hook). */
  gauge<L extends string = never>(config: { name: string; help: string; labelNames?: readonly L[] }): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] });
  }

  /** Runs `run` before every scrape; `name` labels its failures in `metrics_scrape_errors_total`. */
  onScrape(name: string, run: ScrapeHook): void {
    this.hooks.push({ name, run });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: scrape hooks first (concurrently), then this app's metrics and the process's. */
  async render(): Promise<string> {
    const outcomes = await Promise.allSettled(this.hooks.map((hook) => hook.run()));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') return;
      this.scrapeErrors.labels(this.hooks[i].name).inc();
      this.logger?.warn({ err: outcome.reason, collector: this.hooks[i].name }, 'metrics collector failed');
    });
    this.merged ??= Registry.merge([this.registry, loadProcessRegistry()]);
    return this.merged.metrics();
  }
}

/** A sender that reports every attempt's outcome (the products wrap theirs with `metrics.webhookDelivery`). */
export function observeDeliveries(sender: WebhookSender, onResult: ((result: SendResult) => void) | undefined): WebhookSender {
  if (!onResult) return sender;
  return {
    async send(url, headers, body, options) {
      const result = await sender.send(url, headers, body, options);
      onResult(result);
      return result;
    },
    close: () => sender.close(),
  };
}
