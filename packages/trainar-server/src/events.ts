/**
 * @module TrainAR's domain events. Every module that changes something a webhook subscriber cares
 * about calls `emitTrainArEvent` inside the transaction that made the change, so the event commits
 * (or rolls back) with it; the webhooks module fans the outbox events out to subscriptions.
 */
import { type Clock, type Executor, emitEvent } from '@platform/kit';

/** The six documented webhook events [S: trainar-spec §2.13]. */
export const TRAINAR_EVENTS = ['task.created', 'task.status_changed', 'task.completed', 'session.started', 'session.completed', 'skill.executed'] as const;

export type TrainArEvent = (typeof TRAINAR_EVENTS)[number];

/** Appends `event` for `tenantId` to the outbox in the caller's transaction; returns the outbox id. */
export function emitTrainArEvent(executor: Executor, clock: Clock, tenantId: string, event: TrainArEvent, data: Record<string, unknown>): Promise<number> {
  return emitEvent(executor, { type: event, scope: tenantId, payload: data }, clock);
}
