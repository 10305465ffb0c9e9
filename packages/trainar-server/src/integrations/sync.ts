/**
 * @module The import (a `integrations.sync` job): staff are matched to users by email, each open
 * external job becomes a task (source `integration`, the provider, the job id as external_id; the
 * tasks module fires task.created), and a job seen before updates its task instead, found through
 * `integration_task_links`, so a re-sync never duplicates. Jobs that disappear from the provider
 * leave their tasks alone. The outcome (counts, or the error) is recorded on the integration, and
 * the next automatic sync is scheduled; an auth failure marks the connection `error` and stops
 * automatic syncs until it is reconnected.
 */
import { ApiError, enqueueJob } from '@platform/kit';
import type { SyncSummary } from '@trainar/api';
import type { z } from '@platform/kit';
import { bearerApi, ProviderError } from './http';
import type { ExternalJob } from './providers/types';
import { type IntegrationService, type SyncPayload, syncJob } from './service';

type Summary = z.infer<typeof SyncSummary>;
/** Imports act as the system, not as a user or key. */
const SYNC_ACTOR = { kind: 'operator' } as const;

export async function runSync(service: IntegrationService, payload: SyncPayload): Promise<void> {
  const { db, deps } = service;
  const row = await db.selectFrom('tenant_integrations').selectAll().where('id', '=', payload.integration_id).executeTakeFirst();
  if (!row || row.status === 'disconnected') return;
  // An auto sync superseded by a later schedule (a manual sync re-arms the timer) does nothing.
  if (payload.reason === 'auto' && (!row.next_sync_at || new Date(row.next_sync_at).toISOString() !== payload.due)) return;

  let summary: Summary | null = null;
  let error: string | null = null;
  let refused = false;
  try {
    summary = await importOnce(service, row.id, row.tenant_id);
  } catch (err) {
    if (!(err instanceof ProviderError || err instanceof ApiError)) throw err;
    error = err.message;
    refused = err instanceof ProviderError && (err.unauthorized || err.status === 400);
  }
  const now = deps.clock.now();
  const next = new Date(now.getTime() + row.auto_sync_interval_min * 60_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tenant_integrations')
      .set({
        last_sync_at: now,
        last_sync_status: error ? 'failed' : 'succeeded',
        last_sync_error: error ? `${error}${refused ? ' — reconnect from Dashboard → Integrations (get_integration_connect_url)' : ' — the next sync retries; or trigger_sync'}` : null,
        ...(summary ? { last_sync_summary: JSON.stringify(summary) } : {}),
        ...(refused ? { status: 'error' as const } : { status: 'connected' as const }),
        // Refused credentials stop automatic syncs until someone reconnects (or syncs by hand).
        next_sync_at: refused ? null : next,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('status', '!=', 'disconnected')
      .execute();
    if (!refused) await enqueueJob(trx, syncJob({ integration_id: row.id, reason: 'auto', due: next.toISOString() }, next), deps.clock);
  });
}

async function importOnce(service: IntegrationService, integrationId: string, tenantId: string): Promise<Summary> {
  const { token, adapter } = await service.accessToken(integrationId);
  const api = bearerApi(service.fetcher, token);
  const staff = await adapter.fetchStaff(api);
  const jobs = await adapter.fetchJobs(api, staff);
  const emails = [...new Set([...staff.map((s) => s.email), ...jobs.flatMap((j) => (j.assignee_email ? [j.assignee_email] : []))].map((e) => e.toLowerCase()))];
  const users = await service.ports.usersByEmail(tenantId, emails);

  const { db } = service;
  let matched = 0;
  for (const s of staff) {
    const userId = users.get(s.email.toLowerCase());
    if (!userId) continue;
    matched++;
    await db
      .insertInto('integration_user_links')
      .values({ integration_id: integrationId, tenant_id: tenantId, external_id: s.external_id, user_id: userId })
      .onConflict((oc) => oc.columns(['integration_id', 'external_id']).doUpdateSet({ user_id: userId }))
      .execute();
  }

  const summary: Summary = { jobs: jobs.length, created: 0, updated: 0, unchanged: 0, staff: staff.length, staff_matched: matched };
  for (const job of jobs) {
    const outcome = await upsertTask(service, integrationId, tenantId, adapter.info.key, job, job.assignee_email ? (users.get(job.assignee_email.toLowerCase()) ?? null) : null);
    summary[outcome]++;
  }
  return summary;
}

async function upsertTask(service: IntegrationService, integrationId: string, tenantId: string, provider: string, job: ExternalJob, assignee: string | null): Promise<'created' | 'updated' | 'unchanged'> {
  const { db, deps, ports } = service;
  const now = deps.clock.now();
  const link = await db.selectFrom('integration_task_links').select('task_id').where('integration_id', '=', integrationId).where('external_id', '=', job.external_id).executeTakeFirst();
  if (link) {
    const task = await ports.tasks.get(tenantId, link.task_id);
    const patch = {
      ...(task.title !== job.title ? { title: job.title } : {}),
      ...(task.description !== job.description ? { description: job.description } : {}),
      ...(assignee && task.assigned_to?.user_id !== assignee ? { assigned_to: assignee } : {}),
    };
    await db.updateTable('integration_task_links').set({ synced_at: now }).where('integration_id', '=', integrationId).where('external_id', '=', job.external_id).execute();
    if (Object.keys(patch).length === 0) return 'unchanged';
    await ports.tasks.update(tenantId, SYNC_ACTOR, link.task_id, patch);
    return 'updated';
  }
  let taskId: string;
  try {
    const task = await ports.tasks.create(tenantId, SYNC_ACTOR, {
      title: job.title,
      description: job.description,
      source: 'integration',
      provider,
      external_id: job.external_id,
      assigned_to: assignee,
      due_date: job.due_date,
    });
    taskId = task.id;
  } catch (err) {
    // The task exists already (a concurrent sync, or a link lost with a reconnect): adopt it.
    const existing = err instanceof ApiError && err.kind === 'conflict' ? (err.details?.task_id as string | undefined) : undefined;
    if (!existing) throw err;
    taskId = existing;
  }
  await db
    .insertInto('integration_task_links')
    .values({ integration_id: integrationId, tenant_id: tenantId, external_id: job.external_id, task_id: taskId, synced_at: now })
    .onConflict((oc) => oc.columns(['integration_id', 'external_id']).doNothing())
    .execute();
  return 'created';
}
