/**
 * @module Test and benchmark support: the kit's receiver server (records every request, answers as
 * scripted), and a harness wiring webhooks, a ManualClock and workers over a test database.
 */
import { type Clock, createWorker, emitEvent, type Worker } from '@platform/kit';
import { type AnyDb, waitForEventHorizon } from '@platform/kit';
import { createWebhooks, DELIVER_JOB, FANOUT_JOB, type Webhooks, type WebhooksOptions } from './index';

export { type ReceivedRequest, type Reply, startReceiver, type TestReceiver } from '@platform/kit/testing';

export interface Harness {
  webhooks: Webhooks;
  /** Claims only `webhooks.fanout`. */
  fanoutWorker: Worker;
  /** Claims only `webhooks.deliver`. */
  deliveryWorker: Worker;
  /** Waits for the read horizon, then runs one fan-out pass. */
  fanout(): Promise<void>;
  /** One batch of due deliveries. */
  deliver(): ReturnType<Worker['runOnce']>;
  emit(accountId: string, type: string, data: Record<string, unknown>): Promise<number>;
  close(): void;
}

/** Webhooks over `db` with separate fan-out and delivery workers (runOnce-driven, ManualClock friendly). */
export async function createHarness(db: AnyDb, clock: Clock, options: Partial<WebhooksOptions> = {}): Promise<Harness> {
  const webhooks = createWebhooks({ db, clock, allowPrivateUrls: true, fanoutIntervalMs: 0, ...options });
  const common = { db, clock, leaseMs: 60_000, pollIntervalMs: 10, batchSize: 20 };
  const fanoutWorker = createWorker({ ...common, handlers: { [FANOUT_JOB]: webhooks.jobHandlers[FANOUT_JOB] } });
  const deliveryWorker = createWorker({ ...common, handlers: { [DELIVER_JOB]: webhooks.jobHandlers[DELIVER_JOB] } });
  await webhooks.ensureFanout();
  return {
    webhooks,
    fanoutWorker,
    deliveryWorker,
    async fanout() {
      await waitForEventHorizon(db);
      const counts = await fanoutWorker.runOnce();
      if (counts.succeeded !== 1) throw new Error(`fan-out pass did not succeed: ${JSON.stringify(counts)}`);
    },
    deliver: () => deliveryWorker.runOnce(),
    emit: (accountId, type, data) => emitEvent(db, { type, scope: accountId, payload: data }, clock),
    close: () => webhooks.close(),
  };
}
