import { emitEvent, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ startWorker: false });
});
afterAll(async () => {
  await h?.close();
});

/** A fresh agent account: its pre-claim token (proposals/messages/payments:read) and organization id. */
async function account() {
  const agent = await h.registerAgent();
  const me = await h.api('/auth/me', { token: agent.access_token });
  return { token: agent.access_token, org: me.body.account.organizationId as string };
}

async function emit(org: string, type: string, data: Record<string, unknown>) {
  const id = await emitEvent(h.services.db, { type, scope: org, payload: data }, h.clock);
  return String(id);
}

async function mint(org: string, scopes: string[]) {
  const created = await h.services.tokens.createFor({ organizationId: org, name: 'test', scopes, origin: 'web' });
  return created.token as string;
}

async function pollAll(token: string, cursor?: string) {
  const seen: string[] = [];
  let next = cursor;
  for (let i = 0; i < 100; i++) {
    const res = await h.api(`/updates?limit=2${next ? `&cursor=${next}` : ''}`, { token });
    expect(res.status).toBe(200);
    seen.push(...res.body.events.map((e: { id: string }) => e.id));
    next = res.body.nextCursor ?? undefined;
    if (!res.body.hasMore) break;
  }
  return { seen, cursor: next };
}

describe('GET /updates', () => {
  it('returns the account events oldest first, IDs only, as documented Event records', async () => {
    const { token, org } = await account();
    const other = await account();
    const a = await emit(org, 'proposal.received', { proposalId: 'prop_1', jobId: 'job_1' });
    await emit(other.org, 'proposal.received', { proposalId: 'prop_other', jobId: 'job_x' });
    const b = await emit(org, 'message.received', { conversationId: 'conv_1', messageId: 'msg_1' });
    await emit(org, 'job.internal_only', { jobId: 'job_1' }); // not one of the 8 documented types
    const c = await emit(org, 'contract.budget_state_changed', { contractId: 'ctr_1', previousState: 'FUNDED', state: 'LOW', paymentType: 'PAY_PER_LABEL', fundedVolume: 10, consumedVolume: 8, remainingVolume: 2, consumedFraction: 0.8 });
    await waitForEventHorizon(h.services.db);

    const res = await h.api('/updates', { token });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { id: string }) => e.id)).toEqual([a, b, c]);
    expect(res.body.events[0]).toEqual({ id: a, type: 'proposal.received', apiVersion: 'v1', createdAt: h.clock.now().toISOString(), resourceId: 'prop_1', jobId: 'job_1', data: { proposalId: 'prop_1', jobId: 'job_1' } });
    expect(res.body.events[1]).toMatchObject({ type: 'message.received', resourceId: 'msg_1', jobId: null });
    expect(res.body.events[2]).toMatchObject({ type: 'contract.budget_state_changed', resourceId: 'ctr_1' });
    expect(res.body.nextCursor).toBe(c);
    expect(res.body.hasMore).toBe(false);

    const empty = await h.api(`/updates?cursor=${c}`, { token });
    expect(empty.body).toEqual({ events: [], nextCursor: c, hasMore: false });
    const fresh = await h.api('/updates', { token: (await account()).token });
    expect(fresh.body).toEqual({ events: [], nextCursor: null, hasMore: false });
  });

  it('pages with nextCursor and hasMore, and picks up new events from the cursor', async () => {
    const { token, org } = await account();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await emit(org, 'proposal.status_changed', { proposalId: `prop_${i}`, status: 'SHORTLISTED' }));
    await waitForEventHorizon(h.services.db);
    const first = await h.api('/updates?limit=2', { token });
    expect(first.body.events.map((e: { id: string }) => e.id)).toEqual(ids.slice(0, 2));
    expect(first.body).toMatchObject({ nextCursor: ids[1], hasMore: true });
    const { seen, cursor } = await pollAll(token, first.body.nextCursor);
    expect(seen).toEqual(ids.slice(2));
    expect(cursor).toBe(ids[4]);
    const later = await emit(org, 'approval.confirmed', { approvalId: 'apr_1', status: 'APPROVED' });
    await waitForEventHorizon(h.services.db);
    expect((await pollAll(token, cursor)).seen).toEqual([later]);
  });

  it('silently filters event types the token cannot read; no read scope at all is a 403 naming the scopes', async () => {
    const { org } = await account();
    const p = await emit(org, 'proposal.received', { proposalId: 'p', jobId: 'j' });
    const m = await emit(org, 'message.received', { conversationId: 'c', messageId: 'm' });
    const pay = await emit(org, 'payment.pending', { invoiceId: 'inv', milestoneId: 'ms', contractId: 'ctr' });
    await waitForEventHorizon(h.services.db);
    const messagesOnly = await h.api('/updates', { token: await mint(org, ['messages:read']) });
    expect(messagesOnly.body.events.map((e: { id: string }) => e.id)).toEqual([m]);
    const writeImpliesRead = await h.api('/updates', { token: await mint(org, ['payments:write', 'proposals:write']) });
    expect(writeImpliesRead.body.events.map((e: { id: string }) => e.id)).toEqual([p, pay]);

    const none = await h.api('/updates', { token: await mint(org, ['jobs:read', 'team:read']) });
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('FORBIDDEN');
    expect(none.body.details.requiredScopes).toEqual(['proposals:read', 'messages:read', 'payments:read']);
    expect((await h.api('/updates')).status).toBe(401);
  });

  it('rejects bad input with the offending field, and cursors of another account', async () => {
    const { token, org } = await account();
    const other = await account();
    const foreign = await emit(other.org, 'proposal.received', { proposalId: 'p', jobId: 'j' });
    await emit(org, 'proposal.received', { proposalId: 'p2', jobId: 'j2' });
    await waitForEventHorizon(h.services.db);
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'cursor=abc', 'cursor=-1', `cursor=${foreign}`, 'cursor=99999999999']) {
      const res = await h.api(`/updates?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(res.body.details), query).toContain(query.split('=')[0]);
    }
    const fromZero = await h.api('/updates?cursor=0', { token });
    expect(fromZero.body.events).toHaveLength(1);
  });
});
