/** A real freelancer is emailed when an employer writes: once per unread streak, with a link to the thread. */
import { listSandboxMail } from '@platform/kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { claimedEmployer, freelancerUser, jobConversation, send } from './test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startWorker: false });
});
afterAll(async () => h?.close());

it('emails the freelancer once per unread streak', async () => {
  const employer = await claimedEmployer(h);
  const freelancer = await freelancerUser(h, 'Maria', 'Garcia');
  const { conversationId } = await jobConversation(h, employer, freelancer.userId);
  const mails = () => listSandboxMail(h.database.db, { to: freelancer.email, limit: 20 });

  await send(h, employer.token, conversationId, 'Welcome! Batch 1 is ready.');
  await send(h, employer.token, conversationId, 'Also: please use the v2 guidelines.');
  await h.worker.runOnce();
  const first = await mails();
  expect(first).toHaveLength(1);
  expect(first[0].subject).toContain('New message from');
  expect(first[0].text).toContain(`/freelancer/messages/${conversationId}`);
  expect(first[0].text).toContain('Also: please use the v2 guidelines.');

  // After the freelancer reads, the next message mails again.
  await h.services.messaging.messages.readConversation({ side: 'freelancer', userId: freelancer.userId }, conversationId, { limit: 20, direction: 'older' });
  await send(h, employer.token, conversationId, 'Any questions?');
  await h.worker.runOnce();
  expect(await mails()).toHaveLength(2);
});
