/**
 * @module Waiting for the job queue instead of sleeping: a test that must show something did NOT
 * happen ("no second delivery", "not before its time") waits until every job due on the test's
 * clock has run, then asserts. Faster than a fixed sleep, and it cannot pass by being too short.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { AnyDb } from '../db/database';

export interface JobsSettledOptions {
  db: AnyDb;
  clock: Clock;
  /** The worker's wake(): polls now instead of at its interval. */
  wake: () => void;
  /** Only these job kinds (default: every kind). */
  kinds?: readonly string[];
  timeoutMs?: number;
}

/** Resolves once no job is due on `clock` and none is running; throws with the count at the timeout. */
export async function waitForJobsSettled(o: JobsSettledOptions): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  for (;;) {
    const kinds = o.kinds ? sql`and kind in (${sql.join([...o.kinds])})` : sql``;
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from jobs
      where ((status = 'pending' and run_at <= ${o.clock.now()}) or status = 'running') ${kinds}`.execute(o.db);
    const open = rows[0]?.n ?? 0;
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`waitForJobsSettled: ${open} job(s) still due or running after ${o.timeoutMs ?? 20_000} ms`);
    o.wake();
    await sleep(20);
  }
}
