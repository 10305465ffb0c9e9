/**
 * Brute-force throttling wherever a TrainAR secret is guessed (issue 23): tak_ keys (REST and hosted
 * MCP share one count), device credentials, invitation links and Stripe webhook signatures. After
 * `secretGuessesPerIp.limit` failures from one address, every attempt of that kind from it is a 429
 * with `retryAfterSeconds` in the envelope (even a correct secret) until the window ends.
 * (Pairing codes and dashboard sign-in have their own limits, tested beside them.)
 */
import { SCOPES, trainarErrorSchema } from '@trainar/api';
import { envelopeMatcher } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpResult, startHarness, type TrainArHarness } from '../testing/index';

const LIMIT = 3;
const WINDOW_SECONDS = 600;
const isEnvelope = envelopeMatcher(trainarErrorSchema);

let h: TrainArHarness;
beforeAll(async () => {
  h = await startHarness({ settings: { secretGuessesPerIp: { limit: LIMIT, windowSeconds: WINDOW_SECONDS } } });
});
afterAll(() => h?.close());

function expectThrottled(res: HttpResult) {
  expect(res.status).toBe(429);
  expect(isEnvelope(res.body)).toBe(true);
  expect(res.body).toMatchObject({ error: 'RATE_LIMITED', details: { reason: 'too_many_failures', retryAfterSeconds: expect.any(Number) } });
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
}

describe('throttling guessed secrets', () => {
  it('refuses tak_ keys after repeated failures, on REST and /mcp, even a valid one, until the window ends', async () => {
    const t = await h.createTenant();
    const { key } = await h.createKey(t.tenantId, SCOPES);
    const guesses = ['tak_000000000000000000000000000000000000', 'not-a-key', `${key.slice(0, -4)}AAAA`];
    for (const guess of guesses) expect((await h.call('GET', '/v1/api-tenant-account', { key: guess })).status).toBe(401);
    expectThrottled(await h.call('GET', '/v1/api-tenant-account', { key: guesses[0] }));
    expectThrottled(await h.call('GET', '/v1/api-tenant-account', { key }));
    expectThrottled(await h.call('POST', '/mcp', { key, headers: { Accept: 'application/json, text/event-stream' }, body: { jsonrpc: '2.0', id: 1, method: 'tools/list' } }));
    h.clock.advance(WINDOW_SECONDS * 1000);
    expect((await h.call('GET', '/v1/api-tenant-account', { key })).status).toBe(200);
  });

  it('refuses device credentials after repeated unknown ones', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await h.call('POST', '/v1/device/heartbeat', { key: `guess-${i}` })).status).toBe(401);
    expectThrottled(await h.call('POST', '/v1/device/heartbeat', { key: 'guess-again' }));
  });

  it('refuses invitation links after repeated unknown ones', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await h.call('GET', `/invite/accept?token=guess${i}`)).status).toBe(404);
    expectThrottled(await h.call('GET', '/invite/accept?token=guess-again'));
  });

  it('refuses Stripe webhooks after repeated bad signatures', async () => {
    const post = () => h.call('POST', '/billing/webhooks/stripe', { headers: { 'Stripe-Signature': 't=1,v1=00' }, body: { id: 'evt_guess' } });
    for (let i = 0; i < LIMIT; i++) expect((await post()).status).toBe(400);
    expectThrottled(await post());
  });
});
