/** Publish-time moderation, the daily publish limit (injected clock) and re-moderation of live edits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness';
import { type Harness, publishedJob, READY_FIELDS } from './test-helpers';

const CLEAN = 'Medical image annotation: draw polygons around tumours in 500 MRI scans. Radiology background preferred. Pay is $40 per hour, about 10 hours a week.';

async function readyDraft(h: Harness, token: string, text: string) {
  const draft = await h.api('/job-drafts', {
    token,
    method: 'POST',
    body: { rawJobDescription: text },
  });
  const patched = await h.api(`/job-drafts/${draft.body.jobId}`, {
    token,
    method: 'PATCH',
    body: {
      ...READY_FIELDS,
      dataType: 'IMAGE',
      labelTypes: ['POLYGON'],
      dataVolume: 500,
      dataVolumeUnit: 'NUMBER_OF_FILES',
    },
  });
  expect(patched.body.validation.publishReady, JSON.stringify(patched.body.validation)).toBe(true);
  return draft.body.jobId as string;
}

describe('publishing', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness();
    token = (await h.claimedAgent()).token;
  });
  afterAll(async () => h?.close());

  it('refuses a draft that is not publish-ready (400 with validation)', async () => {
    const draft = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: {
        rawJobDescription: 'Label some images for us please, details to follow soon.',
      },
    });
    const res = await h.api(`/jobs/${draft.body.jobId}/publish`, {
      token,
      method: 'POST',
    });
    expect(res.status).toBe(400);
    expect(res.body.details.validation.publishReady).toBe(false);
    expect(res.body.details.validation.missingFields).toContain('paymentType');
  });

  it('publishes a clean posting', async () => {
    const jobId = await readyDraft(h, token, CLEAN);
    const res = await h.api(`/jobs/${jobId}/publish`, {
      token,
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      status: 'OPEN',
      alreadyPublished: false,
      sideEffects: { dispatched: true, status: 'queued' },
    });
    expect(res.body.publishAttemptId).toMatch(/^pub_/);
    expect(res.body.jobUrl).toContain(`/jobs/${jobId}`);
  });

  it.each([
    ['contact details', `${CLEAN} Email me at hiring.manager@gmail.com or call +1 415 555 0199.`, 'contact'],
    ['off-platform payment', `${CLEAN} We pay via PayPal friends and family outside the platform to avoid fees.`, 'off_platform'],
    ['prohibited work', `${CLEAN} Also write fake 5-star reviews for our products on Amazon.`, 'prohibited'],
  ])('blocks %s with 403 moderation_blocked and reasons', async (_label, text, category) => {
    const jobId = await readyDraft(h, token, text);
    const res = await h.api(`/jobs/${jobId}/publish`, {
      token,
      method: 'POST',
    });
    expect(res.status).toBe(403);
    expect(res.body.details.reason).toBe('moderation_blocked');
    expect(res.body.details.reasons.map((r: { category: string }) => r.category)).toContain(category);
    expect((await h.api(`/jobs/${jobId}`)).status).toBe(404);
  });

  it('listeners run after publish; a failing listener does not fail the publish', async () => {
    const seen: string[] = [];
    h.services.jobs.onPublished(() => {
      throw new Error('listener exploded');
    });
    h.services.jobs.onPublished(async (job) => {
      seen.push(`${job.id}:${job.status}`);
    });
    const jobId = await readyDraft(h, token, CLEAN);
    expect((await h.api(`/jobs/${jobId}/publish`, { token, method: 'POST' })).status).toBe(200);
    expect(seen).toEqual([`${jobId}:OPEN`]);
    await h.api(`/jobs/${jobId}/publish`, { token, method: 'POST' });
    expect(seen).toHaveLength(1);
    const view = await h.services.jobs.get(jobId);
    expect(view).toMatchObject({
      id: jobId,
      status: 'OPEN',
      fields: { paymentType: 'PAY_PER_HOUR', pricePerHour: 40 },
    });
  });

  it('re-moderates live edits: a clean edit stays OPEN, a rejected one unpublishes to DRAFT (409)', async () => {
    const jobId = await publishedJob(h, token, `${CLEAN} Quokkaword.`);
    const ok = await h.api(`/jobs/${jobId}`, {
      token,
      method: 'PATCH',
      body: { headcount: 3 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      ok: true,
      status: 'OPEN',
      moderation: { decision: 'ALLOW', reasons: [] },
    });
    const bad = await h.api(`/jobs/${jobId}`, {
      token,
      method: 'PATCH',
      body: {
        fields: {
          labelingOverview: 'Message me on WhatsApp +44 7700 900123 before applying.',
        },
      },
    });
    expect(bad.status).toBe(409);
    expect(bad.body.details).toMatchObject({
      jobId,
      reason: 'moderation_blocked',
      status: 'DRAFT',
    });
    expect(bad.body.details.reasons.length).toBeGreaterThan(0);
    expect((await h.services.jobs.get(jobId))?.fields.labelingOverview).toContain('WhatsApp');
    expect((await h.api('/jobs?q=quokkaword')).body.jobs).toEqual([]);
    const notOpen = await h.api(`/jobs/${jobId}`, {
      token,
      method: 'PATCH',
      body: { headcount: 4 },
    });
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.details).toMatchObject({
      jobId,
      status: 'DRAFT',
      requiredStatus: 'OPEN',
    });
    const fixed = await h.api(`/job-drafts/${jobId}`, {
      token,
      method: 'PATCH',
      body: { labelingOverview: null },
    });
    expect(fixed.body.validation.publishReady).toBe(true);
    expect((await h.api(`/jobs/${jobId}/publish`, { token, method: 'POST' })).status).toBe(200);
  });
});

describe('daily publish limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('allows 3 per 24 h to an unclaimed account, then 429 until the window passes', async () => {
    const agent = await h.registerAgent();
    const token = agent.access_token;
    for (let i = 0; i < 3; i++) await publishedJob(h, token, `${CLEAN} Batch ${i}.`);
    const fourth = await readyDraft(h, token, `${CLEAN} Batch 4.`);
    const limited = await h.api(`/jobs/${fourth}/publish`, {
      token,
      method: 'POST',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.details).toMatchObject({ limit: 3, windowHours: 24 });
    expect(limited.headers.get('retry-after')).toBeTruthy();
    h.clock.advance(12 * 3600_000);
    expect((await h.api(`/jobs/${fourth}/publish`, { token, method: 'POST' })).status).toBe(429);
    h.clock.advance(12 * 3600_000 + 1000);
    expect((await h.api(`/jobs/${fourth}/publish`, { token, method: 'POST' })).status).toBe(200);
  });

  it('holds under concurrent publishes and concurrent idempotent creates', async () => {
    const agent = await h.registerAgent();
    const token = agent.access_token;
    const drafts: string[] = [];
    for (let i = 0; i < 5; i++) drafts.push(await readyDraft(h, token, `${CLEAN} Parallel ${i}.`));
    const statuses = await Promise.all(drafts.map(async (jobId) => (await h.api(`/jobs/${jobId}/publish`, { token, method: 'POST' })).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const body = { rawJobDescription: CLEAN, idempotencyKey: 'parallel-key' };
    const created = await Promise.all([1, 2, 3, 4].map(() => h.api('/job-drafts', { token, method: 'POST', body })));
    expect(new Set(created.map((r) => r.body.jobId)).size).toBe(1);
    expect(created.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('allows 20 per 24 h to a claimed account', async () => {
    const { token } = await h.claimedAgent();
    const drafts: string[] = [];
    for (let i = 0; i < 21; i++) drafts.push(await readyDraft(h, token, `${CLEAN} Lot ${i}.`));
    const results = [];
    for (const jobId of drafts) results.push((await h.api(`/jobs/${jobId}/publish`, { token, method: 'POST' })).status);
    expect(results.filter((s) => s === 200)).toHaveLength(20);
    expect(results[20]).toBe(429);
  });
});
