/**
 * @module Outbox and job-queue metrics (docs/metrics.md), read at scrape time with one query on the
 * jobs table's partial indexes (pending, running), plus this process's worker totals. The product
 * says which events count as undelivered (`oldestUndeliveredEvent`), since only it knows how its
 * events reach their consumers.
 */
import { sql } from 'kysely';
import type { AnyDb } from '../db/database';
import { toDate } from '../outbox/sql-values';
import type { RunCounts, Worker } from '../outbox/worker';
import type { AppMetrics } from './app-metrics';
import { Counter, Gauge } from './prom';

export interface OutboxMetricsOptions {
  db: AnyDb;
  /** Job kinds this app runs: each shows a backlog of 0 rather than no series while idle. */
  jobKinds: string[];
  /**
   * When the oldest event still waiting on us (not on a receiver) was created, or null when none:
   * e.g. not yet fanned out to its webhooks, or a first delivery attempt not yet made.
   */
  oldestUndeliveredEvent?: (db: AnyDb) => Promise<Date | null>;
  /** Now, for ages (the app's clock, so a test's manual clock shows its own lag). */
  now: () => Date;
}

const STATES = ['due', 'scheduled', 'running'] as const;

export function registerOutboxMetrics(metrics: AppMetrics, options: OutboxMetricsOptions): void {
  const registers = [metrics.registry];
  const backlog = new Gauge({
    name: 'outbox_jobs_backlog',
    help: 'Jobs not finished, by kind and state: due (pending, run_at passed), scheduled (pending, later), running (leased).',
    labelNames: ['kind', 'state'],
    registers,
  });
  const oldestDue = new Gauge({
    name: 'outbox_oldest_due_job_age_seconds',
    help: 'How long the oldest due job has waited past its run_at (0 when none is due): the worker falling behind.',
    registers,
  });
  const eventLag = options.oldestUndeliveredEvent
    ? new Gauge({
        name: 'outbox_oldest_undelivered_event_age_seconds',
        help: 'Age of the oldest outbox event still waiting to be handed to its consumers (0 when none).',
        registers,
      })
    : undefined;

  metrics.onScrape('outbox_jobs', async () => {
    const now = options.now();
    try {
      const { rows } = await sql<{ kind: string; due: number; scheduled: number; running: number; oldest_due: unknown }>`
        select kind,
               count(*) filter (where status = 'pending' and run_at <= ${now})::int as due,
               count(*) filter (where status = 'pending' and run_at > ${now})::int as scheduled,
               count(*) filter (where status = 'running')::int as running,
               min(run_at) filter (where status = 'pending' and run_at <= ${now}) as oldest_due
        from jobs where status in ('pending', 'running') group by kind`.execute(options.db);
      backlog.reset();
      for (const kind of options.jobKinds) for (const state of STATES) backlog.labels(kind, state).set(0);
      let oldest: number | undefined;
      for (const row of rows) {
        for (const state of STATES) backlog.labels(row.kind, state).set(row[state]);
        if (row.oldest_due !== null) oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, toDate(row.oldest_due).getTime());
      }
      oldestDue.set(oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000));
    } catch (err) {
      backlog.reset();
      oldestDue.set(Number.NaN);
      throw err;
    }
  });

  if (eventLag && options.oldestUndeliveredEvent) {
    const oldestEvent = options.oldestUndeliveredEvent;
    metrics.onScrape('outbox_events', async () => {
      try {
        const oldest = await oldestEvent(options.db);
        eventLag.set(oldest ? Math.max(0, (options.now().getTime() - oldest.getTime()) / 1000) : 0);
      } catch (err) {
        eventLag.set(Number.NaN);
        throw err;
      }
    });
  }
}

const RESULTS: [keyof RunCounts, string][] = [
  ['claimed', 'claimed'],
  ['recovered', 'recovered'],
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
  ['dead', 'dead'],
  ['leaseLost', 'lease_lost'],
  ['unrecorded', 'unrecorded'],
];

/** This process's worker totals (`worker.counts`), read at scrape time. */
export function registerWorkerMetrics(metrics: AppMetrics, worker: Pick<Worker, 'counts'>): void {
  new Counter({
    name: 'outbox_job_runs_total',
    help: "This process's worker: jobs claimed, recovered from a dead worker, succeeded, failed (retry scheduled), dead (no attempts left), lease_lost, unrecorded.",
    labelNames: ['result'],
    registers: [metrics.registry],
    collect() {
      const counts = worker.counts;
      // The worker keeps the totals; the counter mirrors them (they only grow).
      this.reset();
      for (const [key, label] of RESULTS) this.labels(label).inc(counts[key]);
    },
  });
}
