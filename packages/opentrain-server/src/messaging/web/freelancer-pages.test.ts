/** The freelancer message pages over plain HTTP: sign-in required, CSRF, other people's conversations, employer-first. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/harness';
import { claimedEmployer, freelancerUser, jobConversation, send } from '../test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

it('requires a session, checks CSRF and participation, and shows only the freelancer’s own conversations', async () => {
  const employer = await claimedEmployer(h);
  const maria = await freelancerUser(h, 'Maria', 'Garcia');
  const other = await freelancerUser(h, 'Olu', 'Ade');
  const { conversationId } = await jobConversation(h, employer, maria.userId);
  await send(h, employer.token, conversationId, 'Hello Maria');

  const anonymous = h.web();
  const redirected = await anonymous.get(`/freelancer/messages/${conversationId}`, false);
  expect(redirected.status).toBe(303);
  expect(redirected.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/freelancer/messages/${conversationId}`)}`);

  const { web: mariaWeb } = await h.signInByLink(maria.email, '/freelancer/messages');
  const list = await mariaWeb.get('/freelancer/messages');
  expect(list.status).toBe(200);
  expect(list.text).toContain(conversationId);
  expect(list.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const thread = await mariaWeb.get(`/freelancer/messages/${conversationId}`);
  expect(thread.text).toContain('Hello Maria');

  // CSRF: a post without the token is refused and nothing is sent.
  const forged = await mariaWeb.post(`/freelancer/messages/${conversationId}`, { content: 'forged' }, { csrf: null });
  expect(forged.status).toBe(403);
  const crossSite = await mariaWeb.post(`/freelancer/messages/${conversationId}`, { content: 'forged' }, { origin: 'https://evil.example' });
  expect(crossSite.status).toBe(403);
  const sent = await mariaWeb.post(`/freelancer/messages/${conversationId}`, {
    content: 'Hi! Ready.',
  });
  expect(sent.status).toBe(200);
  const read = await h.api(`/messages?conversationId=${conversationId}`, {
    token: employer.token,
  });
  expect(read.body.messages.map((m: { content: string }) => m.content)).toEqual(['Hello Maria', 'Hi! Ready.']);

  // Someone else's conversation: the same 404 page as a missing one, and their post changes nothing.
  const { web: otherWeb } = await h.signInByLink(other.email, '/freelancer/messages');
  expect((await otherWeb.get('/freelancer/messages')).text).not.toContain(conversationId);
  expect((await otherWeb.get(`/freelancer/messages/${conversationId}`)).status).toBe(404);
  await otherWeb.get('/freelancer/messages');
  expect(
    (
      await otherWeb.post(`/freelancer/messages/${conversationId}`, {
        content: 'intruder',
      })
    ).status,
  ).toBe(404);
  expect((await otherWeb.get('/freelancer/messages/conv_nope')).status).toBe(404);
  const after = await h.api(`/messages?conversationId=${conversationId}`, {
    token: employer.token,
  });
  expect(after.body.messages).toHaveLength(2);
});
