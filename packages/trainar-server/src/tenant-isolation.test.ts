/**
 * Tenants are the isolation boundary: a key of tenant A with every scope, aimed at tenant B's
 * resources through every operation in the registry, reads nothing of B (no id, name or row of B
 * in any response) and changes nothing of B (every row of every table with a tenant_id column is
 * identical before and after). Table-driven over the registry, so later operations are covered.
 */
import { operations, SCOPES } from '@trainar/api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostTarget, pairDevice, deviceCall, type OperationTarget, operationCases, operationsWithoutCase, startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
let a: TenantFixture;
let b: TenantFixture;
let aKey: string;
let bKey: { key: string; id: string };
let bTarget: OperationTarget;
let bMarkers: string[];

/** Every row of tenant B, in every table that has a tenant_id column (later tables included). */
async function snapshotOf(tenantId: string): Promise<Record<string, string[]>> {
  const db = h.database.db;
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where column_name = 'tenant_id' and table_schema = current_schema() order by table_name`.execute(db);
  const out: Record<string, string[]> = {};
  out.tenants = (await sql`select * from tenants where id = ${tenantId}`.execute(db)).rows.map((r) => JSON.stringify(r));
  for (const { table_name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(table_name)} where tenant_id = ${tenantId}`.execute(db);
    out[table_name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

beforeAll(async () => {
  h = await startHarness();
  a = await h.createTenant('Alpha Robotics');
  b = await h.createTenant(`Beta Hidden ${crypto.randomUUID().slice(0, 8)}`);
  aKey = (await h.createKey(a.tenantId, SCOPES, 'A all scopes')).key;
  await h.invite(a.tenantId, 'member');
  const bMember = await h.invite(b.tenantId, 'member');
  bKey = await h.createKey(b.tenantId, ['read:users'], 'B key');
  const bTask = await h.services.tasks.create(b.tenantId, { kind: 'operator' }, { title: `Beta secret task ${crypto.randomUUID().slice(0, 8)}`, source: 'manual' });
  const bSkill = await h.services.skills.create(b.tenantId, { kind: 'operator' }, { display_name: 'Beta Secret Skill', description: 'B only', webhook_url: 'http://127.0.0.1:9/b' });
  const bWebhook = await h.services.webhooks.create(b.tenantId, { url: 'https://93.184.215.14/b-hook', events: ['session.completed'], source: 'api' });
  const bCollection = await h.services.knowledge.collections.create(b.tenantId, { name: 'B manuals' });
  const bItem = await h.services.knowledge.upload(b.tenantId, { name: 'B secret manual', content: 'probe text of B', collection_id: bCollection.id, auto_process: false });
  const bKnowledge = { knowledgeId: bItem.id, fileId: bItem.files[0].id, collectionId: bCollection.id };
  const bDevice = await pairDevice(h, b.tenantId);
  const bSession = await deviceCall(h, bDevice.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
  // A connected integration of B (as our OAuth callback leaves it; no provider is reached by these probes).
  const bIntegrationId = crypto.randomUUID();
  await sql`insert into tenant_integrations (id, tenant_id, provider, status, connected_at, created_at, updated_at) values (${bIntegrationId}, ${b.tenantId}, 'servicem8', 'connected', now(), now(), now())`.execute(h.database.db);
  bTarget = { tenantId: b.tenantId, userId: bMember.id, adminId: b.adminId, keyId: bKey.id, email: b.adminEmail, taskId: bTask.id, skillId: bSkill.id, webhookId: bWebhook.id, ...bKnowledge, seatId: bDevice.seatId, deviceId: bDevice.deviceId, sessionId: bSession.body.id, integrationId: bIntegrationId };
  bMarkers = [bIntegrationId, b.tenantId, b.tenantName, b.adminId, bMember.id, bKey.id, bTask.id, bTask.title, bSkill.id, bSkill.name, bWebhook.id, 'b-hook', ...Object.values(bKnowledge), 'B secret manual', bDevice.seatId, bDevice.deviceId, bSession.body.id];
});
afterAll(() => h?.close());

describe('tenant isolation', () => {
  it('has an isolation case for every operation in the registry', () => {
    expect(operationsWithoutCase()).toEqual([]);
  });

  it.each(operations.map((op) => [op.name, op] as const))('%s with a key of tenant A reads and changes nothing of tenant B', async (_name, op) => {
    const testCase = operationCases[op.name];
    const before = await snapshotOf(b.tenantId);
    const input = testCase.input(bTarget);
    const res = await h.callOperation(op, input, aKey);
    if (testCase.crossTenant === 'not_found') {
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('NOT_FOUND');
      // Indistinguishable from an id that exists nowhere: B's resources are not even confirmed to exist.
      const ghost = ghostTarget();
      const ghostRes = await h.callOperation(op, testCase.input(ghost), aKey);
      const swap = (text: string) => (Object.keys(bTarget) as (keyof OperationTarget)[]).reduce((acc, k) => acc.replaceAll(bTarget[k], ghost[k]), text);
      expect(swap(JSON.stringify(res.body))).toBe(JSON.stringify(ghostRes.body));
    } else if (testCase.crossTenant === 'conflict') {
      expect(res.status).toBe(409);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    // Nothing of B beyond what the caller itself sent (the id it asked about).
    const text = JSON.stringify(res.body);
    const sent = JSON.stringify(input);
    for (const marker of bMarkers.filter((m) => !sent.includes(m))) expect(text).not.toContain(marker);
    expect(await snapshotOf(b.tenantId)).toEqual(before);
  });

  it("leaves tenant B's key and users working", async () => {
    const res = await h.call('GET', '/v1/api-tenant-users', { key: bKey.key });
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id).sort()).toEqual([b.adminId, bTarget.userId].sort());
  });
});
