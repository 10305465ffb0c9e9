import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { testMigrations } from '../outbox/fixtures/fixture-migrations';
import { enqueueJob } from '../outbox/jobs';
import { createWorker } from '../outbox/worker';
import { waitForJobsSettled } from './jobs-settled';
import { createTestDatabase, type TestDatabase } from './test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase(testMigrations);
});
afterAll(async () => {
  await t?.close();
});

it('returns once every due job has run, ignores jobs not yet due, and times out naming what is left', async () => {
  const clock = new ManualClock();
  const ran: string[] = [];
  // A long poll interval: only the helper's wake() makes the worker look.
  const worker = createWorker({ db: t.db, clock, pollIntervalMs: 60_000, handlers: { note: async (job) => void ran.push((job.payload as { n: string }).n) } });
  worker.start();
  try {
    await enqueueJob(t.db, { kind: 'note', payload: { n: 'now' } }, clock);
    await enqueueJob(t.db, { kind: 'note', payload: { n: 'later' }, runAt: new Date(clock.now().getTime() + 60_000) }, clock);
    await waitForJobsSettled({ db: t.db, clock, wake: () => worker.wake() });
    expect(ran).toEqual(['now']);
    clock.advance(60_000);
    await waitForJobsSettled({ db: t.db, clock, wake: () => worker.wake() });
    expect(ran).toEqual(['now', 'later']);
  } finally {
    await worker.stop();
  }
  // No worker at all: a due job never runs, and the wait says so instead of passing.
  await enqueueJob(t.db, { kind: 'note', payload: { n: 'stuck' } }, clock);
  await expect(waitForJobsSettled({ db: t.db, clock, wake: () => {}, timeoutMs: 200 })).rejects.toThrow('1 job(s) still due or running after 200 ms');
});
