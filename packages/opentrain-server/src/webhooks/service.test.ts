import { ApiError, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhooks, WEBHOOK_EVENT_TYPES, type Webhooks, type WebhooksOptions, webhooksMigrations } from './index';
import type { Resolver } from '@platform/kit';

let t: TestDatabase;
const clock = new ManualClock('2026-03-01T10:00:00Z');
const open: Webhooks[] = [];

/** Public hosts for tests that must not touch the network. */
const fakeDns: Resolver = async (host) => {
  const table: Record<string, string[]> = { 'hooks.example.com': ['93.184.216.34'], 'dual.example.com': ['93.184.216.34', '10.1.2.3'], 'localtest.example.com': ['127.0.0.1'] };
  const found = table[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

function webhooks(options: Partial<WebhooksOptions> = {}) {
  const w = createWebhooks({ db: t.db, clock, resolve: fakeDns, ...options });
  open.push(w);
  return w;
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an ApiError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeAll(async () => {
  t = await createTestDatabase([...kitMigrations, ...webhooksMigrations]);
});
afterEach(async () => {
  for (const w of open.splice(0)) w.close();
  await sql`delete from ot_webhooks`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('create', () => {
  it('returns the secret once; list and get never show it again', async () => {
    const { service } = webhooks();
    const created = await service.create('acc_1', { url: 'https://hooks.example.com/ot', eventTypes: ['proposal.received', 'proposal.received', 'message.received'] });
    expect(created.secret).toMatch(/^whsec_[0-9A-Za-z]{38}$/);
    expect(created.message).toMatch(/only once/);
    expect(created.webhook).toEqual({
      id: expect.stringMatching(/^wh_/),
      url: 'https://hooks.example.com/ot',
      eventTypes: ['proposal.received', 'message.received'],
      status: 'ACTIVE',
      createdAt: '2026-03-01T10:00:00.000Z',
      disabledAt: null,
      disabledReason: null,
    });
    const listed = await service.list('acc_1');
    const got = await service.get('acc_1', created.webhook.id);
    expect(listed).toEqual([created.webhook]);
    expect(got).toEqual(created.webhook);
    expect(JSON.stringify([listed, got])).not.toContain(created.secret.slice(6));
  });

  it('stores the secret sealed under OPENTRAIN_SECRET_KEY, or as is without a key', async () => {
    const sealed = await webhooks({ secretKey: 'k'.repeat(40) }).service.create('acc_1', { url: 'https://hooks.example.com/a', eventTypes: ['contract.created'] });
    const plain = await webhooks().service.create('acc_1', { url: 'https://hooks.example.com/b', eventTypes: ['contract.created'] });
    const rows = await t.db.selectFrom('ot_webhooks').select(['id', 'secret']).execute();
    const stored = Object.fromEntries(rows.map((r) => [r.id, r.secret as string]));
    expect(stored[sealed.webhook.id]).toMatch(/^enc:v1:/);
    expect(stored[sealed.webhook.id]).not.toContain(sealed.secret.slice(6));
    expect(stored[plain.webhook.id]).toBe(`plain:${plain.secret}`);
  });

  it('validates event types against the 8 documented ones', async () => {
    const { service } = webhooks();
    const error = await apiError(service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: ['proposal.received', 'job.created', 'nope'] }));
    expect(error.status).toBe(400);
    expect(error.details).toMatchObject({ field: 'eventTypes', unknownEventTypes: ['job.created', 'nope'], supportedEventTypes: [...WEBHOOK_EVENT_TYPES] });
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(8);
    expect((await apiError(service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: [] }))).details).toMatchObject({ field: 'eventTypes' });
  });

  it('requires the read scope of every subscribed type when the caller scopes are given', async () => {
    const { service } = webhooks();
    const error = await apiError(service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: ['message.received', 'payment.pending'] }, { grantedScopes: ['webhooks:manage', 'payments:write'] }));
    expect(error.status).toBe(403);
    expect(error.details).toMatchObject({ requiredScopes: ['messages:read', 'payments:read'] });
    await service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: ['payment.pending'] }, { grantedScopes: ['webhooks:manage', 'payments:write'] });
  });

  it('refuses unsafe URLs at creation unless private URLs are allowed', async () => {
    const { service } = webhooks();
    const cases: [string, string][] = [
      ['http://hooks.example.com/', 'https_required'],
      ['ftp://hooks.example.com/', 'https_required'],
      ['not a url', 'invalid_url'],
      ['https://user:pw@hooks.example.com/', 'credentials_in_url'],
      [`https://hooks.example.com/${'a'.repeat(2100)}`, 'url_too_long'],
      ['https://localhost/hook', 'private_address'], // the real resolver is not used: see below
      ['https://127.0.0.1/', 'private_address'],
      ['https://[::1]/', 'private_address'],
      ['https://[::ffff:127.0.0.1]/', 'private_address'],
      ['https://[::ffff:10.0.0.1]/', 'private_address'],
      ['https://169.254.169.254/latest/meta-data', 'private_address'],
      ['https://100.64.0.1/', 'private_address'],
      ['https://0.0.0.0/', 'private_address'],
      ['https://2130706433/', 'private_address'], // = 127.0.0.1
      ['https://localtest.example.com/', 'private_address'],
      ['https://dual.example.com/', 'private_address'], // one private answer is enough
      ['https://nowhere.example.com/', 'unresolvable_host'],
    ];
    const { service: realDns } = webhooks({ resolve: undefined });
    for (const [url, reason] of cases) {
      const svc = url.includes('localhost') ? realDns : service;
      const error = await apiError(svc.create('acc_1', { url, eventTypes: ['contract.created'] }));
      expect({ url, status: error.status, details: error.details }).toMatchObject({ url, status: 400, details: { field: 'url', reason } });
    }
    expect(await service.list('acc_1')).toEqual([]);
    const allowed = webhooks({ allowPrivateUrls: true, resolve: undefined });
    await allowed.service.create('acc_1', { url: 'http://localhost:9/hook', eventTypes: ['contract.created'] });
    await allowed.service.create('acc_1', { url: 'http://127.0.0.1:9/hook', eventTypes: ['contract.created'] });
    expect((await apiError(allowed.service.create('acc_1', { url: 'http://u:p@127.0.0.1:9/', eventTypes: ['contract.created'] }))).details).toMatchObject({ reason: 'credentials_in_url' });
  });

  it('allows at most 10 webhooks per account (409 with details), even when created concurrently', async () => {
    const { service } = webhooks();
    const input = { url: 'https://hooks.example.com/', eventTypes: ['contract.created'] };
    const results = await Promise.allSettled(Array.from({ length: 14 }, () => service.create('acc_1', input)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(4);
    for (const r of rejected) expect(r.reason).toMatchObject({ status: 409, details: { reason: 'webhook_limit_reached', limit: 10, count: 10 } });
    await service.create('acc_2', input); // other accounts are unaffected
    const [first] = await service.list('acc_1');
    await service.delete('acc_1', first.id);
    await service.create('acc_1', input);
  });
});

