/**
 * @module TrainAR's domain events. Every module that changes something a webhook subscriber cares
 * about calls `emitTrainArEvent` inside the transaction that made the change, so the event commits
 * (or rolls back) with it; the webhooks module fans the outbox events out to subscriptions.
 */
import { type Clock, type Executor, emitEvent, enqueueJob } from '@platform/kit';
import { WEBHOOK_EVENTS } from '@trainar/api';
import { fanoutJob } from './delivery';
import { newEnvelope } from './envelope';

/** The six documented webhook events [S: trainar-spec §2.13]. */
export const TRAINAR_EVENTS = WEBHOOK_EVENTS;

export type TrainArEvent = (typeof TRAINAR_EVENTS)[number];

/**
 * Appends `event` for `tenantId` to the outbox in the caller's transaction (the payload is the
 * webhook envelope, its `event_id` fixed here) and enqueues its webhook fan-out; returns the outbox id.
 */
export async function emitTrainArEvent(executor: Executor, clock: Clock, tenantId: string, event: TrainArEvent, data: Record<string, unknown>): Promise<number> {
  const id = await emitEvent(executor, { type: event, scope: tenantId, payload: newEnvelope(event, data, clock.now()) }, clock);
  await enqueueJob(executor, fanoutJob(id), clock);
  return id;
}
