/**
 * Rotating TRAINAR_SECRET_KEY on a running deployment: the app restarts with the new key and the old
 * one in TRAINAR_SECRET_KEY_PREVIOUS; start-up reseals every webhook secret and integration token
 * under the new key, so the next restart works without the old key and deliveries still verify
 * with the secret shown at creation.
 */
import { createSecretBox, ManualClock } from '@platform/kit';
import { createTestDatabase, startReceiver, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { trainarMigrations } from '../migrations';
import { startHarness } from '../testing/index';
import { emitTrainArEvent } from './events';

const OLD = 'old-trainar-key-of-at-least-32-characters';
const NEW = 'new-trainar-key-of-at-least-32-characters';
const tokenBox = (masterKey: string) => createSecretBox({ masterKey, keyName: 'TRAINAR_SECRET_KEY', salt: 'trainar', info: 'trainar integration tokens v1' });

let database: TestDatabase;
const clock = new ManualClock(Date.now());
beforeAll(async () => {
  database = await createTestDatabase(trainarMigrations);
});
afterAll(async () => database?.close());

/** The app on the same database, as a restart with these keys. */
const start = (keys: { webhookSecretKey: string; previousSecretKeys?: string[] }) => startHarness({ database, clock, settings: { webhookUrlAllowance: 'loopback', ...keys } });

const stored = async (table: 'webhook_endpoints' | 'tenant_integrations', id: string) => (await sql<Record<string, string>>`select * from ${sql.table(table)} where id = ${id}`.execute(database.db)).rows[0];

describe('TRAINAR_SECRET_KEY rotation', () => {
  it('reseals webhook secrets and integration tokens at start-up; afterwards the new key alone signs and opens them', async () => {
    const receiver = await startReceiver();
    const first = await start({ webhookSecretKey: OLD });
    const tenant = await first.createTenant('Rotation Co');
    const endpoint = await first.services.webhooks.create(tenant.tenantId, { url: `${receiver.url}/hook`, events: ['task.created'], source: 'api' });
    const integrationId = crypto.randomUUID();
    const now = clock.now();
    await sql`insert into tenant_integrations (id, tenant_id, provider, status, access_token, refresh_token, created_at, updated_at)
      values (${integrationId}, ${tenant.tenantId}, 'servicem8', 'connected', ${tokenBox(OLD).seal('access-1', integrationId)}, ${tokenBox(OLD).seal('refresh-1', integrationId)}, ${now}, ${now})`.execute(database.db);
    await first.close();
    const before = { secret: (await stored('webhook_endpoints', endpoint.id)).secret, integration: await stored('tenant_integrations', integrationId) };

    await (await start({ webhookSecretKey: NEW, previousSecretKeys: [OLD] })).close();
    const endpointRow = await stored('webhook_endpoints', endpoint.id);
    const integrationRow = await stored('tenant_integrations', integrationId);
    expect(endpointRow.secret).not.toBe(before.secret);
    expect(integrationRow.access_token).not.toBe(before.integration.access_token);
    expect(tokenBox(NEW).open(integrationRow.access_token, integrationId)).toBe('access-1');
    expect(tokenBox(NEW).open(integrationRow.refresh_token, integrationId)).toBe('refresh-1');

    const after = await start({ webhookSecretKey: NEW }); // the old key is gone
    try {
      await emitTrainArEvent(database.db, clock, tenant.tenantId, 'task.created', { task_id: 't1', title: 'Rotate', status: 'open', source: 'api' });
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 20_000, interval: 100 });
      const [req] = receiver.received;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      expect(new Webhook(endpoint.secret).verify(req.body.toString('utf8'), headers)).toMatchObject({ event: 'task.created' });
    } finally {
      await after.close();
      await receiver.close();
    }
  });
});
