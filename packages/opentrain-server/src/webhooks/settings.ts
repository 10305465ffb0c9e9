/**
 * @module Webhook options, their defaults, and the two environment variables the module reads:
 * OPENTRAIN_SECRET_KEY (encrypts signing secrets at rest) and ALLOW_PRIVATE_WEBHOOK_URLS (http and
 * private-range receivers; self-hosting and tests).
 */
import {
  type AnyDb,
  type Clock,
  createWebhookSender,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_DISABLE_AFTER_FAILURES,
  DEFAULT_RETRY_SCHEDULE_MS,
  observeDeliveries,
  privateWebhookUrlsAllowed,
  type Resolver,
  type SendResult,
  systemClock,
  systemResolver,
  type UrlAllowance,
  type UrlPolicy,
  validateRetrySchedule,
  type WebhookSender,
  type WorkerLogger,
} from '@platform/kit';
import type { Kysely } from 'kysely';
import type { WebhookTables } from './schema';
import { createSecretBox, type SecretBox } from './secrets';

/** The kit's delivery policy (spec 3.9): waits of 1, 5, 30 and 120 minutes; disabled after 10 failed deliveries. */
export { DEFAULT_DISABLE_AFTER_FAILURES, DEFAULT_RETRY_SCHEDULE_MS };
export const MAX_WEBHOOKS_PER_ACCOUNT = 10;
export const DEFAULT_FANOUT_INTERVAL_MS = 1000;
export const DEFAULT_FANOUT_BATCH_SIZE = 200;

export interface WebhooksOptions {
  /** The product database (any Kysely whose tables include WebhookTables and the kit outbox). */
  db: AnyDb;
  clock?: Clock;
  /** OPENTRAIN_SECRET_KEY (≥ 32 chars): seal signing secrets with AES-256-GCM; null = store as is. */
  secretKey?: string | null;
  /** OPENTRAIN_SECRET_KEY_PREVIOUS (comma-separated): keys rotated away from; they still open secrets, which start-up reseals. */
  previousSecretKeys?: readonly string[];
  /**
   * Non-public receivers admitted (kit url-safety): `public` (default), `loopback` (dev mode) or
   * `private` (ALLOW_PRIVATE_WEBHOOK_URLS=1). Link-local and metadata addresses never.
   */
  urlAllowance?: UrlAllowance;
  /** Shorthand for urlAllowance `private` (tests). */
  allowPrivateUrls?: boolean;
  /** DNS resolver used at creation and inside the delivery socket's lookup (tests inject one). */
  resolve?: Resolver;
  /** Per-attempt deadline; default 10 s. Keep it well below the worker's leaseMs. */
  timeoutMs?: number;
  /** Delays before attempt 2, 3, …; attempts in all = length + 1. Default 1, 5, 30, 120 min. */
  retryScheduleMs?: readonly number[];
  disableAfterFailures?: number;
  maxWebhooksPerAccount?: number;
  /** Pause between fan-out passes when the outbox is drained. Default 1 s. */
  fanoutIntervalMs?: number;
  /** Events read per fan-out pass (≤ 1000). Default 200. */
  fanoutBatchSize?: number;
  /** Replaces the HTTP sender (its own SSRF policy then applies). */
  sender?: WebhookSender;
  /** Told every attempt's outcome (the app's metrics). */
  onDeliveryAttempt?: (result: SendResult) => void;
  logger?: WorkerLogger;
}

export interface WebhooksSettings {
  db: Kysely<WebhookTables>;
  clock: Clock;
  box: SecretBox;
  policy: UrlPolicy;
  sender: WebhookSender;
  ownsSender: boolean;
  timeoutMs: number;
  retryScheduleMs: readonly number[];
  disableAfterFailures: number;
  maxWebhooksPerAccount: number;
  fanoutIntervalMs: number;
  fanoutBatchSize: number;
  logger: WorkerLogger;
}

const silent: WorkerLogger = { info() {}, warn() {}, error() {} };

export function resolveSettings(options: WebhooksOptions): WebhooksSettings {
  const allow: UrlAllowance = options.urlAllowance ?? (options.allowPrivateUrls ? 'private' : 'public');
  const policy: UrlPolicy = { allow, resolve: options.resolve ?? systemResolver };
  const retryScheduleMs = validateRetrySchedule(options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS);
  const fanoutBatchSize = options.fanoutBatchSize ?? DEFAULT_FANOUT_BATCH_SIZE;
  if (!Number.isInteger(fanoutBatchSize) || fanoutBatchSize < 1 || fanoutBatchSize > 1000) throw new RangeError('fanoutBatchSize must be an integer in 1..1000');
  return {
    db: options.db as unknown as Kysely<WebhookTables>,
    clock: options.clock ?? systemClock,
    box: createSecretBox(options.secretKey ?? null, options.previousSecretKeys),
    policy,
    sender: observeDeliveries(options.sender ?? createWebhookSender(policy), options.onDeliveryAttempt),
    ownsSender: !options.sender,
    timeoutMs: options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
    retryScheduleMs,
    disableAfterFailures: options.disableAfterFailures ?? DEFAULT_DISABLE_AFTER_FAILURES,
    maxWebhooksPerAccount: options.maxWebhooksPerAccount ?? MAX_WEBHOOKS_PER_ACCOUNT,
    fanoutIntervalMs: options.fanoutIntervalMs ?? DEFAULT_FANOUT_INTERVAL_MS,
    fanoutBatchSize,
    logger: options.logger ?? silent,
  };
}

/** The environment's part of WebhooksOptions. */
export function webhooksEnvOptions(env: Record<string, string | undefined> = process.env): Pick<WebhooksOptions, 'secretKey' | 'previousSecretKeys' | 'allowPrivateUrls'> {
  return {
    secretKey: env.OPENTRAIN_SECRET_KEY ? env.OPENTRAIN_SECRET_KEY : null,
    previousSecretKeys: (env.OPENTRAIN_SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    allowPrivateUrls: privateWebhookUrlsAllowed(env),
  };
}
