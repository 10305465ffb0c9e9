/**
 * Brute-force throttling wherever an OpenTrain secret is guessed (issue 23): bearer tokens (REST
 * and hosted /mcp share one count), emailed sign-in links, team invitation links and payment webhook
 * signatures. After
 * `secretGuessesPerIp.limit` failures from one address, every attempt of that kind from it is a
 * 429 with `retryAfterSeconds` in the envelope (even a correct secret) until the window ends.
 * (Claim codes, sign-in and agent-auth endpoints have their own limits, tested beside them.)
 */
import { opentrainErrorSchema } from '@opentrain/api';
import { envelopeMatcher } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type Harness, startHarness } from '../testing/harness';

const LIMIT = 3;
const WINDOW_SECONDS = 600;
const isEnvelope = envelopeMatcher(opentrainErrorSchema);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { secretGuessesPerIp: { limit: LIMIT, windowSeconds: WINDOW_SECONDS } }, startWorker: false });
});
afterAll(() => h?.close());

function expectThrottled(res: ApiResponse) {
  expect(res.status).toBe(429);
  expect(isEnvelope(res.body)).toBe(true);
  expect(res.body).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'too_many_failures', retryAfterSeconds: expect.any(Number) } });
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
}

async function raw(path: string, init: RequestInit = {}): Promise<ApiResponse> {
  const res = await fetch(`${h.url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a page
  }
  return { status: res.status, body, headers: res.headers };
}

describe('throttling guessed secrets', () => {
  it('refuses bearer tokens after repeated failures, on REST and /mcp, even a valid one, until the window ends', async () => {
    const valid = (await h.registerAgent()).access_token;
    const guesses = ['ot_pat_000000000000000000000000000000000000', 'not-a-token', `${valid.slice(0, -4)}AAAA`];
    for (const guess of guesses) expect((await h.api('/auth/me', { token: guess })).status).toBe(401);
    expectThrottled(await h.api('/auth/me', { token: guesses[0] }));
    expectThrottled(await h.api('/auth/me', { token: valid }));
    const mcp = await raw('/mcp', {
      method: 'POST',
      headers: { Authorization: `Bearer ${valid}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expectThrottled(mcp);
    h.clock.advance(WINDOW_SECONDS * 1000);
    expect((await h.api('/auth/me', { token: valid })).status).toBe(200);
  });

  it('refuses sign-in links after repeated unknown ones', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await raw(`/signin/verify?token=guess${i}`)).status).toBe(404);
    expectThrottled(await raw('/signin/verify?token=guess-again'));
  });

  it('refuses team invitation links after repeated unknown ones', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await raw(`/team/join?token=ot_inv_guess${i}`)).status).toBe(404);
    expectThrottled(await raw('/team/join?token=ot_inv_guess-again'));
  });

  it('refuses payment webhooks after repeated bad signatures', async () => {
    const post = () => raw('/payments/webhooks/sandbox', { method: 'POST', headers: { 'Sandbox-Signature': 't=1,v1=00', 'Content-Type': 'application/json' }, body: '{"id":"evt_guess"}' });
    for (let i = 0; i < LIMIT; i++) expect((await post()).status).toBe(400);
    expectThrottled(await post());
  });
});
