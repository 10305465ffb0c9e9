/**
 * GET/POST /messages through HTTP on job DMs: list mode (counts, filters, unreadOnly, pages),
 * message mode (both directions, cursors, read marking), the content policy, read-only after the
 * contract ends, blocked conversations, the per-conversation rate limit, participants only, and
 * `message.received` for the employer organization.
 */
import { readEvents, seconds, waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { claimedEmployer, type Employer, freelancerUser, jobConversation, send } from './test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    settings: { messageRateLimit: 5, messageRateWindowSeconds: 60 },
  });
});
afterAll(async () => h?.close());

const asFreelancer = (userId: string) => ({
  side: 'freelancer' as const,
  userId,
});
const freelancerSays = (userId: string, conversationId: string, content: string) => h.services.messaging.messages.send(asFreelancer(userId), conversationId, content);

async function messageEvents(employer: Employer) {
  await waitForEventHorizon(h.services.db);
  const page = await readEvents(h.services.db, {
    scope: employer.organizationId,
    types: ['message.received'],
    limit: 1000,
  });
  return page.events.map((e) => e.payload as { conversationId: string; messageId: string; jobId: string });
}

describe('sending and reading in a job DM', () => {
  it('sends (201, Message shape), lets the freelancer reply, emits message.received and counts unread / needs-reply', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h, 'Maria', 'Garcia');
    const { conversationId, jobId, contractId } = await jobConversation(h, employer, freelancer.userId);
    // Idempotent per contract.
    expect(
      (
        await jobConversation(h, employer, freelancer.userId, {
          contractId,
          jobId,
        })
      ).conversationId,
    ).toBe(conversationId);

    const sent = await send(h, employer.token, conversationId, 'Welcome aboard! The guidelines are in the job post.');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      ok: true,
      message: {
        conversationId,
        jobId,
        senderUserId: employer.userId,
        isFromViewer: true,
        messageType: 'TEXT',
        system: false,
        hasUnreadFlag: false,
        attachmentCount: 0,
        hasAudio: false,
        editedAt: null,
        reactionCount: 0,
      },
    });
    expect(sent.body.message.createdAt).toBe(h.clock.now().toISOString());
    // The employer's own message does not notify the employer.
    expect(await messageEvents(employer)).toEqual([]);

    h.clock.advance(seconds(30));
    const reply = await freelancerSays(freelancer.userId, conversationId, 'Thanks! Starting today.');
    const reply2 = await freelancerSays(freelancer.userId, conversationId, 'One question: should overlapping boxes be merged?');
    expect(await messageEvents(employer)).toEqual([
      { conversationId, messageId: reply.message.id, jobId },
      { conversationId, messageId: reply2.message.id, jobId },
    ]);

    const list = await h.api('/messages', { token: employer.token });
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.conversations).toHaveLength(1);
    expect(list.body.conversations[0]).toMatchObject({
      id: conversationId,
      type: 'DIRECT_MESSAGE',
      bucket: 'job',
      jobId,
      contractId,
      channelName: 'Maria G.',
      status: 'open',
      sandbox: false,
      unreadCount: 2,
      needsReplyCount: 2,
      lastMessage: {
        id: reply2.message.id,
        isFromViewer: false,
        senderUserId: freelancer.userId,
        content: 'One question: should overlapping boxes be merged?',
      },
    });
    // Masked everywhere: never the full last name or the email.
    expect(JSON.stringify(list.body)).not.toMatch(/Garcia|@example\.test/);

    // Reading marks read; needs-reply stays until the employer answers.
    const read = await h.api(`/messages?conversationId=${conversationId}`, {
      token: employer.token,
    });
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m: { hasUnreadFlag: boolean; isFromViewer: boolean }) => [m.isFromViewer, m.hasUnreadFlag])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    const after = await h.api('/messages', { token: employer.token });
    expect(after.body.conversations[0]).toMatchObject({
      unreadCount: 0,
      needsReplyCount: 2,
    });
    await send(h, employer.token, conversationId, 'Yes, merge them.');
    expect((await h.api('/messages', { token: employer.token })).body.conversations[0]).toMatchObject({ unreadCount: 0, needsReplyCount: 0 });
  });

  it('pages message mode older (default) and newer with message-id cursors, chronological within a page', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const { conversationId } = await jobConversation(h, employer, freelancer.userId);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      h.clock.advance(seconds(1));
      const out =
        i % 2
          ? (await send(h, employer.token, conversationId, `employer ${i}`)).body.message
          : (await freelancerSays(freelancer.userId, conversationId, `freelancer ${i}`)).message;
      ids.push(out.id);
    }
    const contents = (r: { body: { messages: { content: string }[] } }) => r.body.messages.map((m) => m.content);
    const newest = await h.api(`/messages?conversationId=${conversationId}&limit=2`, { token: employer.token });
    expect(contents(newest)).toEqual(['freelancer 4', 'employer 5']);
    expect(newest.body.nextCursor).toBe(ids[3]);
    const older = await h.api(`/messages?conversationId=${conversationId}&limit=2&cursor=${newest.body.nextCursor}`, { token: employer.token });
    expect(contents(older)).toEqual(['freelancer 2', 'employer 3']);
    const oldest = await h.api(`/messages?conversationId=${conversationId}&limit=2&cursor=${older.body.nextCursor}`, { token: employer.token });
    expect(contents(oldest)).toEqual(['employer 1']);
    expect(oldest.body.nextCursor).toBeNull();

    const forward = await h.api(`/messages?conversationId=${conversationId}&limit=3&direction=newer`, { token: employer.token });
    expect(contents(forward)).toEqual(['employer 1', 'freelancer 2', 'employer 3']);
    expect(forward.body.nextCursor).toBe(ids[2]);
    const rest = await h.api(`/messages?conversationId=${conversationId}&limit=3&direction=newer&cursor=${forward.body.nextCursor}`, { token: employer.token });
    expect(contents(rest)).toEqual(['freelancer 4', 'employer 5']);
    expect(rest.body.nextCursor).toBeNull();
    // Polling for news: nothing after the last id.
    const none = await h.api(`/messages?conversationId=${conversationId}&direction=newer&cursor=${ids[4]}`, { token: employer.token });
    expect(none.body).toMatchObject({
      messages: [],
      nextCursor: null,
      conversation: { id: conversationId },
    });

    // The freelancer's view of the same messages flips isFromViewer.
    const theirs = await h.services.messaging.messages.readConversation(asFreelancer(freelancer.userId), conversationId, { limit: 5, direction: 'older' });
    expect(theirs.messages.map((m) => m.isFromViewer)).toEqual([false, true, false, true, false]);

    for (const bad of ['cursor=msg_nope', 'limit=0', 'limit=101', 'direction=sideways']) {
      const res = await h.api(`/messages?conversationId=${conversationId}&${bad}`, { token: employer.token });
      expect(res.status, bad).toBe(400);
      expect(res.body.details.field).toBe(bad.split('=')[0]);
    }
  });

  it('lists conversations newest first with filters, unreadOnly and cursors', async () => {
    const employer = await claimedEmployer(h);
    const conversations: string[] = [];
    for (const name of ['Ana', 'Bo', 'Cy']) {
      const f = await freelancerUser(h, name, 'Smith');
      h.clock.advance(seconds(1));
      const { conversationId } = await jobConversation(h, employer, f.userId);
      await send(h, employer.token, conversationId, `Hello ${name}`);
      if (name === 'Bo') await freelancerSays(f.userId, conversationId, 'Hi there');
      conversations.push(conversationId);
    }
    const ids = (r: { body: { conversations: { id: string }[] } }) => r.body.conversations.map((c) => c.id);
    const first = await h.api('/messages?limit=2', { token: employer.token });
    expect(ids(first)).toEqual([conversations[2], conversations[1]]);
    const second = await h.api(`/messages?limit=2&cursor=${first.body.nextCursor}`, { token: employer.token });
    expect(ids(second)).toEqual([conversations[0]]);
    expect(second.body.nextCursor).toBeNull();

    for (const flag of ['true', '1'])
      expect(
        ids(
          await h.api(`/messages?unreadOnly=${flag}`, {
            token: employer.token,
          }),
        ),
      ).toEqual([conversations[1]]);
    expect(ids(await h.api('/messages?unreadOnly=false', { token: employer.token }))).toHaveLength(3);
    expect(ids(await h.api('/messages?filter=job', { token: employer.token }))).toHaveLength(3);
    expect(ids(await h.api('/messages?filter=proposal', { token: employer.token }))).toEqual([]);
    const bad = await h.api('/messages?filter=everything', {
      token: employer.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('filter');
    expect((await h.api('/messages?cursor=not*a*cursor', { token: employer.token })).body.details.field).toBe('cursor');
  });
});

