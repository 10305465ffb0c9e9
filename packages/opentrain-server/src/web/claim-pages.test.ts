/** The human's half of the claim over HTTP: who may claim, the user code, attempt limits and expiry. */
import { minutes } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const attemptToken = (uri: string) => new URL(uri).searchParams.get('token') as string;
const claimPath = (uri: string) => `/claim?token=${attemptToken(uri)}`;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function started(agentName = 'Page agent') {
  const agent = await h.registerAgent({ agent_name: agentName });
  const email = uniqueEmail();
  const claim = await h.startClaim(agent.claim_token, email);
  return { agent, email, claim };
}

describe('the claim page', () => {
  it('explains claiming at /claim (the claimUrl of the gate) and rejects unknown links', async () => {
    const help = await h.web().get('/claim');
    expect(help.status).toBe(200);
    expect(help.text).toContain('Claim an agent account');
    expect(help.text).toContain('/api/agent/identity/claim');
    expect((await h.web().get('/claim?token=ot_cat_bogus')).status).toBe(404);
  });

  it('names the agent (escaped) and the reserved email, and asks to sign in with exactly that email', async () => {
    const { email, claim } = await started('<script>alert(1)</script>');
    const page = await h.web().get(claim.verification_uri);
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain(email);
    expect(page.text).toContain(`/signin?email=${encodeURIComponent(email)}`);
    expect(page.text).not.toContain('name="user_code"');
  });

  it('refuses a human signed in with another email', async () => {
    const { agent, claim } = await started();
    const { web } = await h.signInByLink(uniqueEmail('intruder'));
    const page = await web.get(claim.verification_uri);
    expect(page.status).toBe(403);
    expect(page.text).toContain('reserved for');
    await web.get('/claim');
    const post = await web.post('/claim', { token: attemptToken(claim.verification_uri), user_code: claim.user_code });
    expect(post.status).toBe(403);
    expect((await h.poll(agent.claim_token)).body.error).toBe('authorization_pending');
  });

  it('counts wrong codes, locks the attempt after 5, and the agent is told to restart', async () => {
    const { agent, email, claim } = await started();
    const { web, landed } = await h.signInByLink(email, claimPath(claim.verification_uri));
    expect(landed.text).toContain('name="user_code"');
    const token = attemptToken(claim.verification_uri);
    const malformed = await web.post('/claim', { token, user_code: '12ab' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('User code: enter the 6 digits');
    expect(malformed.text).toContain('5 attempt(s) left');
    for (let left = 4; left >= 1; left--) {
      const res = await web.post('/claim', { token, user_code: wrongCode(claim.user_code) });
      expect(res.status).toBe(400);
      expect(res.text).toContain(`that code is wrong. ${left} attempt(s) left`);
    }
    const locked = await web.post('/claim', { token, user_code: wrongCode(claim.user_code) });
    expect(locked.status).toBe(400);
    expect(locked.text).toContain('locked');
    const tooLate = await web.post('/claim', { token, user_code: claim.user_code });
    expect(tooLate.text).toContain('locked');
    const poll = await h.poll(agent.claim_token);
    expect(poll.body.error).toBe('authorization_pending');
    expect(poll.body.error_description).toContain('too many wrong codes');
    const restarted = await h.startClaim(agent.claim_token, email);
    await web.get(restarted.verification_uri);
    const ok = await web.post('/claim', { token: attemptToken(restarted.verification_uri), user_code: restarted.user_code });
    expect(ok.text).toContain('Agent claimed');
  });

  it('accepts the code typed with a space or dash', async () => {
    const { email, claim } = await started();
    const { web } = await h.signInByLink(email, claimPath(claim.verification_uri));
    const typed = `${claim.user_code.slice(0, 3)} ${claim.user_code.slice(3)}`;
    const res = await web.post('/claim', { token: attemptToken(claim.verification_uri), user_code: typed });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Agent claimed');
    const again = await h.web().get(claim.verification_uri);
    expect(again.status).toBe(410);
    expect(again.text).toContain('already been claimed');
  });

  it('expires the attempt after 30 minutes (injected clock)', async () => {
    const { agent, email, claim } = await started();
    const { web } = await h.signInByLink(email, claimPath(claim.verification_uri));
    h.clock.advance(minutes(30));
    const page = await web.get(claim.verification_uri);
    expect(page.status).toBe(410);
    expect(page.text).toContain('expired');
    const post = await web.post('/claim', { token: attemptToken(claim.verification_uri), user_code: claim.user_code });
    expect(post.status).toBe(400);
    expect(post.text).toContain('expired');
    expect((await h.api('/auth/me', { token: agent.access_token })).body.account.claimed).toBe(false);
  });

  it('sends a human who is not signed in to sign in, keeping the claim page as next', async () => {
    const { claim } = await started();
    const web = h.web();
    await web.get('/signin');
    const res = await web.post('/claim', { token: attemptToken(claim.verification_uri), user_code: claim.user_code }, { follow: false });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(claimPath(claim.verification_uri))}`);
  });
});