describe('get, delete, deliveries', () => {
  it('scopes every read and delete to the account (404 with resource and id)', async () => {
    const { service } = webhooks();
    const { webhook } = await service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: ['contract.created'] });
    for (const call of [() => service.get('acc_2', webhook.id), () => service.delete('acc_2', webhook.id), () => service.listDeliveries('acc_2', webhook.id), () => service.get('acc_1', 'wh_missing')]) {
      const error = await apiError(call());
      expect(error.status).toBe(404);
      expect(error.details).toMatchObject({ resource: 'webhooks' });
    }
    expect(await service.delete('acc_1', webhook.id)).toEqual({ webhook, deleted: true });
    expect(await service.list('acc_1')).toEqual([]);
    expect((await apiError(service.delete('acc_1', webhook.id))).status).toBe(404);
  });

  it('pages the delivery log newest first with an opaque cursor', async () => {
    const { service } = webhooks();
    const { webhook } = await service.create('acc_1', { url: 'https://hooks.example.com/', eventTypes: ['contract.created'] });
    for (let i = 1; i <= 5; i++) {
      await t.db
        .insertInto('ot_webhook_deliveries')
        .values({ delivery_id: `whd_${i}`, webhook_id: webhook.id, event_id: i, event_type: 'contract.created', attempt: 1, outcome: i % 2 ? 'succeeded' : 'failed', status_code: i % 2 ? 200 : 500, error: i % 2 ? null : 'HTTP 500', duration_ms: 3, next_retry_at: null, created_at: clock.now() })
        .execute();
    }
    const first = await service.listDeliveries('acc_1', webhook.id, { limit: 2 });
    expect(first.deliveries.map((d) => d.deliveryId)).toEqual(['whd_5', 'whd_4']);
    expect(first.deliveries[1]).toMatchObject({ outcome: 'failed', statusCode: 500, error: 'HTTP 500', eventId: '4', attempt: 1 });
    const second = await service.listDeliveries('acc_1', webhook.id, { limit: 2, cursor: first.nextCursor });
    const third = await service.listDeliveries('acc_1', webhook.id, { limit: 2, cursor: second.nextCursor });
    expect([...second.deliveries, ...third.deliveries].map((d) => d.deliveryId)).toEqual(['whd_3', 'whd_2', 'whd_1']);
    expect(third.nextCursor).toBeNull();
    expect((await apiError(service.listDeliveries('acc_1', webhook.id, { cursor: 'abc' }))).status).toBe(400);
  });
});
