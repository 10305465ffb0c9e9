/** The documented money caps hold on every amount path: milestone by volume, rates, hire, funding, top-ups; extreme values are a 400, never a 500. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { confirmOnPage, employer, fundCredits, hireable } from './test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startWorker: false });
});
afterAll(async () => h?.close());

const hireBody = (amount: number | string) => ({ milestone: { name: 'First hours', description: 'Label', amount, dueDate: '2027-01-31' } });

describe('money caps', () => {
  it('refuses a milestone priced by volume above $100,000 (volume 363636 at $25/h), naming volume', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 100_000);
    const { proposalId } = await hireable(h, e, { paymentType: 'PAY_PER_HOUR', pricePerHour: 25 });
    const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: hireBody(250) });
    await confirmOnPage(e.web, hire.body.approval.approvalUrl);
    const contractId = (await h.api(`/approvals/${hire.body.approval.id}`, { token: e.agentToken })).body.approval.result.contractId;
    const huge = await h.api(`/contracts/${contractId}/milestones`, { method: 'POST', token: e.token, body: { description: 'Everything', volume: 363636 } });
    expect(huge.status).toBe(400);
    expect(huge.body.details).toMatchObject({ field: 'volume', maxAmountUsd: 100_000, maxVolume: 4000 });
    const atCap = await h.api(`/contracts/${contractId}/milestones`, { method: 'POST', token: e.token, body: { description: 'Exactly the cap', volume: 4000 } });
    expect(atCap.status).toBe(201);
    expect(atCap.body.milestone.amountUsd).toBe(100_000);
    const extreme = await h.api(`/contracts/${contractId}/milestones`, { method: 'POST', token: e.token, body: { description: 'x', volume: '999999999.99' } });
    expect(extreme.status).toBe(400);
  });

  it('refuses hiring at an extreme hourly rate with a 400 (API and approval page), never a 500', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 100_000);
    const { proposalId } = await hireable(h, e, { paymentType: 'PAY_PER_HOUR', pricePerHour: 999_999_999 });
    const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: hireBody(100) });
    expect(hire.status).toBe(400);
    expect(hire.body.details).toMatchObject({ field: 'pricePerHour', maxRateUsd: 100_000 });
  });

  it('shows the approval page error (not a 500) when the job rate became extreme after the hire was requested', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 100_000);
    const { proposalId, jobId } = await hireable(h, e, { paymentType: 'PAY_PER_HOUR', pricePerHour: 20 });
    const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: hireBody('0.01') });
    expect(hire.status).toBe(202);
    await sql`UPDATE ot_jobs SET fields = ${JSON.stringify({ paymentType: 'PAY_PER_HOUR', pricePerHour: 999_999_999 })}::jsonb WHERE id = ${jobId}`.execute(h.services.db);
    const confirmed = await confirmOnPage(e.web, hire.body.approval.approvalUrl);
    expect(confirmed.status).toBe(400);
    expect(confirmed.text).toContain('pricePerHour is above the maximum rate');
    expect((await h.services.credits.getBalance(e.organizationId)).availableCents).toBe(100_000);
  });

  it('keeps a tiny first milestone at a high legal rate from breaking the hire (volume below 0.01)', async () => {
    const e = await employer(h);
    await fundCredits(h, e.organizationId, 100_000);
    const { proposalId } = await hireable(h, e, { paymentType: 'PAY_PER_HOUR', pricePerHour: 100_000 });
    const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: hireBody('1') });
    expect(hire.status).toBe(202);
    const confirmed = await confirmOnPage(e.web, hire.body.approval.approvalUrl);
    expect(confirmed.status).toBe(200);
    expect((await h.api(`/approvals/${hire.body.approval.id}`, { token: e.agentToken })).body.approval.status).toBe('confirmed');
  });

  it('caps job rates, hire amounts and top-ups with a 400 naming the field', async () => {
    const e = await employer(h);
    const draft = await h.api('/job-drafts', { method: 'POST', token: e.agentToken, body: { jobDescription: 'Label 1,000 images of cats with bounding boxes for a vision model.' } });
    const rate = await h.api(`/job-drafts/${draft.body.jobId}`, { method: 'PATCH', token: e.agentToken, body: { paymentType: 'PAY_PER_HOUR', pricePerHour: 100_001 } });
    expect(rate.status).toBe(400);
    expect(rate.body.details.field).toBe('pricePerHour');
    const { proposalId } = await hireable(h, e);
    const over = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: hireBody('100000.01') });
    expect(over.status).toBe(400);
    expect(over.body.details.field).toBe('milestone.amount');
    const topUp = await h.api('/credits/top-ups', { method: 'POST', token: e.token, body: { amountUsd: 1e300 } });
    expect(topUp.status).toBe(400);
    expect(topUp.body.details.field).toBe('amountUsd');
  });
});
