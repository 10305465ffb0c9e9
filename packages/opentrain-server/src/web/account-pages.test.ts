/** The sandbox outbox page and the owner's account page (tokens minted and revoked in the app). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('/dev/mail (sandbox outbox)', () => {
  it('lists sandbox mail newest first with clickable links, marked as sandbox, filterable by recipient', async () => {
    const agent = await h.registerAgent({ agent_name: 'Outbox agent' });
    const email = uniqueEmail();
    const claim = await h.startClaim(agent.claim_token, email);
    const page = await h.web().get(`/dev/mail?to=${encodeURIComponent(email)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sandbox outbox');
    expect(page.text).toContain('these emails were not delivered');
    expect(page.text).toContain(`<a href="${claim.verification_uri}">`);
    expect(page.text).toContain('Claim your OpenTrain agent account');
    const other = await h.web().get(`/dev/mail?to=${encodeURIComponent(uniqueEmail())}`);
    expect(other.text).toContain('No mail yet.');
  });
});

describe('/account', () => {
  it('asks for sign-in, and tells a human without an organization how to get one', async () => {
    const anonymous = await h.web().get('/account', false);
    expect(anonymous.status).toBe(303);
    const { web } = await h.signInByLink(uniqueEmail());
    expect((await web.get('/account')).text).toContain('You do not own an organization yet');
  });

  it('lets the owner mint a token with any scope (shown once) and revoke it', async () => {
    const owner = await h.claimedAgent('Account agent');
    const page = await owner.web.get('/account');
    expect(page.text).toContain('Account agent (claimed)');
    const minted = await owner.web.post('/account/tokens', { name: 'Payments bot', 'scope_payments:write': 'on', 'scope_webhooks:manage': 'on' });
    expect(minted.status).toBe(201);
    const secret = /data-new-token>(ot_pat_[0-9A-Za-z]+)</.exec(minted.text)?.[1] as string;
    expect(secret).toBeDefined();
    const me = await h.api('/auth/me', { token: secret });
    expect(me.body.token.scopes).toEqual(['payments:write', 'webhooks:manage']);
    expect(me.body.actor.email).toBe(owner.email);
    const listed = await h.api('/tokens', { token: secret });
    const id = listed.body.tokens.find((t: { name: string }) => t.name === 'Payments bot').id;
    expect((await owner.web.get('/account')).text).not.toContain(secret);
    await owner.web.post('/account/tokens/revoke', { token_id: id });
    expect((await h.api('/auth/me', { token: secret })).status).toBe(401);
  });

  it('rejects a bad expiry with 400 naming the field', async () => {
    const owner = await h.claimedAgent();
    await owner.web.get('/account');
    const res = await owner.web.post('/account/tokens', { name: 'x', expires_at: 'tomorrow-ish' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Expires at:');
    const past = await owner.web.post('/account/tokens', { name: 'x', expires_at: '2000-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.text).toContain('Expires at: must be in the future.');
  });
});