describe('concurrency', () => {
  it('keeps every message and consistent counters when both sides send at once', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const { conversationId } = await jobConversation(h, employer, freelancer.userId);
    await send(h, employer.token, conversationId, 'kick-off');
    const results = await Promise.all([
      ...[1, 2, 3, 4].map((i) => send(h, employer.token, conversationId, `employer ${i}`)),
      ...[1, 2, 3, 4].map((i) => freelancerSays(freelancer.userId, conversationId, `freelancer ${i}`)),
    ]);
    expect(results.slice(0, 4).map((r) => ('status' in r ? r.status : 0))).toEqual([201, 201, 201, 201]);
    const thread = await h.api(`/messages?conversationId=${conversationId}&limit=100&direction=newer`, { token: employer.token });
    expect(thread.body.messages).toHaveLength(9);
    const last = thread.body.messages[8];
    const trailingFreelancer = [...thread.body.messages].reverse().findIndex((m: { isFromViewer: boolean }) => m.isFromViewer);
    const summary = thread.body.conversation;
    expect(summary.lastMessage.id).toBe(last.id);
    expect(summary.needsReplyCount).toBe(trailingFreelancer);
    expect(summary.unreadCount).toBe(0);
    expect(await messageEvents(employer)).toHaveLength(4);
  });
});

