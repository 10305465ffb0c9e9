/**
 * @module The outbox shared by every instance, counted at a real webhook receiver: a TrainAR webhook
 * for `task.created`, then `events` tasks created through the proxy (so both instances write events
 * and both instances' workers claim fan-out and delivery jobs). Each event must arrive exactly once
 * (by `webhook-id`, the event id), none missing; the delivery attempts are read back to show that
 * more than one process delivered.
 */
import { startReceiver } from '@platform/kit/testing';
import { sql } from 'kysely';
import type { TrainArTenant } from './trainar-setup';
import { check, inParallel, json, productDatabase, until } from './support';

/** Tasks per key stay well under TRAINAR_API_RATE_LIMIT per minute (the cluster sets it). */
const TASKS_PER_KEY = 200;

export async function outboxExactlyOnce(base: string, databaseUrl: string, tenant: TrainArTenant, events: number): Promise<Record<string, unknown>> {
  // A receiver that takes 100 ms, as real ones do: one instance's five delivery slots cannot drain
  // the queue between the other instance's polls (with an instant receiver one worker could take all).
  const receiver = await startReceiver(() => ({ status: 200, delayMs: 100 }));
  const db = await productDatabase(databaseUrl, 'trainar');
  try {
    const hook = await json(`${base}/v1/webhook-subscribe`, { token: tenant.adminKey, body: { url: `${receiver.url}/hooks`, events: ['task.created'] } });
    check(hook.status === 201 || hook.status === 200, 'webhook created', hook);
    const endpointId = String(hook.body.id ?? hook.body.endpoint_id);
    const keys = await Promise.all(Array.from({ length: Math.ceil(events / TASKS_PER_KEY) }, () => tenant.newKey()));
    const started = performance.now();
    const taskIds = await inParallel(
      Array.from({ length: events }, (_, i) => i),
      8,
      async (i) => {
        const created = await json(`${base}/v1/api-tenant-tasks`, { token: keys[Math.floor(i / TASKS_PER_KEY)], body: { title: `Multi-instance task ${i}`, priority: 'medium' } });
        check(created.status === 201 || created.status === 200, 'task created', created);
        return String(created.body.id ?? created.body.task_id ?? created.body.task?.id);
      },
    );
    await until(`${events} deliveries`, async () => receiver.received.length >= events, 180_000, 200);
    const deliveredMs = Math.round(performance.now() - started);
    // Late duplicates would arrive after the last first delivery: wait a few poll intervals more.
    await new Promise((r) => setTimeout(r, 5000));
    const byEvent = new Map<string, number>();
    const delivered = new Set<string>();
    for (const request of receiver.received) {
      const id = String(request.headers['webhook-id']);
      byEvent.set(id, (byEvent.get(id) ?? 0) + 1);
      const body = JSON.parse(request.body.toString('utf8')) as { data: { id?: string; task_id?: string } };
      delivered.add(String(body.data.id ?? body.data.task_id));
    }
    const duplicates = [...byEvent.values()].filter((n) => n > 1).length;
    const missing = taskIds.filter((id) => !delivered.has(id));
    check(duplicates === 0, 'no event delivered twice', duplicates);
    check(missing.length === 0, 'every task.created event delivered', missing.slice(0, 5));
    check(receiver.received.length === events, 'exactly one request per event', receiver.received.length);
    const workers = await sql<{ worker: string; n: number }>`
      select a.worker, count(*)::int as n from job_attempts a join jobs j on j.id = a.job_id
      where j.kind = 'webhooks.deliver' and j.payload ->> 'endpointId' = ${endpointId} and a.outcome = 'succeeded'
      group by a.worker order by a.worker`.execute(db.db);
    const processes = new Set(workers.rows.map((r) => r.worker.split(':').slice(0, 2).join(':')));
    check(processes.size >= 2, 'deliveries were shared by more than one process', workers.rows);
    return { events, deliveries: receiver.received.length, duplicates, missing: missing.length, deliveringProcesses: processes.size, deliveriesPerProcess: workers.rows.map((r) => r.n).join('/'), deliveredMs };
  } finally {
    await receiver.close();
    await db.close();
  }
}
