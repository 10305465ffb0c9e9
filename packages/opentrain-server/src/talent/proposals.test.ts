/**
 * Acceptance: publish a job; sandbox applicants arrive (with completed AI interviews); list, filter
 * and paginate them; open one with its interview; ranking by match score puts the candidates whose
 * profile fits the job on top; employer status changes are recorded and evented.
 */
import { readEvents, seconds, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { DRONE_JOB, publishJob } from './test-support';

const APPLICANTS = 10;
let h: Harness;
let token: string;
let orgId: string;
let jobId: string;

beforeAll(async () => {
  h = await startHarness({
    settings: {
      sandboxMarketplace: true,
      sandboxApplyMode: 'immediate',
      sandboxApplicantsPerJob: APPLICANTS,
    },
  });
  ({ token } = await h.claimedAgent());
  orgId = (await h.api('/auth/me', { token })).body.account.organizationId;
  jobId = await publishJob(h, token);
});
afterAll(async () => h?.close());

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field.
type P = any;

describe('proposals from the sandbox marketplace', () => {
  it('lists the simulated applicants, newest first, each with bid, masked candidate and scores', async () => {
    const res = await h.api(`/jobs/${jobId}/proposals?limit=100`, { token });
    expect(res.status).toBe(200);
    const proposals: P[] = res.body.proposals;
    expect(proposals).toHaveLength(APPLICANTS);
    expect(res.body.nextCursor).toBeNull();
    for (const p of proposals) {
      expect(p).toMatchObject({
        jobId,
        jobTitle: DRONE_JOB.fields.jobTitle,
        status: { raw: 'UNREVIEWED', label: 'Unreviewed' },
        source: 'application',
        sandbox: true,
      });
      expect(p.bid).toMatchObject({ unit: 'PER_HOUR' });
      expect(p.bid.amountUsd).toBeGreaterThan(0);
      expect(p.candidate.displayName).toMatch(/^\S.* \p{Lu}\.$/u);
      expect(p.candidate.displayName).toBe(`${p.candidate.firstName} ${p.candidate.lastNameInitial}.`);
      expect(p.candidate.sandbox).toBe(true);
      expect(Number.isInteger(p.metrics.matchScore) && p.metrics.matchScore >= 0 && p.metrics.matchScore <= 100).toBe(true);
      expect(Number.isInteger(p.metrics.interviewScore) && p.metrics.interviewScore >= 0 && p.metrics.interviewScore <= 100).toBe(true);
    }
    const order = await h.services.freelancers.db.selectFrom('ot_proposals').select(['id', 'seq']).where('job_id', '=', jobId).orderBy('seq', 'desc').execute();
    expect(proposals.map((p) => p.id)).toEqual(order.map((r) => r.id));
  });

  it('paginates with the cursor without gaps or repeats, and rejects a foreign cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res: P = await h.api(`/jobs/${jobId}/proposals?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      sizes.push(res.body.proposals.length);
      seen.push(...res.body.proposals.map((p: P) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 2]);
    expect(new Set(seen).size).toBe(APPLICANTS);
    const bad = await h.api(`/jobs/${jobId}/proposals?cursor=prp_nope`, {
      token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('cursor');
    expect((await h.api(`/jobs/${jobId}/proposals?limit=0`, { token })).status).toBe(400);
    expect((await h.api(`/jobs/${jobId}/proposals?limit=101`, { token })).status).toBe(400);
  });

  it('ranks by match score: candidates whose profile fits the job come first, and interview better', async () => {
    const res = await h.api(`/jobs/${jobId}/proposals?sort=matchScore&limit=100`, { token });
    const ranked: P[] = res.body.proposals;
    const scores = ranked.map((p) => p.metrics.matchScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const profiles = await Promise.all(ranked.map(async (p) => (await h.api(`/freelancers/${p.candidate.id}`, { token })).body.freelancer));
    const fits = (f: P) => f.skills.labelTypes.some((l: string) => DRONE_JOB.fields.labelTypes.includes(l)) && f.skills.dataTypes.includes('IMAGE');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(profiles.slice(0, 3).every(fits)).toBe(true);
    // Who else applies is a draw that depends on the (random) job id, so the bottom may fit too;
    // where some do not fit, they score lower on average.
    const unfit = scores.filter((_, i) => !fits(profiles[i]));
    if (unfit.length > 0) expect(mean(scores.filter((_, i) => fits(profiles[i])))).toBeGreaterThan(mean(unfit));
    expect(scores[0]).toBeGreaterThan(scores[scores.length - 1] + 20);
    expect(mean(ranked.slice(0, 5).map((p) => p.metrics.interviewScore))).toBeGreaterThan(mean(ranked.slice(-5).map((p) => p.metrics.interviewScore)));
    // Paging the ranked list keeps the order.
    const first = await h.api(`/jobs/${jobId}/proposals?sort=matchScore&limit=3`, { token });
    const second = await h.api(`/jobs/${jobId}/proposals?sort=matchScore&limit=3&cursor=${first.body.nextCursor}`, { token });
    expect([...first.body.proposals, ...second.body.proposals].map((p: P) => p.id)).toEqual(ranked.slice(0, 6).map((p) => p.id));
  });

  it('opens one proposal with its interview, verification and no contract yet', async () => {
    const list = await h.api(`/jobs/${jobId}/proposals?sort=matchScore&limit=1`, { token });
    const id = list.body.proposals[0].id;
    const res = await h.api(`/proposals/${id}?includeInterview=true`, {
      token,
    });
    expect(res.status).toBe(200);
    const p = res.body.proposal;
    expect(p.aiInterview).toMatchObject({
      transcriptAvailable: true,
      status: 'completed',
      score: list.body.proposals[0].metrics.interviewScore,
    });
    expect(p.aiInterview.summary).toMatch(/^Interview score \d+\/100\. Covered \d+ of \d+ job requirements/);
    expect(p.verification.identity).toHaveProperty('verified');
    expect(['PASSED', 'NOT_CHECKED']).toContain(p.verification.location.status);
    expect(p).toMatchObject({ openLabel: null, contract: null });
    expect(p.coverLetter).toContain(DRONE_JOB.fields.jobTitle);
    const messages = p.interview.messages;
    expect(messages[0]).toMatchObject({ role: 'interviewer' });
    expect(messages[0].content).toContain(DRONE_JOB.fields.jobTitle);
    expect(messages.filter((m: P) => m.role === 'candidate').length).toBe(6);
    expect(messages.some((m: P) => m.content.includes('CVAT'))).toBe(true);
    const alone = await h.api(`/proposals/${id}/interview`, { token });
    expect(alone.status).toBe(200);
    expect(alone.body.interview).toEqual(p.interview);
    const plain = await h.api(`/proposals/${id}`, { token });
    expect(plain.body.proposal.interview).toBeUndefined();
    expect((await h.api(`/proposals/${id}?includeInterview=false`, { token })).body.proposal.interview).toBeUndefined();
  });

  it('records employer status changes, filters by normalised status, and emits events', async () => {
    const list = (await h.api(`/jobs/${jobId}/proposals?limit=100`, { token })).body.proposals as P[];
    const [a, b] = list;
    const shortlisted = await h.api(`/proposals/${a.id}/status`, {
      method: 'POST',
      token,
      body: { status: 'shortlisted' },
    });
    expect(shortlisted.status).toBe(200);
    expect(shortlisted.body).toEqual({
      ok: true,
      proposalId: a.id,
      jobId,
      previousStatus: 'UNREVIEWED',
      status: 'SHORTLISTED',
      changed: true,
    });
    const again = await h.api(`/proposals/${a.id}/status`, {
      method: 'POST',
      token,
      body: { status: 'SHORTLISTED' },
    });
    expect(again.body.changed).toBe(false);
    expect(
      (
        await h.api(`/proposals/${b.id}/status`, {
          method: 'POST',
          token,
          body: { status: 'Not a fit' },
        })
      ).body.status,
    ).toBe('NOT_A_FIT');
    const bad = await h.api(`/proposals/${b.id}/status`, {
      method: 'POST',
      token,
      body: { status: 'HIRED' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('status');

    const byStatus = async (s: string) => (await h.api(`/jobs/${jobId}/proposals?status=${encodeURIComponent(s)}`, { token })).body;
    expect((await byStatus('not-a-fit')).proposals.map((p: P) => p.id)).toEqual([b.id]);
    expect((await byStatus('NOT A FIT')).proposals.map((p: P) => p.id)).toEqual([b.id]);
    expect((await byStatus('Shortlisted')).proposals.map((p: P) => p.id)).toEqual([a.id]);
    expect((await byStatus('unreviewed')).proposals).toHaveLength(APPLICANTS - 2);
    const unknown = await byStatus('maybe-later');
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.details).toMatchObject({
      field: 'status',
      supportedStatuses: expect.arrayContaining(['UNREVIEWED', 'NOT_A_FIT', 'RESUME_SENT']),
    });

    await waitForEventHorizon(h.database.db);
    const events = (await readEvents(h.database.db, { scope: orgId, limit: 1000 })).events;
    const received = events.filter((e) => e.type === 'proposal.received');
    expect(received).toHaveLength(APPLICANTS);
    expect(received[0].payload).toMatchObject({
      jobId,
      proposalId: expect.stringMatching(/^prp_/),
    });
    const changed = events.filter((e) => e.type === 'proposal.status_changed').map((e) => e.payload);
    expect(changed).toEqual([
      { proposalId: a.id, status: 'SHORTLISTED', jobId },
      { proposalId: b.id, status: 'NOT_A_FIT', jobId },
    ]);
    const history = await h.services.freelancers.db.selectFrom('ot_proposal_status_changes').selectAll().where('proposal_id', '=', a.id).orderBy('id').execute();
    expect(history.map((r) => [r.from_status, r.to_status])).toEqual([
      [null, 'UNREVIEWED'],
      ['UNREVIEWED', 'SHORTLISTED'],
    ]);
  });

  it('keeps other accounts out: 404 on their job (like a missing one), their proposals and interviews', async () => {
    const other = await h.registerAgent();
    const [p] = (await h.api(`/jobs/${jobId}/proposals?limit=1`, { token })).body.proposals;
    const list = await h.api(`/jobs/${jobId}/proposals`, {
      token: other.access_token,
    });
    expect(list.status).toBe(404);
    expect(list.body.details).toMatchObject({ resource: 'jobs', jobId });
    expect((await h.api(`/proposals/${p.id}`, { token: other.access_token })).status).toBe(404);
    expect(
      (
        await h.api(`/proposals/${p.id}/interview`, {
          token: other.access_token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.api(`/proposals/${p.id}/status`, {
          method: 'POST',
          token: other.access_token,
          body: { status: 'MAYBE' },
        })
      ).status,
    ).toBe(403);
    expect((await h.api('/jobs/job_missing/proposals', { token })).status).toBe(404);
    expect((await h.api('/freelancers/nobody-here', { token })).status).toBe(404);
  });

  it('lets money record a hire: HIRED, contract attached, evented', async () => {
    const [p] = (
      await h.api(`/jobs/${jobId}/proposals?status=unreviewed&limit=1`, {
        token,
      })
    ).body.proposals;
    const record = await h.services.proposals.get(p.id);
    expect(record).toMatchObject({
      id: p.id,
      jobId,
      organizationId: orgId,
      status: 'UNREVIEWED',
      bidUnit: 'PER_HOUR',
      sandbox: true,
      contractId: null,
    });
    expect(await h.services.freelancers.maskedName(record?.freelancerUserId as string)).toBe(p.candidate.displayName);
    await h.database.db.transaction().execute((trx) =>
      h.services.proposals.recordHire(trx, {
        proposalId: p.id,
        contractId: 'ctr_test',
      }),
    );
    expect(await h.services.proposals.get(p.id)).toMatchObject({
      status: 'HIRED',
      contractId: 'ctr_test',
    });
    const locked = await h.api(`/proposals/${p.id}/status`, {
      method: 'POST',
      token,
      body: { status: 'DECLINED' },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.details.reason).toBe('proposal_hired');
  });
});

describe('scheduled simulator', () => {
  let s: Harness;
  beforeAll(async () => {
    s = await startHarness({
      startWorker: false,
      settings: {
        sandboxMarketplace: true,
        sandboxApplyDelaySeconds: 60,
        sandboxApplicantsPerJob: 3,
      },
    });
  });
  afterAll(async () => s?.close());

  it('spreads applicants over the next minutes, one per delay', async () => {
    const { token: t } = await s.claimedAgent();
    const id = await publishJob(s, t);
    const count = async () => (await s.api(`/jobs/${id}/proposals`, { token: t })).body.proposals.length;
    await s.worker.runOnce();
    expect(await count()).toBe(0);
    s.clock.advance(seconds(60));
    await s.worker.runOnce();
    expect(await count()).toBe(1);
    s.clock.advance(seconds(120));
    await s.worker.runOnce();
    expect(await count()).toBe(3);
    s.clock.advance(seconds(600));
    await s.worker.runOnce();
    expect(await count()).toBe(3);
  });

  it('is off when the setting says so: nothing is scheduled, nobody applies', async () => {
    const off = await startHarness({
      database: s.database,
      startWorker: false,
      settings: { sandboxMarketplace: false },
    });
    try {
      const { token: t } = await off.claimedAgent();
      const id = await publishJob(off, t);
      off.clock.advance(seconds(3600));
      await off.worker.runOnce();
      expect((await off.api(`/jobs/${id}/proposals`, { token: t })).body.proposals).toEqual([]);
      const scheduled = await off.database.db
        .selectFrom('jobs' as never)
        .selectAll()
        .execute();
      expect(JSON.stringify(scheduled)).not.toContain(id);
    } finally {
      await off.close();
    }
  });
});
