/**
 * Pre-hire conversations through HTTP on a real published job with sandbox applicants: get-or-create,
 * employer-first, declined proposals, other accounts; the sandbox freelancer's delayed replies
 * (driven by the manual clock and the worker) with message.received; the job DM after a hire.
 */
import { readEvents, seconds, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishJob } from '../talent/test-support';
import { type Harness, startHarness } from '../testing/harness';
import { claimedEmployer, type Employer, jobConversation, send } from './test-fixtures';

let h: Harness;
let employer: Employer;
let jobId: string;
let proposals: { id: string; candidate: { id: string; displayName: string } }[];

beforeAll(async () => {
  h = await startHarness({ startWorker: false, settings: { sandboxMarketplace: true, sandboxApplyMode: 'immediate', sandboxApplicantsPerJob: 6, sandboxReplyDelaySeconds: 20 } });
  employer = await claimedEmployer(h);
  jobId = await publishJob(h, employer.token);
  const listed = await h.api(`/jobs/${jobId}/proposals?limit=100`, { token: employer.token });
  expect(listed.status).toBe(200);
  proposals = listed.body.proposals;
  expect(proposals.length).toBeGreaterThanOrEqual(5);
});
afterAll(async () => h?.close());

const open = (proposalId: string, token = employer.token) => h.api(`/proposals/${proposalId}/conversation`, { method: 'POST', token });

async function messageEvents() {
  await waitForEventHorizon(h.services.db);
  const page = await readEvents(h.services.db, { scope: employer.organizationId, types: ['message.received'], limit: 1000 });
  return page.events.map((e) => e.payload as { conversationId: string; messageId: string; jobId: string });
}

describe('POST /proposals/{id}/conversation', () => {
  it('gets or creates one conversation per proposal (201 then 200), also under concurrent calls', async () => {
    const [p] = proposals;
    const first = await open(p.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ok: true, proposalId: p.id, jobId, created: true });
    const again = await open(p.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ conversationId: first.body.conversationId, created: false });

    const racing = await Promise.all([1, 2, 3].map(() => open(proposals[1].id)));
    expect(new Set(racing.map((r) => r.body.conversationId)).size).toBe(1);
    expect(racing.filter((r) => r.body.created)).toHaveLength(1);

    const list = await h.api('/messages?filter=proposal', { token: employer.token });
    const summary = list.body.conversations.find((c: { id: string }) => c.id === first.body.conversationId);
    expect(summary).toMatchObject({ bucket: 'proposal', proposalId: p.id, jobId, contractId: null, sandbox: true, lastMessage: null, unreadCount: 0, needsReplyCount: 0 });
    expect(summary.channelName).toBe(`${p.candidate.displayName} · Bounding boxes for agricultural drone images`);
    expect((await h.api('/messages?filter=job', { token: employer.token })).body.conversations).toEqual([]);
  });

  it('refuses declined proposals (409 proposal_not_ready_for_messaging), other accounts (404) and unclaimed agents', async () => {
    const declined = proposals[2];
    const status = await h.api(`/proposals/${declined.id}/status`, { method: 'POST', token: employer.token, body: { status: 'DECLINED' } });
    expect(status.status).toBe(200);
    const res = await open(declined.id);
    expect(res.status).toBe(409);
    expect(res.body.details).toMatchObject({ reason: 'proposal_not_ready_for_messaging', proposalId: declined.id, status: 'DECLINED' });

    const other = await claimedEmployer(h, 'Other agent');
    const foreign = await open(proposals[3].id, other.token);
    expect(foreign.status).toBe(404);
    expect((await open('prop_missing')).status).toBe(404);

    const unclaimed = await h.registerAgent();
    const pre = await open(proposals[3].id, unclaimed.access_token);
    expect(pre.status).toBe(403);
    expect(pre.body.details).toMatchObject({ reason: 'account_claim_required', claimUrl: `${h.url}/claim` });
  });

  it('lets the employer write first; a conversation whose proposal is declined later turns read-only', async () => {
    const p = proposals[3];
    const { conversationId } = (await open(p.id)).body;
    const candidate = { side: 'freelancer' as const, userId: p.candidate.id };
    await expect(h.services.messaging.messages.send(candidate, conversationId, 'Hello!')).rejects.toMatchObject({
      status: 409,
      details: { reason: 'employer_first_message_required' },
    });
    expect((await send(h, employer.token, conversationId, 'Hi, are you available next week?')).status).toBe(201);
    await expect(h.services.messaging.messages.send(candidate, conversationId, 'Yes I am.')).resolves.toMatchObject({ ok: true });

    await h.api(`/proposals/${p.id}/status`, { method: 'POST', token: employer.token, body: { status: 'NOT_A_FIT' } });
    const late = await send(h, employer.token, conversationId, 'Sorry, one more question');
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ reason: 'read_only_conversation', proposalStatus: 'NOT_A_FIT' });
    expect((await h.api(`/messages?conversationId=${conversationId}`, { token: employer.token })).body.conversation.status).toBe('read_only');
  });
});

describe('sandbox freelancers reply', () => {
  it('answers after the configured delay with one plausible reply per burst, emitting message.received', async () => {
    const p = proposals[4];
    const { conversationId } = (await open(p.id)).body;
    await send(h, employer.token, conversationId, 'Hi! When could you start?');
    await send(h, employer.token, conversationId, 'And what rate would you charge for 10k images?');
    const before = await messageEvents();

    await h.worker.runOnce();
    expect((await h.api(`/messages?conversationId=${conversationId}`, { token: employer.token })).body.messages).toHaveLength(2);
    h.clock.advance(seconds(20));
    await h.worker.runOnce();
    await h.worker.runOnce();

    const unread = await h.api('/messages?unreadOnly=true', { token: employer.token });
    expect(unread.body.conversations.find((c: { id: string }) => c.id === conversationId)).toMatchObject({ unreadCount: 1, needsReplyCount: 1 });
    const read = await h.api(`/messages?conversationId=${conversationId}`, { token: employer.token });
    expect(read.body.messages).toHaveLength(3);
    const reply = read.body.messages[2];
    expect(reply).toMatchObject({ isFromViewer: false, senderUserId: p.candidate.id, hasUnreadFlag: true });
    expect(reply.content).toMatch(/start|available|schedule/i);
    expect(reply.content).toMatch(/rate/i);
    const events = await messageEvents();
    expect(events.slice(before.length)).toEqual([{ conversationId, messageId: reply.id, jobId }]);
    expect((await h.api('/messages?unreadOnly=true', { token: employer.token })).body.conversations.map((c: { id: string }) => c.id)).not.toContain(conversationId);
  });

  it('replies in the job DM after a hire, which inherits the pre-hire channel name and sandbox flag', async () => {
    const p = proposals[0];
    const preHire = (await open(p.id)).body.conversationId;
    const { conversationId } = await jobConversation(h, employer, p.candidate.id, { jobId, proposalId: p.id });
    expect(conversationId).not.toBe(preHire);
    await send(h, employer.token, conversationId, 'Welcome aboard. Please read the guidelines first.');
    h.clock.advance(seconds(20));
    await h.worker.runOnce();
    const read = await h.api(`/messages?conversationId=${conversationId}`, { token: employer.token });
    expect(read.body.conversation).toMatchObject({
      bucket: 'job',
      sandbox: true,
      proposalId: p.id,
      channelName: `${p.candidate.displayName} · Bounding boxes for agricultural drone images`,
    });
    expect(read.body.messages.map((m: { isFromViewer: boolean }) => m.isFromViewer)).toEqual([true, false]);
  });
});