describe('what may be sent', () => {
  it('refuses contact details and off-platform payment (403 message_policy_blocked with policy) and bad content (400)', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const { conversationId } = await jobConversation(h, employer, freelancer.userId);
    const email = await send(h, employer.token, conversationId, 'Reach me at jane.doe@gmail.com for the files');
    expect(email.status).toBe(403);
    expect(email.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'message_policy_blocked', policy: 'contact_details' },
    });
    expect(email.body.details.reasons[0]).toMatchObject({
      code: 'contact_email',
    });
    const paypal = await send(h, employer.token, conversationId, 'I can pay you via PayPal to skip the fees.');
    expect(paypal.body).toMatchObject({
      details: {
        reason: 'message_policy_blocked',
        policy: 'off_platform_payment',
      },
    });
    // The freelancer side is screened the same way.
    await send(h, employer.token, conversationId, 'Hi, how is it going?');
    await expect(freelancerSays(freelancer.userId, conversationId, 'Call me on +44 7700 900123')).rejects.toMatchObject({
      status: 403,
      details: { reason: 'message_policy_blocked' },
    });
    // Talking about messaging apps as data is fine.
    expect((await send(h, employer.token, conversationId, 'Label the WhatsApp chat logs by intent, please.')).status).toBe(201);

    for (const [content, status] of [
      ['', 400],
      ['   ', 400],
      ['x'.repeat(10_001), 400],
      ['bell\u0007', 400],
      ['x'.repeat(10_000), 201],
    ] as const) {
      const res = await send(h, employer.token, conversationId, content);
      expect(res.status, content.slice(0, 10)).toBe(status);
      if (status === 400) expect(res.body.details.field).toBe('content');
    }
    expect(
      (
        await h.api('/messages', {
          method: 'POST',
          token: employer.token,
          body: { content: 'hi' },
        })
      ).body.details.field,
    ).toBe('conversationId');
  });

  it('makes the job DM read-only when the contract ends (409 read_only_conversation), history still readable', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const { conversationId, contractId } = await jobConversation(h, employer, freelancer.userId);
    await send(h, employer.token, conversationId, 'Thanks for the great work.');
    await h.services.db.transaction().execute((trx) => h.services.messaging.markContractEnded(trx, contractId));
    const res = await send(h, employer.token, conversationId, 'One more thing');
    expect(res.status).toBe(409);
    expect(res.body.details).toMatchObject({
      reason: 'read_only_conversation',
      conversationId,
    });
    await expect(freelancerSays(freelancer.userId, conversationId, 'Bye!')).rejects.toMatchObject({
      status: 409,
      details: { reason: 'read_only_conversation' },
    });
    const read = await h.api(`/messages?conversationId=${conversationId}`, {
      token: employer.token,
    });
    expect(read.body.conversation.status).toBe('read_only');
    expect(read.body.messages).toHaveLength(1);
  });

  it('refuses messages into a conversation the freelancer blocked (409 message_blocked) until unblocked', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const { conversationId } = await jobConversation(h, employer, freelancer.userId);
    await h.services.messaging.conversations.setBlocked(freelancer.userId, conversationId, true);
    const res = await send(h, employer.token, conversationId, 'Hello?');
    expect(res.status).toBe(409);
    expect(res.body.details.reason).toBe('message_blocked');
    await h.services.messaging.conversations.setBlocked(freelancer.userId, conversationId, false);
    expect((await send(h, employer.token, conversationId, 'Hello again')).status).toBe(201);
  });

  it('rate limits each side of each conversation (429 retryAfterSeconds), not other conversations', async () => {
    const employer = await claimedEmployer(h);
    const freelancer = await freelancerUser(h);
    const a = await jobConversation(h, employer, freelancer.userId);
    const b = await jobConversation(h, employer, freelancer.userId);
    const windowStart = Math.floor(h.clock.now().getTime() / 60_000) * 60_000;
    for (let i = 0; i < 5; i++) expect((await send(h, employer.token, a.conversationId, `msg ${i}`)).status).toBe(201);
    const limited = await send(h, employer.token, a.conversationId, 'one too many');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'RATE_LIMITED',
      details: {
        retryAfterSeconds: Math.ceil((windowStart + 60_000 - h.clock.now().getTime()) / 1000),
        limit: 5,
        windowSeconds: 60,
      },
    });
    expect(limited.headers.get('retry-after')).toBe(String(limited.body.details.retryAfterSeconds));
    expect((await send(h, employer.token, b.conversationId, 'other room')).status).toBe(201);
    expect((await freelancerSays(freelancer.userId, a.conversationId, 'my side is separate')).message.id).toBeTruthy();
    h.clock.advance(seconds(limited.body.details.retryAfterSeconds));
    expect((await send(h, employer.token, a.conversationId, 'next window')).status).toBe(201);
  });
});

