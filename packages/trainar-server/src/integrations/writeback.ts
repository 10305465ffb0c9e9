/**
 * @module Write-back [S: tasks-sessions-writeback]: when a session on an integration-sourced task
 * completes, a note (session, score %, duration, video, completer name and email, notes,
 * completion time; empty lines dropped) is posted to the external job. The note is queued in the
 * session's transaction (an `integration_writebacks` row and an `integrations.writeback` job);
 * each failed attempt is recorded and retried on the schedule (default 1, 5, 30, 120 min, like
 * webhooks); after the last one the note is `failed`. Pending and failed notes, and the last
 * error, show in the integration's status, so an outage at the provider is visible.
 */
import { enqueueJob, type Executor, nextAttemptAt } from '@platform/kit';
import type { Session } from '@trainar/api';
import { bearerApi, ProviderError } from './http';
import type { IntegrationDb } from './migrations';
import { type IntegrationService, WRITEBACK_JOB } from './service';

export interface WritebackPayload {
  writeback_id: string;
  /** 1-based attempt. */
  attempt: number;
}

const writebackJob = (p: WritebackPayload, runAt?: Date) => ({ kind: WRITEBACK_JOB, payload: p, runAt, maxAttempts: 5, dedupeKey: `${WRITEBACK_JOB}:${p.writeback_id}:${p.attempt}` });

/** In the session's transaction: queue a note when the task came from a connected integration that writes back. */
export async function queueWriteback(service: IntegrationService, executor: Executor, tenantId: string, taskId: string, sessionId: string): Promise<void> {
  const trx = executor as unknown as IntegrationDb;
  const link = await trx
    .selectFrom('integration_task_links as l')
    .innerJoin('tenant_integrations as i', 'i.id', 'l.integration_id')
    .select(['l.integration_id', 'l.external_id', 'i.provider'])
    .where('l.task_id', '=', taskId)
    .where('l.tenant_id', '=', tenantId)
    .where('i.writeback_enabled', '=', true)
    .where('i.status', '!=', 'disconnected')
    .executeTakeFirst();
  if (!link || !service.registry.get(link.provider)?.info.writeback) return;
  const now = service.deps.clock.now();
  const id = crypto.randomUUID();
  const inserted = await trx
    .insertInto('integration_writebacks')
    .values({ id, tenant_id: tenantId, integration_id: link.integration_id, session_id: sessionId, task_id: taskId, external_id: link.external_id, status: 'pending', attempts: 0, last_error: null, next_retry_at: now, sent_at: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['integration_id', 'session_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) await enqueueJob(executor, writebackJob({ writeback_id: id, attempt: 1 }), service.deps.clock);
}

export async function runWriteback(service: IntegrationService, payload: WritebackPayload): Promise<void> {
  const { db, deps } = service;
  const wb = await db.selectFrom('integration_writebacks').selectAll().where('id', '=', payload.writeback_id).executeTakeFirst();
  if (wb?.status !== 'pending') return;
  let error: string | null = null;
  try {
    const { session, userEmail } = await service.ports.session(wb.tenant_id, wb.session_id);
    const { token, adapter } = await service.accessToken(wb.integration_id);
    await adapter.writeNote(bearerApi(service.fetcher, token), wb.external_id, writebackNote(session, userEmail));
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    error = err.message;
  }
  const now = deps.clock.now();
  const retryAt = error ? nextAttemptAt(service.retryScheduleMs, payload.attempt, now) : null;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('integration_writebacks')
      .set({
        status: error ? (retryAt ? 'pending' : 'failed') : 'sent',
        attempts: payload.attempt,
        last_error: error,
        next_retry_at: retryAt,
        sent_at: error ? null : now,
        updated_at: now,
      })
      .where('id', '=', wb.id)
      .execute();
    if (retryAt) await enqueueJob(trx, writebackJob({ writeback_id: wb.id, attempt: payload.attempt + 1 }, retryAt), deps.clock);
  });
  if (error) deps.logger.warn({ integrationId: wb.integration_id, writebackId: wb.id, attempt: payload.attempt, error }, retryAt ? 'integration write-back failed; will retry' : 'integration write-back failed for good');
}

const duration = (seconds: number | null) => {
  if (seconds == null) return '';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
};

/** The note text; a line whose value is empty is dropped. */
export function writebackNote(session: Session, userEmail: string | null): string {
  const completer = [session.user_name, userEmail ? `<${userEmail}>` : ''].filter(Boolean).join(' ');
  const lines: [string, string | null | undefined][] = [
    ['Session', session.name ? `${session.name} (${session.id})` : session.id],
    ['Result', session.status === 'completed' ? 'Completed' : 'Failed'],
    ['Score', session.score == null ? '' : `${session.score}%`],
    ['Duration', duration(session.duration_seconds)],
    ['Video', session.video_url],
    ['Completed by', completer],
    ['Notes', session.notes],
    ['Completed at', session.completed_at],
  ];
  return ['TrainAR session completed', ...lines.filter(([, v]) => v != null && String(v).trim() !== '').map(([k, v]) => `${k}: ${v}`)].join('\n');
}
