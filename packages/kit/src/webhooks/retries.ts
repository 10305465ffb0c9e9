/**
 * @module The delivery policy both products share: a fixed retry schedule (attempt n+1 is due
 * `schedule[n-1]` after attempt n failed; attempts in all = schedule length + 1), auto-disable of an
 * endpoint after N consecutive deliveries that failed every attempt (any successful attempt resets
 * the count), the shape of one delivery-log row, and the ALLOW_PRIVATE_WEBHOOK_URLS rule.
 *
 * The endpoint table keeps its own name and status values, but these columns:
 * `id`, `status`, `consecutive_failures int`, `disabled_at timestamptz`, `disabled_reason text`.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { minutes } from '../clock';
import type { UrlAllowance } from '../http/url-safety';

/** Waits before attempts 2..5: 1, 5, 30 and 120 minutes. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [minutes(1), minutes(5), minutes(30), minutes(120)];
/** An endpoint is disabled after this many consecutive deliveries that failed every attempt. */
export const DEFAULT_DISABLE_AFTER_FAILURES = 10;

export function validateRetrySchedule(schedule: readonly number[]): readonly number[] {
  if (!schedule.every((ms) => Number.isFinite(ms) && ms >= 0)) throw new RangeError('retryScheduleMs must hold delays >= 0');
  return schedule;
}

/** When attempt `attempt + 1` is due after attempt `attempt` (1-based) failed, or null when none is left. */
export function nextAttemptAt(schedule: readonly number[], attempt: number, now: Date): Date | null {
  const delay = schedule[attempt - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** Outcome of one attempt, as the delivery log records it. */
export type DeliveryOutcome = 'succeeded' | 'failed';

/** One row of a delivery log (one per attempt): the columns every product's log table has. */
export interface DeliveryLogEntry {
  /** Stable across the attempts of one delivery (the receiver's dedupe key). */
  delivery_id: string;
  event_type: string;
  /** 1-based attempt number. */
  attempt: number;
  outcome: DeliveryOutcome;
  /** The receiver's status, or null when no response arrived. */
  status_code: number | null;
  /** Why the attempt failed (timeout, refused address, HTTP 500 …), null on success. */
  error: string | null;
  duration_ms: number | null;
  /** When the next attempt is due (failed attempts that will be retried), else null. */
  next_retry_at: Date | null;
  created_at: Date;
}

export interface EndpointTable {
  /** The endpoint table's name, e.g. `ot_webhooks`. */
  table: string;
  /** Its status values for an endpoint that is delivered to, and one that was disabled. */
  active: string;
  disabled: string;
}

// biome-ignore lint/suspicious/noExplicitAny: works on any product database.
type Executor = Kysely<any> | Transaction<any>;

/**
 * One more delivery failed every attempt: counts it (one atomic UPDATE, no row lock) and disables
 * the endpoint when the count reaches `threshold`. Returns the endpoint's state afterwards (null
 * when it is gone).
 */
export async function recordExhaustedDelivery(
  executor: Executor,
  endpoints: EndpointTable,
  input: { id: string; threshold: number; attempts: number; lastError: string; now: Date },
): Promise<{ disabled: boolean; consecutiveFailures: number } | null> {
  const { id, threshold: n, attempts, lastError, now } = input;
  const reason = `Disabled after ${n} consecutive failed deliveries (each tried ${attempts} times); last error: ${lastError}`.slice(0, 1000);
  const { rows } = await sql<{ status: string; consecutive_failures: number }>`
    update ${sql.table(endpoints.table)} set
      consecutive_failures = consecutive_failures + 1,
      status = case when consecutive_failures + 1 >= ${n} then ${endpoints.disabled} else status end,
      disabled_at = case when consecutive_failures + 1 >= ${n} and status = ${endpoints.active} then ${now}::timestamptz else disabled_at end,
      disabled_reason = case when consecutive_failures + 1 >= ${n} and status = ${endpoints.active} then ${reason} else disabled_reason end
    where id = ${id}
    returning status, consecutive_failures`.execute(executor);
  const row = rows[0];
  return row ? { disabled: row.status === endpoints.disabled, consecutiveFailures: Number(row.consecutive_failures) } : null;
}

/** Any successful attempt resets the consecutive-failure count (a no-op write is skipped). */
export async function resetDeliveryFailures(executor: Executor, endpoints: EndpointTable, id: string): Promise<void> {
  await sql`update ${sql.table(endpoints.table)} set consecutive_failures = 0 where id = ${id} and consecutive_failures <> 0`.execute(executor);
}

/** The note a disabled attempt logs instead of sending. */
export function notSentBecauseDisabled(disabledReason: string | null): string {
  return `not sent: the webhook was disabled${disabledReason ? ` (${disabledReason})` : ''}`;
}

/**
 * ALLOW_PRIVATE_WEBHOOK_URLS (1/true/yes/on): private and loopback receivers (and http) are
 * admitted; otherwise only public https ones. Link-local and metadata addresses never.
 */
export function privateWebhookUrlsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'true', 'yes', 'on'].includes((env.ALLOW_PRIVATE_WEBHOOK_URLS ?? '').trim().toLowerCase());
}

/**
 * The receivers a product admits: ALLOW_PRIVATE_WEBHOOK_URLS on = `private` (and loopback, http),
 * off = `public`; unset = `loopback` in dev mode (the local quick start), `public` otherwise.
 */
export function webhookUrlAllowance(options: { allowPrivate: boolean | undefined; devMode: boolean }): UrlAllowance {
  if (options.allowPrivate !== undefined) return options.allowPrivate ? 'private' : 'public';
  return options.devMode ? 'loopback' : 'public';
}
