import { isWellFormedToken } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let manager: string;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Key Makers');
  manager = (await h.createKey(t.tenantId, ['manage:api_keys', 'write:tasks', 'read:users'], 'manager')).key;
});
afterAll(() => h?.close());

describe('API keys over REST', () => {
  it('creates a tak_ key shown once, then lists it masked as tak_ + 8 + ... + last 4', async () => {
    const created = await h.call('POST', '/v1/api-tenant-api-keys', { key: manager, body: { name: 'n8n', scopes: ['read:tasks', 'write:tasks'] } });
    expect(created.status).toBe(201);
    const { key } = created.body;
    expect(isWellFormedToken(key, ['tak_'])).toBe(true);
    expect(created.body).toMatchObject({ name: 'n8n', scopes: ['read:tasks', 'write:tasks'], revoked: false, last_used_at: null, created_via: 'api' });
    expect(created.body.masked_key).toBe(`tak_${key.slice(4, 12)}...${key.slice(-4)}`);
    const listed = await h.call('GET', '/v1/api-tenant-api-keys', { key: manager });
    const row = listed.body.api_keys.find((k: { id: string }) => k.id === created.body.id);
    expect(row).toMatchObject({ masked_key: created.body.masked_key, prefix: `tak_${key.slice(4, 12)}`, last4: key.slice(-4) });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    // Only the hash is stored.
    const stored = await h.database.db.selectFrom('api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key.slice(4));
  });

  it('never lets a key create a key with scopes it lacks (write: covers read:)', async () => {
    const escalate = await h.call('POST', '/v1/api-tenant-api-keys', { key: manager, body: { name: 'x', scopes: ['read:tasks', 'manage:users'] } });
    expect(escalate.status).toBe(403);
    expect(escalate.body).toMatchObject({ error: 'INSUFFICIENT_PERMISSIONS', details: { field: 'scopes', missingScopes: ['manage:users'] } });
    const covered = await h.call('POST', '/v1/api-tenant-api-keys', { key: manager, body: { name: 'reader', scopes: ['read:tasks', 'read:users'] } });
    expect(covered.status).toBe(201);
  });

  it('rejects unknown, repeated or missing scopes and a missing name with 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', scopes: ['read:everything'] }, 'scopes.0'],
      [{ name: 'x', scopes: ['read:tasks', 'read:tasks'] }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: 'read:tasks' }, 'scopes'],
      [{ scopes: ['read:tasks'] }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/v1/api-tenant-api-keys', { key: manager, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field } });
    }
  });

  it('records last_used_at, and a revoked key gets 401 on its next call', async () => {
    const { key, id } = await h.createKey(t.tenantId, ['read:users']);
    h.clock.advance(5_000);
    expect((await h.call('GET', '/v1/api-tenant-users', { key })).status).toBe(200);
    const used = await h.call('GET', '/v1/api-tenant-api-keys', { key: manager });
    expect(used.body.api_keys.find((k: { id: string }) => k.id === id).last_used_at).toBe(h.clock.now().toISOString());
    const revoked = await h.call('DELETE', '/v1/api-tenant-api-keys', { key: manager, query: { key_id: id } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, revoked: true, revoked_at: h.clock.now().toISOString() });
    const after = await h.call('GET', '/v1/api-tenant-users', { key });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('UNAUTHORIZED');
    const again = await h.call('DELETE', '/v1/api-tenant-api-keys', { key: manager, query: { key_id: id } });
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
    const missing = await h.call('DELETE', '/v1/api-tenant-api-keys', { key: manager, query: { key_id: crypto.randomUUID() } });
    expect(missing.status).toBe(404);
  });
});