describe('who may read and write', () => {
  it('answers 404 for unknown and other accounts’ conversations alike; gates writes by claim and feature', async () => {
    const employer = await claimedEmployer(h);
    const other = await claimedEmployer(h, 'Other agent');
    const freelancer = await freelancerUser(h);
    const { conversationId } = await jobConversation(h, employer, freelancer.userId);

    const missing = await h.api('/messages?conversationId=conv_missing', {
      token: employer.token,
    });
    expect(missing.status).toBe(404);
    const foreignRead = await h.api(`/messages?conversationId=${conversationId}`, { token: other.token });
    // Someone else's conversation reads exactly like a missing one.
    expect(foreignRead.status).toBe(404);
    expect(foreignRead.body.details).toMatchObject({ resource: 'conversations', conversationId });
    expect((await send(h, other.token, conversationId, 'hi')).status).toBe(404);
    expect((await h.api('/messages', { token: other.token })).body.conversations).toEqual([]);
    await expect(h.services.messaging.messages.send(asFreelancer((await freelancerUser(h)).userId), conversationId, 'hi')).rejects.toMatchObject({ status: 404 });

    // Pre-claim tokens read (messages:read) but cannot write: claiming is what grants messages:write.
    const unclaimed = await h.registerAgent();
    expect((await h.api('/messages', { token: unclaimed.access_token })).status).toBe(200);
    const write = await send(h, unclaimed.access_token, conversationId, 'hi');
    expect(write.status).toBe(403);
    expect(write.body.details).toMatchObject({ reason: 'account_claim_required', claimUrl: `${h.url}/claim` });

    await h.services.features.setForOrganization(employer.organizationId, 'public_api_messaging_writes', false);
    const off = await send(h, employer.token, conversationId, 'hi');
    expect(off.status).toBe(403);
    expect(off.body.details).toMatchObject({
      reason: 'feature_disabled',
      featureKey: 'public_api_messaging_writes',
    });
    expect(
      (
        await h.api(`/messages?conversationId=${conversationId}`, {
          token: employer.token,
        })
      ).status,
    ).toBe(200);
    await h.services.features.setForOrganization(employer.organizationId, 'public_api_messaging_writes', null);
  });
});
