/**
 * What a Public API request costs the database, counted at the driver: the token lookup resolves the
 * account and its feature flags in one query (gates need none of their own), `GET /auth/me` adds one,
 * a tokenless search is its one query (the per-IP limit is counted in process).
 */
import { countQueries, type QueryCounter } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness';

let h: Harness;
let counter: QueryCounter;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  const agent = await h.claimedAgent();
  token = agent.token;
  // The owner grants what a claimed agent lacks, so capabilities has no step-up request to open or reuse.
  const stepUpUrl = (await h.api('/job-drafts/capabilities', { token })).body.stepUp.url as string;
  expect((await agent.web.post(new URL(stepUpUrl).pathname, { scopes: 'payments:write webhooks:manage' })).status).toBe(200);
  // The background job worker polls on its own schedule: not part of any request.
  await h.worker.stop();
  counter = countQueries(h.database);
});
afterAll(async () => {
  counter?.restore();
  await h?.close();
});

/** A first request (the rate-limit window's shared total is read once), then counts start from a flushed limiter. */
async function warm(path: string, options: { token?: string } = {}) {
  await h.api(path, options);
  await h.services.limiter.flush();
  counter.reset();
}

describe('queries per request', () => {
  it('GET /auth/me costs two queries: the token with its account and flags, then the actor and account', async () => {
    await warm('/auth/me', { token });
    const res = await h.api('/auth/me', { token });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ claimed: true });
    expect(res.body.actor.email).toContain('@');
    expect(counter.statements).toHaveLength(2);
  });

  it('a feature-gated read costs no query for its gate', async () => {
    await warm('/job-drafts/capabilities', { token });
    const res = await h.api('/job-drafts/capabilities', { token });
    expect(res.status).toBe(200);
    expect(res.body.capabilities.draftCreate).toBe(true);
    expect(counter.statements).toHaveLength(1);
  });

  it('a disabled feature is still refused (the flags read with the token are current)', async () => {
    await h.services.features.setMode('public_api_job_drafting', 'OFF');
    const res = await h.api('/job-drafts/capabilities', { token });
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ reason: 'feature_disabled', featureKey: 'public_api_job_drafting' });
    await h.services.features.setMode('public_api_job_drafting', 'ALL');
  });

  it('a tokenless search costs its one query', async () => {
    await warm('/jobs?q=data');
    const res = await h.api('/jobs?q=data');
    expect(res.status).toBe(200);
    expect(counter.statements).toHaveLength(1);
  });
});
