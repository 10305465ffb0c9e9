/** Drafting → publishing → marketplace, through HTTP on the real app (PGlite or PostgreSQL). */
import { createJobDraft } from '@opentrain/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness';
import { type Harness, publishedJob, README_EXAMPLE } from './test-helpers';

describe('jobs: draft → publish → search → close', () => {
  let h: Harness;
  let token: string;
  let owner: Awaited<ReturnType<Harness['claimedAgent']>>['web'];
  beforeAll(async () => {
    h = await startHarness();
    ({ token, web: owner } = await h.claimedAgent());
  });
  afterAll(async () => h?.close());

  it('extracts the MCP README example and asks for the rest', async () => {
    const res = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: { rawJobDescription: README_EXAMPLE },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ok: true,
      status: 'DRAFT',
      created: true,
    });
    expect(res.body.normalizedFields).toMatchObject({
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 25,
      dataVolume: 1200,
      dataVolumeUnit: 'NUMBER_OF_FILES',
    });
    expect(res.body.normalizedFields.labelTypes).toContain('BOUNDING_BOX');
    expect(res.body.validation).toMatchObject({ publishReady: false });
    const experience = res.body.missingFields.find((m: { field: string }) => m.field === 'experienceLevel');
    expect(experience).toMatchObject({
      code: 'missing_required_field',
      type: 'enum',
      updateKeys: ['experienceLevel'],
    });
    expect(experience.prompt).toMatch(/^ask: /);
    expect(experience.enumValues).toEqual(expect.arrayContaining(['EXPERT', 'INTERMEDIATE']));
    expect(res.body.validation.missingFields).toContain('experienceLevel');
    expect(res.body.draftUrl).toContain(`/job-post?jobId=${res.body.jobId}`);
    expect(Array.isArray(res.body.warnings) && Array.isArray(res.body.unmappedFields) && Array.isArray(res.body.lowConfidenceFields)).toBe(true);
    // The text MCP and the CLI show: every "ask:" question and the next call.
    const summary = createJobDraft.summarize(res.body, {} as never);
    expect(summary).toContain(experience.prompt);
    expect(summary).toContain(`opentrain_update_job_draft_fields with jobId ${res.body.jobId}`);
  });

  it('accepts the MCP shape (jobDescription + title) and PATCH {jobId, fields}', async () => {
    const res = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: { jobDescription: README_EXAMPLE, title: 'Street scene boxes' },
    });
    expect(res.body.normalizedFields.jobTitle).toBe('Street scene boxes');
    const patched = await h.api(`/job-drafts/${res.body.jobId}`, {
      token,
      method: 'PATCH',
      body: { fields: { experienceLevel: 'EXPERT' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.validation.publishReady).toBe(true);
    expect(patched.body.normalizedFields.experienceLevel).toBe('EXPERT');
  });

  it('publishes, finds it in search, lists it, closes it', async () => {
    const jobId = await publishedJob(h, token, `${README_EXAMPLE} Zebracrossing specialists welcome.`);
    const again = await h.api(`/jobs/${jobId}/publish`, {
      token,
      method: 'POST',
    });
    expect(again.body).toMatchObject({
      ok: true,
      status: 'OPEN',
      alreadyPublished: true,
      publishAttemptId: null,
    });

    const search = await h.api('/jobs?q=zebracrossing');
    expect(search.status).toBe(200);
    expect(search.body.jobs.map((j: { id: string }) => j.id)).toEqual([jobId]);
    expect(search.body.jobs[0]).toMatchObject({
      status: 'OPEN',
      employmentTypes: ['CONTRACTOR'],
      pay: { paymentType: 'PAY_PER_HOUR', currency: 'USD', hourlyRate: 25 },
    });

    const one = await h.api(`/jobs/${jobId}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(jobId);
    const page = await fetch(`${h.url}/jobs/${jobId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zebracrossing');
    const browse = await fetch(`${h.url}/jobs?q=zebracrossing`);
    expect(await browse.text()).toContain(`data-job-id="${jobId}"`);

    const mine = await h.api('/jobs/mine?status=OPEN', { token });
    expect(mine.body.jobs.find((j: { id: string }) => j.id === jobId)).toMatchObject({
      status: 'OPEN',
      published: true,
      acceptingApplicants: true,
      proposalCounts: { total: 0, unreviewed: 0 },
    });

    const closed = await h.api(`/jobs/${jobId}/close`, {
      token,
      method: 'POST',
    });
    expect(closed.body).toMatchObject({
      ok: true,
      status: 'ARCHIVED',
      alreadyClosed: false,
    });
    expect((await h.api(`/jobs/${jobId}/close`, { token, method: 'POST' })).body.alreadyClosed).toBe(true);
    expect((await h.api('/jobs?q=zebracrossing')).body.jobs).toEqual([]);
    const gone = await h.api(`/jobs/${jobId}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ id: jobId, status: 'closed' });
    expect((await fetch(`${h.url}/jobs/${jobId}`)).status).toBe(404);
  });

  it('returns the same draft for the same idempotencyKey', async () => {
    const body = {
      rawJobDescription: README_EXAMPLE,
      idempotencyKey: 'idem-1',
      externalId: 'ext-42',
    };
    const first = await h.api('/job-drafts', { token, method: 'POST', body });
    const second = await h.api('/job-drafts', { token, method: 'POST', body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      jobId: first.body.jobId,
      created: false,
      externalId: 'ext-42',
    });
    const viaSource = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: {
        source: {
          type: 'text',
          text: README_EXAMPLE,
          idempotencyKey: 'idem-1',
        },
      },
    });
    expect(viaSource.body.jobId).toBe(first.body.jobId);
    const mine = await h.api('/jobs/mine?limit=100', { token });
    expect(mine.body.jobs.filter((j: { id: string }) => j.id === first.body.jobId)).toHaveLength(1);
  });

  it('imports schema.org JobPosting JSON-LD', async () => {
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Audio transcription (Spanish)',
      description: 'Transcribe 40 hours of Spanish call-centre audio recordings. Pay $18 per hour.',
    };
    const res = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: { source: { type: 'schema_org_job_posting', jsonLd } },
    });
    expect(res.status).toBe(201);
    expect(res.body.normalizedFields).toMatchObject({
      jobTitle: 'Audio transcription (Spanish)',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 18,
    });
    const bad = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: { source: { type: 'indeed_xml', xml: '<not-closed' } },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses unknown keys, inexact enums and empty bodies with 400', async () => {
    const draft = await h.api('/job-drafts', {
      token,
      method: 'POST',
      body: { rawJobDescription: README_EXAMPLE },
    });
    const unknown = await h.api(`/job-drafts/${draft.body.jobId}`, {
      token,
      method: 'PATCH',
      body: { salary: 5, colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.details.issues)).toContain('salary');
    expect(JSON.stringify(unknown.body.details.issues)).toContain('colour');
    const enumCase = await h.api(`/job-drafts/${draft.body.jobId}`, {
      token,
      method: 'PATCH',
      body: { experienceLevel: 'expert' },
    });
    expect(enumCase.status).toBe(400);
    expect(enumCase.body.details.field).toBe('experienceLevel');
    const badLanguage = await h.api(`/job-drafts/${draft.body.jobId}`, {
      token,
      method: 'PATCH',
      body: { languages: ['Klingonese'] },
    });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.details.field).toBe('languages');
    expect((await h.api('/job-drafts', { token, method: 'POST', body: {} })).status).toBe(400);
    expect((await h.api('/jobs/mine?status=LIVE', { token })).body.details.supportedStatuses).toContain('OPEN');
  });

  it('shows the draft review page to members of the organization only', async () => {
    const draft = await h.api('/job-drafts', { token, method: 'POST', body: { rawJobDescription: README_EXAMPLE } });
    const page = await owner.get(`/job-post?jobId=${draft.body.jobId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Still needed');
    expect(page.text).toContain('What experience level');
    const stranger = await h.claimedAgent('Other agent');
    expect((await stranger.web.get(`/job-post?jobId=${draft.body.jobId}`)).status).toBe(404);
  });

  it('keeps other accounts out (404)', async () => {
    const jobId = await publishedJob(h, token);
    const other = await h.registerAgent();
    expect(
      (
        await h.api(`/jobs/${jobId}/close`, {
          token: other.access_token,
          method: 'POST',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.api(`/jobs/${jobId}`, {
          token: other.access_token,
          method: 'PATCH',
          body: { headcount: 2 },
        })
      ).status,
    ).toBe(404);
    expect((await h.api('/jobs/mine', { token: other.access_token })).body.jobs).toEqual([]);
  });

  it('pages /jobs/mine with a cursor, newest first', async () => {
    const agent = await h.registerAgent();
    for (let i = 0; i < 3; i++)
      await h.api('/job-drafts', {
        token: agent.access_token,
        method: 'POST',
        body: { rawJobDescription: `${README_EXAMPLE} Batch ${i}.` },
      });
    const first = await h.api('/jobs/mine?limit=2', {
      token: agent.access_token,
    });
    expect(first.body.jobs).toHaveLength(2);
    const second = await h.api(`/jobs/mine?limit=2&cursor=${first.body.nextCursor}`, { token: agent.access_token });
    expect(second.body.jobs).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.jobs, ...second.body.jobs].map((j: { id: string }) => j.id);
    expect(new Set(ids).size).toBe(3);
    expect((await h.api('/jobs/mine?cursor=garbage', { token: agent.access_token })).status).toBe(400);
  });
});

describe('jobs: proposal counts on /jobs/mine', () => {
  let h: Harness;
  // Booting with the sandbox marketplace seeds its trainer population: done in the hook (longer timeout).
  beforeAll(async () => {
    h = await startHarness({ settings: { sandboxMarketplace: true, sandboxApplyMode: 'immediate' } });
  });
  afterAll(async () => h?.close());

  it('counts proposals from ot_proposals (sandbox trainers apply on publish)', async () => {
    const { token } = await h.claimedAgent();
    const jobId = await publishedJob(h, token);
    const listed = (await h.api('/jobs/mine', { token })).body.jobs.find((j: { id: string }) => j.id === jobId);
    const proposals = (await h.api(`/jobs/${jobId}/proposals?limit=100`, { token })).body.proposals as { status: { raw: string } }[];
    expect(proposals.length).toBeGreaterThan(0);
    expect(listed.proposalCounts).toEqual({ total: proposals.length, unreviewed: proposals.filter((p) => p.status.raw === 'UNREVIEWED').length });
  });
});
