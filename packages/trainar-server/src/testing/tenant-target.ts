/**
 * @module A tenant with one resource of every kind an operation can address (the target of the
 * authorization matrix's other-tenant cells), the markers that must never leak to another tenant,
 * and a snapshot of every row the tenant owns (every table with a tenant_id column, later tables
 * included) to prove nothing of it changed.
 */
import { sql } from 'kysely';
import { deviceCall, pairDevice } from './devices';
import type { TrainArHarness } from './harness';
import type { OperationTarget } from './operation-cases';

export interface SeededTenant {
  target: OperationTarget;
  /** Ids and names of the tenant's resources: none may appear in another tenant's answers. */
  markers: string[];
}

export async function seedTenantTarget(h: TrainArHarness, tenantId: string, tenantName: string, adminId: string, adminEmail: string): Promise<SeededTenant> {
  const tag = crypto.randomUUID().slice(0, 8);
  const member = await h.invite(tenantId, 'member');
  const key = await h.createKey(tenantId, ['read:users'], `Target key ${tag}`);
  const task = await h.services.tasks.create(tenantId, { kind: 'operator' }, { title: `Target secret task ${tag}`, source: 'manual' });
  const skill = await h.services.skills.create(tenantId, { kind: 'operator' }, { display_name: `Target Secret Skill ${tag}`, description: 'target only', webhook_url: 'http://127.0.0.1:9/target' });
  const webhook = await h.services.webhooks.create(tenantId, { url: `https://93.184.215.14/target-hook-${tag}`, events: ['session.completed'], source: 'api' });
  const collection = await h.services.knowledge.collections.create(tenantId, { name: `Target manuals ${tag}` });
  const item = await h.services.knowledge.upload(tenantId, { name: `Target secret manual ${tag}`, content: 'probe text of the target', collection_id: collection.id, auto_process: false });
  const device = await pairDevice(h, tenantId);
  const session = await deviceCall(h, device.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
  // A connected integration (as our OAuth callback leaves it; no provider is reached by the probes).
  const integrationId = crypto.randomUUID();
  await sql`insert into tenant_integrations (id, tenant_id, provider, status, connected_at, created_at, updated_at) values (${integrationId}, ${tenantId}, 'servicem8', 'connected', now(), now(), now())`.execute(
    h.database.db,
  );
  const target: OperationTarget = {
    tenantId,
    userId: member.id,
    adminId,
    keyId: key.id,
    email: adminEmail,
    taskId: task.id,
    skillId: skill.id,
    webhookId: webhook.id,
    knowledgeId: item.id,
    fileId: item.files[0].id,
    collectionId: collection.id,
    seatId: device.seatId,
    deviceId: device.deviceId,
    sessionId: session.body.id,
    integrationId,
  };
  const markers = [...Object.values(target).filter((v) => v !== adminEmail), tenantName, task.title, skill.name, `target-hook-${tag}`, item.name];
  return { target, markers };
}

/** Every row of the tenant, in every table that has a tenant_id column (one statement: it runs after every probe). */
export async function tenantSnapshot(h: TrainArHarness, tenantId: string): Promise<Record<string, string[]>> {
  const db = h.database.db;
  const tables = await sql<{ table_name: string }>`
    select distinct table_name from information_schema.columns
    where column_name = 'tenant_id' and table_schema = current_schema() order by table_name`.execute(db);
  const parts = [
    sql`select 'tenants' as t, row_to_json(x)::text as r from tenants x where id = ${tenantId}`,
    ...tables.rows.map(({ table_name }) => sql`select ${sql.lit(table_name)} as t, row_to_json(x)::text as r from ${sql.table(table_name)} x where tenant_id = ${tenantId}`),
  ];
  const rows = await sql<{ t: string; r: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: Record<string, string[]> = Object.fromEntries(tables.rows.map(({ table_name }) => [table_name, []]));
  for (const { t, r } of rows.rows) out[t] = [...(out[t] ?? []), r];
  for (const list of Object.values(out)) list.sort();
  return out;
}
