/**
 * Private receivers are refused when ALLOW_PRIVATE_WEBHOOK_URLS is off (the default whenever
 * DATABASE_URL is set), at creation and again at delivery time (DNS rebinding). No request ever
 * leaves this machine: the injected resolver answers a documentation address at creation and
 * loopback at delivery, and the guard refuses before connecting.
 */
import type { LookupAddress } from 'node:dns';
import { emitEvent, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { webhookUrlPolicyOptions } from './url-policy-settings';

let h: Harness;
let answer: LookupAddress[] = [{ address: '192.0.2.10', family: 4 }]; // swapped by the rebinding test
const resolver = async (_host: string) => answer;

beforeAll(async () => {
  h = await startHarness({ startWorker: false, settings: { allowPrivateWebhookUrls: false, webhookResolver: resolver, webhookFanoutIntervalMs: 0 } });
});
afterAll(async () => {
  await h?.close();
});

async function token() {
  const agent = await h.registerAgent();
  const org = (await h.api('/auth/me', { token: agent.access_token })).body.account.organizationId as string;
  const { token } = await h.services.tokens.createFor({ organizationId: org, name: 'hooks', scopes: ['webhooks:manage', 'payments:read'], origin: 'web' });
  return { org, token: token as string };
}

describe('with private webhook URLs not allowed', () => {
  it('refuses loopback, private and link-local receivers and plain http at creation', async () => {
    const { token: t } = await token();
    const cases: [string, string][] = [
      ['https://127.0.0.1/hook', 'private_address'],
      ['https://[::1]/hook', 'private_address'],
      ['https://10.1.2.3/hook', 'private_address'],
      ['https://169.254.169.254/latest', 'private_address'],
      ['http://hooks.example.test/hook', 'https_required'],
    ];
    for (const [url, reason] of cases) {
      const res = await h.api('/webhooks', { method: 'POST', token: t, body: { url, eventTypes: ['payment.pending'] } });
      expect(res.status, url).toBe(400);
      expect(res.body.details, url).toMatchObject({ field: 'url', reason });
    }
    answer = [{ address: '192.168.1.20', family: 4 }];
    const resolvesPrivate = await h.api('/webhooks', { method: 'POST', token: t, body: { url: 'https://hooks.example.test/hook', eventTypes: ['payment.pending'] } });
    expect(resolvesPrivate.body.details).toMatchObject({ field: 'url', reason: 'private_address' });
  });

  it('checks again at delivery: a name that resolved to a public address at creation and to loopback later is not contacted', async () => {
    const { token: t, org } = await token();
    answer = [{ address: '192.0.2.10', family: 4 }];
    const created = await h.api('/webhooks', { method: 'POST', token: t, body: { url: 'https://hooks.example.test/hook', eventTypes: ['payment.pending'] } });
    expect(created.status).toBe(201);
    answer = [{ address: '127.0.0.1', family: 4 }]; // rebinding
    await emitEvent(h.services.db, { type: 'payment.pending', scope: org, payload: { invoiceId: 'inv', milestoneId: 'ms', contractId: 'ctr' } }, h.clock);
    await waitForEventHorizon(h.services.db);
    let deliveries: { outcome: string; error: string | null; statusCode: number | null }[] = [];
    for (let i = 0; i < 10 && deliveries.length === 0; i++) {
      await h.worker.runOnce();
      deliveries = (await h.api(`/webhooks/${created.body.webhook.id}/deliveries`, { token: t })).body.deliveries;
    }
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ outcome: 'failed', statusCode: null });
    expect(deliveries[0].error).toMatch(/refused/i);
    expect(deliveries[0].error).toContain('127.0.0.1');
  });
});

describe('ALLOW_PRIVATE_WEBHOOK_URLS default', () => {
  it('is loopback in dev mode and public otherwise; the variable (on = private ranges) and then the settings override win', () => {
    expect(webhookUrlPolicyOptions({ embedded: true, settings: {}, env: {} }).urlAllowance).toBe('loopback');
    expect(webhookUrlPolicyOptions({ embedded: false, settings: {}, env: {} }).urlAllowance).toBe('public');
    expect(webhookUrlPolicyOptions({ embedded: true, settings: {}, env: { ALLOW_PRIVATE_WEBHOOK_URLS: '0' } }).urlAllowance).toBe('public');
    expect(webhookUrlPolicyOptions({ embedded: false, settings: {}, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } }).urlAllowance).toBe('private');
    expect(webhookUrlPolicyOptions({ embedded: false, settings: { allowPrivateWebhookUrls: true }, env: { ALLOW_PRIVATE_WEBHOOK_URLS: '0' } }).urlAllowance).toBe('private');
    expect(() => webhookUrlPolicyOptions({ embedded: false, settings: {}, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'maybe' } })).toThrow(/ALLOW_PRIVATE_WEBHOOK_URLS/);
  });
});

