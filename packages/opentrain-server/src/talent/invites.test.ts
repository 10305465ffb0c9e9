/**
 * POST /jobs/{id}/invites: claimed + proposals:write + public_api_hiring; 201 new / 200 existing
 * (idempotent per freelancer); 404 job/user; 409 job_not_published, not_a_freelancer,
 * freelancer_unavailable. Sandbox trainers accept: the invite becomes a proposal with an interview.
 */
import { readEvents, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { publishJob } from './test-support';

let h: Harness;
let token: string;
let orgId: string;
let jobId: string;

beforeAll(async () => {
  h = await startHarness({
    settings: {
      sandboxMarketplace: true,
      sandboxApplyMode: 'immediate',
      sandboxApplicantsPerJob: 2,
    },
  });
  ({ token } = await h.claimedAgent());
  orgId = (await h.api('/auth/me', { token })).body.account.organizationId;
  jobId = await publishJob(h, token);
});
afterAll(async () => h?.close());

async function sandboxFreelancer(filter: (p: { availability: string }) => boolean) {
  const applied = new Set((await h.services.freelancers.db.selectFrom('ot_proposals').select('freelancer_user_id').where('job_id', '=', jobId).execute()).map((r) => r.freelancer_user_id));
  const rows = await h.services.freelancers.db.selectFrom('ot_freelancer_profiles').selectAll().where('sandbox', '=', true).orderBy('seq').execute();
  const row = rows.find((r) => filter(r) && !applied.has(r.user_id));
  if (!row) throw new Error('no sandbox freelancer');
  return row;
}

describe('invites', () => {
  it('invites a sandbox trainer (201), who accepts and is interviewed; inviting again is a 200', async () => {
    const f = await sandboxFreelancer((p) => p.availability !== 'UNAVAILABLE');
    const res = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: f.user_id },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ok: true,
      jobId,
      freelancerId: f.user_id,
      alreadyInvited: false,
    });
    const again = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: f.user_id },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...res.body, alreadyInvited: true });

    const proposal = (await h.api(`/proposals/${res.body.proposalId}`, { token })).body.proposal;
    expect(proposal).toMatchObject({
      source: 'invite',
      status: { raw: 'UNREVIEWED' },
      sandbox: true,
      aiInterview: { status: 'completed' },
    });
    expect(proposal.bid.amountUsd).toBeGreaterThan(0);
    await waitForEventHorizon(h.database.db);
    const events = (await readEvents(h.database.db, { scope: orgId, limit: 1000 })).events;
    expect(events.filter((e) => e.type === 'proposal.received' && (e.payload as { proposalId: string }).proposalId === res.body.proposalId)).toHaveLength(1);
  });

  it('invites a trainer who already applied: 200, same proposal', async () => {
    const [applicant] = (await h.api(`/jobs/${jobId}/proposals`, { token })).body.proposals.filter((p: { source: string }) => p.source === 'application');
    const res = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: applicant.candidate.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      proposalId: applicant.id,
      alreadyInvited: true,
    });
  });

  it('refuses unavailable trainers, non-freelancers, unknown users and unpublished or foreign jobs', async () => {
    const busy = await sandboxFreelancer((p) => p.availability === 'UNAVAILABLE');
    const unavailable = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: busy.user_id },
    });
    expect(unavailable.status).toBe(409);
    expect(unavailable.body.details.reason).toBe('freelancer_unavailable');

    const me = (await h.api('/auth/me', { token })).body.actor.userId;
    const employer = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: me },
    });
    expect(employer.status).toBe(409);
    expect(employer.body.details.reason).toBe('not_a_freelancer');

    expect(
      (
        await h.api(`/jobs/${jobId}/invites`, {
          method: 'POST',
          token,
          body: { freelancerId: 'usr_nobody' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.api(`/jobs/${jobId}/invites`, {
          method: 'POST',
          token,
          body: {},
        })
      ).body.details.field,
    ).toBe('freelancerId');

    const f = await sandboxFreelancer((p) => p.availability !== 'UNAVAILABLE');
    const draftId = await publishJob(h, token, undefined, { publish: false });
    const draft = await h.api(`/jobs/${draftId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: f.user_id },
    });
    expect(draft.status).toBe(409);
    expect(draft.body.details.reason).toBe('job_not_published');

    const other = await h.claimedAgent('Other agent');
    expect(
      (
        await h.api(`/jobs/${jobId}/invites`, {
          method: 'POST',
          token: other.token,
          body: { freelancerId: f.user_id },
        })
      ).status,
    ).toBe(404);
  });

  it('stays idempotent under concurrent invites: one 201, the rest 200, one proposal', async () => {
    const f = await sandboxFreelancer((p) => p.availability !== 'UNAVAILABLE');
    const results = await Promise.all(Array.from({ length: 5 }, () => h.api(`/jobs/${jobId}/invites`, { method: 'POST', token, body: { freelancerId: f.user_id } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.proposalId)).size).toBe(1);
    const rows = await h.services.freelancers.db.selectFrom('ot_proposals').select('id').where('job_id', '=', jobId).where('freelancer_user_id', '=', f.user_id).execute();
    expect(rows).toHaveLength(1);
  });

  it('needs a claimed account with proposals:write', async () => {
    const unclaimed = await h.registerAgent();
    const f = await sandboxFreelancer((p) => p.availability !== 'UNAVAILABLE');
    const res = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token: unclaimed.access_token,
      body: { freelancerId: f.user_id },
    });
    // Claiming is what grants proposals:write: the refusal says so, with the claim link.
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ reason: 'account_claim_required', claimUrl: `${h.url}/claim` });
  });
});
