import { SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Northwind Maintenance');
  key = (await h.createKey(t.tenantId, ['read:account', 'manage:account'])).key;
});
afterAll(() => h?.close());

describe('account over REST', () => {
  it('gets the account: name, locale, plan summary and counts', async () => {
    await h.invite(t.tenantId);
    const res = await h.call('GET', '/v1/api-tenant-account', { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: t.tenantId,
      name: 'Northwind Maintenance',
      timezone: 'UTC',
      country: null,
      language: 'en',
      status: 'active',
      plan: null,
      usage: { users: 2, active_users: 2, admins: 1, api_keys: 1 },
    });
  });

  it('updates name, timezone, country and language, storing canonical forms', async () => {
    const res = await h.call('PATCH', '/v1/api-tenant-account', { key, body: { name: '  Northwind Ltd ', timezone: 'europe/london', country: 'gb', language: 'en-gb' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Northwind Ltd', timezone: 'Europe/London', country: 'GB', language: 'en-GB' });
    const cleared = await h.call('PATCH', '/v1/api-tenant-account', { key, body: { country: null } });
    expect(cleared.body.country).toBeNull();
  });

  it('rejects a bad field with 400 naming it, and an empty update', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ country: 'XX' }, 'country'],
      [{ country: 'GBR' }, 'country'],
      [{ language: 'klingon!' }, 'language'],
      [{ name: '' }, 'name'],
      [{ name: 42 }, 'name'],
      [{}, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('PATCH', '/v1/api-tenant-account', { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field } });
    }
  });

  it('returns the settings: locality, sign-in methods, invitation expiry, API scopes', async () => {
    const res = await h.call('GET', '/v1/api-tenant-account-settings', { key });
    expect(res.body).toMatchObject({
      tenant_id: t.tenantId,
      general: { name: 'Northwind Ltd' },
      locality: { timezone: 'Europe/London' },
      authentication: { methods: ['email_password'], sso: false },
      invitations: { expiry_hours: 168 },
      api: { base_path: '/v1', scopes: [...SCOPES] },
    });
  });

  it('serves the OpenAPI document with the flat paths and ?id= variants', async () => {
    const doc = (await h.call('GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe(`${h.url}/v1`);
    expect(doc.paths['/api-tenant-users'].get.operationId).toBe('list_users');
    expect(doc.paths['/api-tenant-users?user_id'].get.operationId).toBe('get_user');
    expect(doc.paths['/api-tenant-users'].post['x-scopes']).toEqual(['manage:users']);
    expect(doc.paths['/api-tenant-api-keys?key_id'].delete.operationId).toBe('revoke_api_key');
    expect(doc.components.schemas.Error.required).toEqual(['error', 'message']);
  });
});
