/**
 * @module Outbox events: an append-only log written in the caller's transaction. Readers (updates
 * feeds, webhook fan-out) page through it with an opaque position that never skips an event, even
 * when transactions commit out of id order on PostgreSQL.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Clock, systemClock } from '../clock';
import type { Executor } from '../db/database';
import { jsonb, toDate, toNumber } from './sql-values';

export interface EmitEventInput<P = unknown> {
  /** Dotted name, e.g. `contract.milestone_released`. */
  type: string;
  /** Who the event belongs to (account, tenant, ...), for per-scope feeds. */
  scope?: string | null;
  /** JSON-serialisable; defaults to `{}`. */
  payload?: P;
}

export interface OutboxEvent<P = unknown> {
  id: number;
  type: string;
  scope: string | null;
  payload: P;
  createdAt: Date;
  /** Opaque; pass it as `after` to read the events that follow this one. */
  position: string;
}

/**
 * Appends an event in the executor's transaction (pass the open transaction so the event commits
 * or rolls back with the change that caused it). Returns the event id.
 */
export async function emitEvent<P>(executor: Executor, input: EmitEventInput<P>, clock: Clock = systemClock): Promise<number> {
  if (!input.type) throw new TypeError('emitEvent: type is required');
  const { rows } = await sql<{ id: unknown }>`
    INSERT INTO outbox_events (type, scope, payload, created_at)
    VALUES (${input.type}, ${input.scope ?? null}, ${jsonb(input.payload)}, ${clock.now()})
    RETURNING id`.execute(executor);
  return toNumber(rows[0].id);
}

export interface ReadEventsOptions {
  /** A `position` from a previous read; omitted = from the beginning. */
  after?: string | null;
  scope?: string;
  types?: string[];
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface EventPage<P = unknown> {
  events: OutboxEvent<P>[];
  /** Where to continue from: the last event's position, or `after` unchanged when nothing new. */
  position: string | null;
}

/**
 * Reads committed events in a stable order. Only events whose transaction is older than every
 * transaction still running are returned, and they are ordered by (transaction id, event id), so
 * an event committed later can never land behind a position a reader has already passed.
 * A long-running transaction anywhere on the server delays (never loses) events.
 */
export async function readEvents<P = unknown>(executor: Executor, options: ReadEventsOptions = {}): Promise<EventPage<P>> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 1000);
  const after = options.after ? parsePosition(options.after) : null;
  if (options.types && options.types.length === 0) return { events: [], position: options.after ?? null };
  const { rows } = await sql<{ id: unknown; type: string; scope: string | null; payload: P; created_at: unknown; tx_id: string }>`
    SELECT id, type, scope, payload, created_at, tx_id::text AS tx_id
    FROM outbox_events
    WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
      ${after ? sql`AND (tx_id, id) > (${after.txId}::xid8, ${after.id}::bigint)` : sql``}
      ${options.scope !== undefined ? sql`AND scope = ${options.scope}` : sql``}
      ${options.types ? sql`AND type IN (${sql.join(options.types)})` : sql``}
    ORDER BY tx_id, id
    LIMIT ${limit}`.execute(executor);
  const events = rows.map((r) => {
    const id = toNumber(r.id);
    return { id, type: r.type, scope: r.scope, payload: r.payload, createdAt: toDate(r.created_at), position: `${r.tx_id}.${id}` };
  });
  return { events, position: events.length > 0 ? events[events.length - 1].position : (options.after ?? null) };
}

function parsePosition(position: string): { txId: string; id: string } {
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(position);
  if (!match) throw new RangeError(`Invalid outbox position "${position.slice(0, 60)}"`);
  return { txId: match[1], id: match[2] };
}

/**
 * Waits until every committed event is readable by readEvents, i.e. no transaction older than any
 * event is still running. Transaction ids are server-wide, so on a busy PostgreSQL a just-committed
 * event can stay hidden for a few milliseconds; tests (and read-your-writes flows) wait here.
 * Never call it inside a transaction that emitted events: it would wait for itself until the timeout.
 */
export async function waitForEventHorizon(executor: Executor, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM outbox_events WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())`.execute(executor);
    if (rows[0].n === 0) return;
    if (Date.now() > end) throw new Error(`${rows[0].n} committed events are still behind the read horizon after ${timeoutMs} ms`);
    await sleep(10);
  }
}
