/**
 * The money workflow over real HTTP on a real database: hire → human confirms on the approval page
 * (credits) → contract + funded first milestone + ledger hold; more milestones funded by card;
 * approval → capture → the trainer is paid; ending releases what remains. Plus idempotency,
 * supersede, tenant isolation, expiry, CSRF and every documented 409.
 */
import { readEvents, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { confirmOnPage, type Employer, employer, fundCredits, hireable } from './test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startWorker: false });
});
afterAll(async () => h?.close());

const hireBody = (amount: number | string = 500, name = 'First 1,000 clips') => ({
  milestone: {
    name,
    description: 'Transcribe and label',
    amount,
    dueDate: '2027-01-31',
  },
});

describe('hire preconditions', () => {
  it('needs payments on file or covering credits (409 payment_method_required + billingUrl)', async () => {
    const e = await employer(h);
    const { proposalId } = await hireable(h, e);
    const res = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.details).toMatchObject({
      reason: 'payment_method_required',
      // The billing page opens with the shortfall prefilled (no credits yet: the whole total).
      billingUrl: `${h.url}/billing?amount=559.95`,
      requiredCents: 55_995,
      shortfallCents: 55_995,
    });
  });

  it('refuses bad terms with the offending field, unknown proposals with 404, other accounts alike', async () => {
    const e = await employer(h);
    const other = await employer(h, 'Other agent');
    const { proposalId } = await hireable(h, e);
    await fundCredits(h, e.organizationId, 100_000);
    const bad = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: { milestone: { amount: 10.001, name: 'x' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('milestone.amount');
    const noName = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: { milestone: { amount: 10 } },
    });
    expect(noName.body.details.field).toBe('milestone.name');
    const badDate = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: { milestone: { amount: 10, name: 'x', dueDate: '31/01/2027' } },
    });
    expect(badDate.body.details.field).toBe('milestone.dueDate');
    const foreign = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: other.agentToken,
      body: hireBody(),
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toMatchObject({
      resource: 'proposals',
      proposalId,
    });
  });

  it('asks for confirmNotAFit before hiring a Not a fit candidate', async () => {
    const e = await employer(h);
    const { proposalId } = await hireable(h, e);
    await h.services.db
      .updateTable('ot_proposals' as never)
      .set({ status: 'NOT_A_FIT' } as never)
      .where('id' as never, '=', proposalId as never)
      .execute();
    await fundCredits(h, e.organizationId, 100_000);
    const refused = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.details.reason).toBe('proposal_marked_not_a_fit');
    const ok = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: { ...hireBody(), confirmNotAFit: true },
    });
    expect(ok.status).toBe(202);
  });

  it('is gated: pre-claim tokens lack proposals:write; payments:write is minted by the human', async () => {
    const agent = await h.registerAgent();
    const pre = await h.api('/proposals/prop_x/hire', {
      method: 'POST',
      token: agent.access_token,
      body: hireBody(),
    });
    expect(pre.status).toBe(403);
    const e = await employer(h);
    const noScope = await h.api('/credits/top-ups', {
      method: 'POST',
      token: e.agentToken,
      body: { amountUsd: 50 },
    });
    expect(noScope.status).toBe(403);
    expect(noScope.body.details.requiredScopes).toEqual(['payments:write']);
  });
});