describe('link-local and cloud metadata receivers', () => {
  let wide: Harness;
  let devDefault: Harness;
  beforeAll(async () => {
    // The widest policy an operator can choose, and the dev-mode default (loopback only).
    wide = await startHarness({ startWorker: false, settings: { allowPrivateWebhookUrls: true, webhookResolver: resolver, webhookFanoutIntervalMs: 0 } });
    devDefault = await startHarness({ startWorker: false, settings: { webhookResolver: resolver, webhookFanoutIntervalMs: 0 } });
  });
  afterAll(async () => {
    await wide?.close();
    await devDefault?.close();
  });

  async function create(harness: Harness, url: string) {
    const agent = await harness.registerAgent();
    const org = (await harness.api('/auth/me', { token: agent.access_token })).body.account.organizationId as string;
    const { token: t } = await harness.services.tokens.createFor({ organizationId: org, name: 'hooks', scopes: ['webhooks:manage', 'payments:read'], origin: 'web' });
    return { org, token: t as string, res: await harness.api('/webhooks', { method: 'POST', token: t as string, body: { url, eventTypes: ['payment.pending'] } }) };
  }

  it('are refused even with ALLOW_PRIVATE_WEBHOOK_URLS on, while private ranges are then accepted', async () => {
    answer = [{ address: '192.0.2.10', family: 4 }];
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/hook', 'http://[fd00:ec2::254]/latest', 'http://100.100.100.200/latest', 'http://metadata.google.internal/computeMetadata/v1/', 'http://169.254.10.10/hook']) {
      const { res } = await create(wide, url);
      expect(res.status, url).toBe(400);
      expect(res.body.details, url).toMatchObject({ field: 'url', reason: 'private_address' });
    }
    expect((await create(wide, 'http://10.1.2.3/hook')).res.status).toBe(201);
    answer = [{ address: '169.254.169.254', family: 4 }];
    const named = await create(wide, 'http://hooks.example.test/hook');
    expect(named.res.body.details).toMatchObject({ field: 'url', reason: 'private_address' });
    expect(JSON.stringify(named.res.body)).toContain('hooks.example.test resolves to 169.254.169.254 is a cloud metadata endpoint');
  });

  it('are refused at delivery when a name rebinds to the metadata address', async () => {
    answer = [{ address: '10.9.8.7', family: 4 }];
    const { res, token: t, org } = await create(wide, 'http://hooks.example.test/hook');
    expect(res.status).toBe(201);
    answer = [{ address: '169.254.169.254', family: 4 }];
    await emitEvent(wide.services.db, { type: 'payment.pending', scope: org, payload: { invoiceId: 'inv', milestoneId: 'ms', contractId: 'ctr' } }, wide.clock);
    await waitForEventHorizon(wide.services.db);
    let deliveries: { outcome: string; error: string | null }[] = [];
    for (let i = 0; i < 10 && deliveries.length === 0; i++) {
      await wide.worker.runOnce();
      deliveries = (await wide.api(`/webhooks/${res.body.webhook.id}/deliveries`, { token: t })).body.deliveries;
    }
    expect(deliveries[0]).toMatchObject({ outcome: 'failed' });
    expect(deliveries[0].error).toContain('169.254.169.254 is a cloud metadata endpoint');
  });

  it('the dev-mode default admits loopback receivers only', async () => {
    expect((await create(devDefault, 'http://127.0.0.1:9/hook')).res.status).toBe(201);
    expect((await create(devDefault, 'http://10.1.2.3/hook')).res.body.details).toMatchObject({ field: 'url', reason: 'private_address' });
    expect((await create(devDefault, 'http://169.254.169.254/latest')).res.status).toBe(400);
  });
});