describe('hire → confirm → milestones → approve → end', () => {
  let e: Employer;
  let trainer: { email: string; userId: string };
  let jobId: string;
  let proposalId: string;
  let contractId: string;
  let firstMilestone: string;
  let secondMilestone: string;

  it('tops up credits through the sandbox checkout (and keeps the card on file)', async () => {
    e = await employer(h);
    ({ trainer, jobId, proposalId } = await hireable(h, e));
    const created = await h.api('/credits/top-ups', {
      method: 'POST',
      token: e.token,
      body: { amountUsd: 600 },
    });
    expect(created.status).toBe(201);
    expect(created.body.topUp).toMatchObject({
      status: 'PENDING',
      amountCents: 60_000,
    });
    const checkout = new URL(created.body.checkoutUrl).pathname;
    await e.web.get(checkout);
    await e.web.post(`${checkout}/pay`, { saveCard: '1' });
    const status = await h.api(`/credits/top-ups/${created.body.topUpId}`, {
      token: e.agentToken,
    });
    expect(status.body.topUp.status).toBe('COMPLETED');
    const credits = await h.api('/credits', { token: e.agentToken });
    expect(credits.body.credits).toMatchObject({
      availableCents: 60_000,
      reservedCents: 0,
      currency: 'usd',
    });
    expect(credits.body.credits.recentEntries[0]).toMatchObject({
      type: 'TOP_UP',
      amountCents: 60_000,
      topUpId: created.body.topUpId,
    });
  });

  it('hires: 202 pending approval, idempotent with the same terms, superseded by different terms', async () => {
    const first = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(450),
    });
    expect(first.status).toBe(202);
    expect(first.body.approval).toMatchObject({
      type: 'proposal_hire',
      status: 'pending',
      contractId: null,
      milestoneId: null,
      jobId,
      proposalId,
      resolvedAt: null,
      result: null,
    });
    expect(first.body.approval.approvalUrl).toBe(`${h.url}/approvals/${first.body.approval.id}`);
    expect(Date.parse(first.body.approval.expiresAt) - Date.parse(first.body.approval.createdAt)).toBe(72 * 3600_000);
    const again = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(450),
    });
    expect(again.body.approval.id).toBe(first.body.approval.id);
    const changed = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(500),
    });
    expect(changed.status).toBe(202);
    expect(changed.body.approval.id).not.toBe(first.body.approval.id);
    expect(changed.body.approval.terms.amounts).toEqual({
      milestoneUsd: 500,
      marketplaceFeeUsd: 50,
      contractInitiationFeeUsd: 9.95,
      totalUsd: 559.95,
    });
    const old = await h.api(`/approvals/${first.body.approval.id}`, {
      token: e.agentToken,
    });
    expect(old.body.approval).toMatchObject({
      status: 'declined',
      supersededBy: changed.body.approval.id,
    });
    const pending = await h.services.db
      .selectFrom('ot_approvals' as never)
      .selectAll()
      .where('proposal_id' as never, '=', proposalId as never)
      .where('status' as never, '=', 'pending' as never)
      .execute();
    expect(pending).toHaveLength(1);
  });

  it('the approval page shows exactly what will happen, only to the owner, behind CSRF', async () => {
    const live = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(500),
    });
    const path = new URL(live.body.approval.approvalUrl).pathname;
    const anonymous = await h.web().get(path, false);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`);
    const stranger = await h.signInByLink((await employer(h, 'Stranger')).email, path);
    expect((await stranger.web.get(path)).status).toBe(404);
    const page = await e.web.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Maria G.');
    expect(page.text).not.toContain(trainer.email);
    expect(page.text).toContain('data-amount="milestone">$500.00');
    expect(page.text).toContain('data-amount="fee">$50.00');
    expect(page.text).toContain('data-amount="initiation">$9.95');
    expect(page.text).toContain('$559.95');
    expect(page.text).toContain('Credits ($600.00 available)');
    expect(page.text).toContain('Sandbox test card');
    const forged = await e.web.post(`${path}/confirm`, { source: 'credits' }, { csrf: 'forged' });
    expect(forged.status).toBe(403);
    const crossSite = await e.web.post(`${path}/confirm`, { source: 'credits' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(
      (
        await h.api(`/approvals/${live.body.approval.id}`, {
          token: e.agentToken,
        })
      ).body.approval.status,
    ).toBe('pending');
  });

  it('confirming with credits creates the contract, funds milestone 1 and holds the escrow', async () => {
    const live = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(500),
    });
    const done = await confirmOnPage(e.web, live.body.approval.approvalUrl, {
      source: 'credits',
      amount: '500.00',
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('data-approval-status="confirmed"');
    const approval = (
      await h.api(`/approvals/${live.body.approval.id}`, {
        token: e.agentToken,
      })
    ).body.approval;
    expect(approval.status).toBe('confirmed');
    expect(approval.result).toEqual({
      hired: true,
      contractId: expect.any(String),
      jobId,
      freelancerUserId: trainer.userId,
    });
    contractId = approval.result.contractId;
    expect(approval.contractId).toBe(contractId);
    const credits = (await h.api('/credits', { token: e.agentToken })).body.credits;
    // 60000 − 500.00 escrow − 50.00 fee held − 9.95 initiation captured
    expect(credits).toMatchObject({
      availableCents: 4_005,
      reservedCents: 55_000,
    });
    const ledger = (await h.api('/credits/ledger', { token: e.agentToken })).body.entries;
    expect(ledger.map((x: { type: string; amountCents: number }) => [x.type, x.amountCents])).toEqual([
      ['CAPTURE', -995],
      ['HOLD', -995],
      ['HOLD', -5_000],
      ['HOLD', -50_000],
      ['TOP_UP', 60_000],
    ]);
    expect(ledger[3]).toMatchObject({
      contractId,
      milestoneId: approval.milestoneId,
    });
    const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(contract).toMatchObject({
      id: contractId,
      status: 'active',
      jobId,
      proposalId,
      paymentType: 'FIXED_PRICE',
      hasActiveMilestone: true,
      freelancer: { userId: trainer.userId, displayName: 'Maria G.' },
    });
    expect(contract.jobDmConversationId).toEqual(expect.any(String));
    expect(contract.budget).toMatchObject({
      state: 'OK',
      fundedAmountUsd: 500,
    });
    expect(contract.milestones).toEqual([
      expect.objectContaining({
        milestoneNumber: 1,
        status: 'ACTIVE_FUNDED',
        amountUsd: 500,
        name: 'First 1,000 clips',
        dueDate: '2027-01-31',
        pendingApproval: false,
      }),
    ]);
    firstMilestone = contract.milestones[0].id;
    const proposalRow = await h.services.proposals.get(proposalId);
    expect(proposalRow).toMatchObject({ status: 'HIRED', contractId });
    // A second confirm (another tab) replays; nothing moves twice.
    const replay = await confirmOnPage(e.web, live.body.approval.approvalUrl);
    expect(replay.status).toBe(200);
    expect((await h.api('/credits', { token: e.agentToken })).body.credits.availableCents).toBe(4_005);
    // Hiring the same proposal again is refused.
    const rehire = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(10),
    });
    expect(rehire.status).toBe(409);
    expect(rehire.body.details.reason).toBe('already_hired');
    const listed = await h.api(`/contracts?jobId=${jobId}&status=active`, {
      token: e.agentToken,
    });
    expect(listed.body.contracts.map((c: { id: string }) => c.id)).toEqual([contractId]);
    expect((await h.api('/contracts?status=open', { token: e.agentToken })).body.details.field).toBe('status');
  });

  it('creates a milestone directly and funds it by card after the human confirms', async () => {
    const invalid = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: '  ', amountUsd: 100 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.field).toBe('description');
    const noAmount = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: 'Batch 2' },
    });
    expect(noAmount.body.details.field).toBe('amountUsd');
    const created = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: 'Batch 2', name: 'Second batch', amountUsd: 100 },
    });
    expect(created.status).toBe(201);
    expect(created.body.milestone).toMatchObject({
      milestoneNumber: 2,
      status: 'NOT_FUNDED',
      amountUsd: 100,
    });
    secondMilestone = created.body.milestone.id;
    const notFunded = await h.api(`/milestones/${secondMilestone}/approve`, {
      method: 'POST',
      token: e.token,
    });
    expect(notFunded.status).toBe(409);
    expect(notFunded.body.details.reason).toBe('milestone_not_funded');
    const fund = await h.api(`/milestones/${secondMilestone}/fund`, {
      method: 'POST',
      token: e.token,
    });
    expect(fund.status).toBe(202);
    expect(fund.body.approval).toMatchObject({
      type: 'milestone_fund',
      status: 'pending',
      contractId,
      milestoneId: secondMilestone,
    });
    expect(
      (
        await h.api(`/milestones/${secondMilestone}/fund`, {
          method: 'POST',
          token: e.token,
        })
      ).body.approval.id,
    ).toBe(fund.body.approval.id);
    const pending = (await h.api('/payments/pending', { token: e.agentToken })).body.payments;
    expect(pending).toEqual([
      expect.objectContaining({
        status: 'PENDING_FUNDING',
        invoiceKind: 'FUNDING',
        viewerRole: 'EMPLOYER',
        amountUsd: 100,
        milestone: { id: secondMilestone, name: 'Second batch' },
        job: { id: jobId, title: 'Label 1,000 audio clips' },
      }),
    ]);
    await confirmOnPage(e.web, fund.body.approval.approvalUrl, {
      source: 'card',
      amount: '100.00',
    });
    const approval = (
      await h.api(`/approvals/${fund.body.approval.id}`, {
        token: e.agentToken,
      })
    ).body.approval;
    expect(approval.status).toBe('confirmed');
    expect(approval.result).toEqual({
      invoiceId: pending[0].id,
      paymentIntentId: expect.stringMatching(/^sbx_pi_/),
    });
    // Card: the card is charged the total (TOP_UP 110.00) and the holds draw on it; credits untouched.
    expect((await h.api('/credits', { token: e.agentToken })).body.credits).toMatchObject({ availableCents: 4_005, reservedCents: 66_000 });
    expect((await h.api('/payments/pending', { token: e.agentToken })).body.payments).toEqual([]);
    const again = await h.api(`/milestones/${secondMilestone}/fund`, {
      method: 'POST',
      token: e.token,
    });
    expect(again.body.details.reason).toBe('milestone_not_fundable');
  });

  it('approving a milestone captures the escrow and pays the trainer', async () => {
    const approve = await h.api(`/milestones/${firstMilestone}/approve`, {
      method: 'POST',
      token: e.token,
    });
    expect(approve.status).toBe(202);
    const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(contract.milestones[0]).toMatchObject({
      pendingApproval: true,
      needsReview: true,
    });
    const pending = (await h.api('/payments/pending', { token: e.agentToken })).body.payments;
    expect(pending).toEqual([expect.objectContaining({ status: 'PENDING_PAYOUT', amountUsd: 500 })]);
    const page = await e.web.get(new URL(approve.body.approval.approvalUrl).pathname);
    expect(page.text).toContain('Releases the escrow of <strong data-amount="milestone">$500.00</strong> to Maria G.');
    await confirmOnPage(e.web, approve.body.approval.approvalUrl);
    const approval = (
      await h.api(`/approvals/${approve.body.approval.id}`, {
        token: e.agentToken,
      })
    ).body.approval;
    expect(approval.result).toEqual({
      invoiceId: expect.any(String),
      payoutTransactionId: expect.any(String),
    });
    expect((await h.api('/credits', { token: e.agentToken })).body.credits).toMatchObject({ availableCents: 4_005, reservedCents: 11_000 });
    expect(await h.services.credits.getEarnings(trainer.userId)).toMatchObject({
      earnedCents: 50_000,
    });
    const { web } = await h.signInByLink(trainer.email, '/freelancer/earnings');
    const earnings = await web.get('/freelancer/earnings');
    expect(earnings.text).toContain('data-earned>$500.00');
    const paid = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract.milestones[0];
    expect(paid).toMatchObject({ status: 'PAID', pendingApproval: false });
    expect(
      (
        await h.api(`/milestones/${firstMilestone}/approve`, {
          method: 'POST',
          token: e.token,
        })
      ).body.details.reason,
    ).toBe('milestone_not_funded');
  });

  it('ending with funded work needs the human; confirming releases what remains', async () => {
    const end = await h.api(`/contracts/${contractId}/end`, {
      method: 'POST',
      token: e.token,
    });
    expect(end.status).toBe(202);
    expect(end.body.approval).toMatchObject({
      type: 'contract_end',
      milestoneId: null,
      proposalId: null,
      contractId,
    });
    const page = await e.web.get(new URL(end.body.approval.approvalUrl).pathname);
    expect(page.text).toContain('data-amount="release">$100.00');
    await confirmOnPage(e.web, end.body.approval.approvalUrl);
    expect(
      (
        await h.api(`/approvals/${end.body.approval.id}`, {
          token: e.agentToken,
        })
      ).body.approval.result,
    ).toEqual({ contractEnded: true });
    // 100.00 escrow + 10.00 fee back to available; nothing reserved.
    expect((await h.api('/credits', { token: e.agentToken })).body.credits).toMatchObject({ availableCents: 15_005, reservedCents: 0 });
    const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(contract).toMatchObject({
      status: 'ended',
      endDate: expect.any(String),
    });
    expect(contract.milestones.map((m: { status: string }) => m.status)).toEqual(['PAID']);
    const raw = await h.services.db
      .selectFrom('ot_milestones' as never)
      .select(['id', 'status'] as never)
      .where('contract_id' as never, '=', contractId as never)
      .execute();
    expect(raw).toContainEqual({ id: secondMilestone, status: 'REFUNDED' });
    expect(
      (
        await h.api(`/contracts/${contractId}/end`, {
          method: 'POST',
          token: e.token,
        })
      ).body.details.reason,
    ).toBe('contract_ended');
    expect(
      (
        await h.api(`/contracts/${contractId}/milestones`, {
          method: 'POST',
          token: e.token,
          body: { description: 'x', amountUsd: 5 },
        })
      ).body.details.reason,
    ).toBe('contract_ended');
    const audit = await h.services.credits.verifyAccount(e.organizationId);
    expect(audit.problems).toEqual([]);
    expect((await h.api('/contracts?status=ended', { token: e.agentToken })).body.contracts).toHaveLength(1);
  });

  it('emitted the documented events with IDs only', async () => {
    await waitForEventHorizon(h.services.db);
    const page = await readEvents(h.services.db, {
      scope: e.organizationId,
      limit: 1000,
    });
    const types = new Set(page.events.map((ev) => ev.type));
    for (const t of ['contract.created', 'milestone.status_changed', 'payment.pending', 'approval.confirmed']) expect(types).toContain(t);
    const created = page.events.find((ev) => ev.type === 'contract.created');
    expect(created?.payload).toEqual({ contractId, jobId, proposalId });
  });

  it('keeps other accounts out', async () => {
    const other = await employer(h, 'Nosy agent');
    expect((await h.api(`/contracts/${contractId}`, { token: other.agentToken })).status).toBe(404);
    expect((await h.api(`/contracts?jobId=${jobId}`, { token: other.agentToken })).status).toBe(404);
    expect(
      (
        await h.api(`/milestones/${firstMilestone}/approve`, {
          method: 'POST',
          token: other.token,
        })
      ).status,
    ).toBe(404);
    const approvals = await h.services.db
      .selectFrom('ot_approvals' as never)
      .select('id' as never)
      .where('organization_id' as never, '=', e.organizationId as never)
      .execute();
    const foreign = await h.api(`/approvals/${(approvals[0] as { id: string }).id}`, { token: other.agentToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toMatchObject({ resource: 'approvals' });
    expect((await h.api('/credits', { token: other.agentToken })).body.credits).toMatchObject({ availableCents: 0, reservedCents: 0, recentEntries: [] });
  });
});

describe('direct end, expiry, decline', () => {
  it('ends directly (200) when nothing is funded, and expires approvals after 72 h on read', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 200_000);
    const { proposalId } = await hireable(h, e);
    const hire = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(100),
    });
    await confirmOnPage(e.web, hire.body.approval.approvalUrl);
    const contractId = (
      await h.api(`/approvals/${hire.body.approval.id}`, {
        token: e.agentToken,
      })
    ).body.approval.result.contractId;
    const m1 = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract.milestones[0].id;
    const approve = await h.api(`/milestones/${m1}/approve`, {
      method: 'POST',
      token: e.token,
    });
    await confirmOnPage(e.web, approve.body.approval.approvalUrl);
    const m2 = (
      await h.api(`/contracts/${contractId}/milestones`, {
        method: 'POST',
        token: e.token,
        body: { description: 'More', amountUsd: 50 },
      })
    ).body.milestone.id;
    const fund = await h.api(`/milestones/${m2}/fund`, {
      method: 'POST',
      token: e.token,
    });
    h.clock.advance(72 * 3600_000);
    const expired = await h.api(`/approvals/${fund.body.approval.id}`, {
      token: e.agentToken,
    });
    expect(expired.body.approval).toMatchObject({
      status: 'expired',
      resolvedAt: expect.any(String),
    });
    const late = await confirmOnPage(e.web, fund.body.approval.approvalUrl);
    expect(late.text).toContain('data-approval-status="expired"');
    const refreshed = await h.api(`/milestones/${m2}/fund`, {
      method: 'POST',
      token: e.token,
    });
    expect(refreshed.body.approval.id).not.toBe(fund.body.approval.id);
    const declined = await e.web.post(`${new URL(refreshed.body.approval.approvalUrl).pathname}/decline`, {});
    expect(declined.status).toBe(200);
    expect(
      (
        await h.api(`/approvals/${refreshed.body.approval.id}`, {
          token: e.agentToken,
        })
      ).body.approval.status,
    ).toBe('declined');
    const end = await h.api(`/contracts/${contractId}/end`, {
      method: 'POST',
      token: e.token,
    });
    expect(end.status).toBe(200);
    expect(end.body).toEqual({ ok: true, contractId, status: 'ended' });
    expect((await h.services.credits.verifyAccount(e.organizationId)).problems).toEqual([]);
  });

  it('tracks the budget of hourly contracts (LOW / DEPLETED) and emits the change', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 500_000);
    const { proposalId } = await hireable(h, e, {
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 25,
    });
    const hire = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: hireBody(250),
    });
    await confirmOnPage(e.web, hire.body.approval.approvalUrl);
    const contractId = (
      await h.api(`/approvals/${hire.body.approval.id}`, {
        token: e.agentToken,
      })
    ).body.approval.result.contractId;
    const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(contract).toMatchObject({
      paymentType: 'PAY_PER_HOUR',
      rateUsd: 25,
    });
    expect(contract.budget).toMatchObject({
      state: 'OK',
      fundedVolume: 10,
      consumedVolume: 0,
    });
    const mismatch = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: 'x', volume: 2, amountUsd: 49 },
    });
    expect(mismatch.body.details).toMatchObject({
      field: 'amountUsd',
      expectedAmountUsd: 50,
    });
    const m2 = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: 'Two more hours', volume: 2 },
    });
    expect(m2.body.milestone).toMatchObject({ amountUsd: 50, volume: 2 });
    const approve = await h.api(`/milestones/${contract.milestones[0].id}/approve`, { method: 'POST', token: e.token });
    await confirmOnPage(e.web, approve.body.approval.approvalUrl);
    const after = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(after.budget).toMatchObject({
      state: 'DEPLETED',
      consumedFraction: 1,
      consumed: { hours: 10, seconds: 36_000 },
    });
    await waitForEventHorizon(h.services.db);
    const page = await readEvents(h.services.db, {
      scope: e.organizationId,
      limit: 1000,
    });
    const change = page.events.find((ev) => ev.type === 'contract.budget_state_changed');
    expect(change?.payload).toMatchObject({
      contractId,
      previousState: 'OK',
      state: 'DEPLETED',
      paymentType: 'PAY_PER_HOUR',
    });
  });
});
