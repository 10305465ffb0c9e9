/** The claim-grant token endpoint (RFC 8628 semantics) and RFC 7009 revocation, with every documented error. */
import { CLAIM_GRANT_TYPE, POST_CLAIM_SCOPES } from '@opentrain/api';
import { generateToken, hours, seconds } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const TOKEN = '/api/agent/oauth/token';

describe('POST /api/agent/oauth/token', () => {
  it('rejects other grant types with unsupported_grant_type and missing fields with invalid_request', async () => {
    const device = await h.agentAuth(TOKEN, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', claim_token: 'x' }, { form: true });
    expect(device.status).toBe(400);
    expect(device.body).toMatchObject({ error: 'unsupported_grant_type', field: 'grant_type' });
    expect((await h.agentAuth(TOKEN, { claim_token: 'x' }, { form: true })).body).toMatchObject({ error: 'invalid_request', field: 'grant_type' });
    expect((await h.agentAuth(TOKEN, { grant_type: CLAIM_GRANT_TYPE }, { form: true })).body).toMatchObject({ error: 'invalid_request', field: 'claim_token' });
  });

  it('answers a malformed multipart body with a 400 invalid_request, not a 500', async () => {
    const res = await fetch(`${h.url}${TOKEN}`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=----nope' },
      body: '------other\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nx',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', field: '(body)' });
  });

  it('answers invalid_grant for malformed and unknown claim tokens', async () => {
    for (const claimToken of ['ot_clm_nope', generateToken('ot_clm_')]) {
      const res = await h.poll(claimToken);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_grant', field: 'claim_token' });
    }
  });

  it('answers authorization_pending until the human completes the claim, saying what is missing', async () => {
    const agent = await h.registerAgent();
    const before = await h.poll(agent.claim_token);
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ error: 'authorization_pending', interval: 5 });
    expect(before.body.error_description).toContain('/api/agent/identity/claim');
    await h.startClaim(agent.claim_token, uniqueEmail());
    h.clock.advance(seconds(5));
    const waiting = await h.poll(agent.claim_token);
    expect(waiting.body.error).toBe('authorization_pending');
    expect(waiting.body.error_description).toContain('Waiting for the human');
    h.clock.advance(seconds(1800));
    const stale = await h.poll(agent.claim_token);
    expect(stale.body.error).toBe('authorization_pending');
    expect(stale.body.error_description).toContain('expired');
  });

  it('answers slow_down when polled faster than the interval, adding 5 s each time', async () => {
    const agent = await h.registerAgent();
    expect((await h.poll(agent.claim_token)).body.error).toBe('authorization_pending');
    h.clock.advance(seconds(4));
    const fast = await h.poll(agent.claim_token);
    expect(fast.body).toMatchObject({ error: 'slow_down', interval: 10 });
    h.clock.advance(seconds(9));
    expect((await h.poll(agent.claim_token)).body).toMatchObject({ error: 'slow_down', interval: 15 });
    h.clock.advance(seconds(15));
    expect((await h.poll(agent.claim_token)).body).toMatchObject({ error: 'authorization_pending', interval: 15 });
  });

  it('answers expired_token once the ~24 h claim window closed without a claim', async () => {
    const agent = await h.registerAgent();
    h.clock.advance(hours(24));
    const res = await h.poll(agent.claim_token);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('expired_token');
  });

  it('delivers the post-claim token exactly once; every pre-claim token is revoked the moment the claim succeeds', async () => {
    const agent = await h.registerAgent({ agent_name: 'Upgrader' });
    const extra = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'side token' } });
    expect(extra.status).toBe(201);
    const email = uniqueEmail();
    const claim = await h.startClaim(agent.claim_token, email);
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(200);
    await h.claimAsHuman(claim, email);
    for (const old of [agent.access_token, extra.body.token]) {
      const res = await h.api('/auth/me', { token: old });
      expect(res.status).toBe(401);
      expect(res.body.details.reason).toBe('token_revoked');
    }
    // Delivered even when polled sooner than the interval: once there is an answer, the agent gets it.
    const first = await h.poll(agent.claim_token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', scopes: POST_CLAIM_SCOPES });
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await h.poll(agent.claim_token);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', reason: 'already_delivered' });
    const me = await h.api('/auth/me', { token: first.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.actor).toMatchObject({ email, agentName: 'Upgrader', firstName: 'Hu', lastName: 'Man', fullName: 'Hu Man' });
    expect(me.body.account).toMatchObject({ claimed: true, ownerUserId: me.body.actor.userId, memberRole: 'OWNER', claimUrl: null });
    expect(me.body.token.scopes).toEqual(POST_CLAIM_SCOPES);
  });

  it('still delivers a claim completed inside the window when the agent polls after it closed', async () => {
    const agent = await h.registerAgent();
    h.clock.advance(hours(23));
    const email = uniqueEmail();
    const claim = await h.startClaim(agent.claim_token, email);
    expect(claim.expires_in).toBe(1800);
    await h.claimAsHuman(claim, email);
    h.clock.advance(hours(2));
    expect((await h.poll(agent.claim_token)).status).toBe(200);
  });

  it('accepts a JSON body', async () => {
    const res = await h.agentAuth(TOKEN, { grant_type: CLAIM_GRANT_TYPE, claim_token: generateToken('ot_clm_') });
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('POST /api/agent/oauth/revoke', () => {
  it('revokes an access token (RFC 7009): always 200 {}, the token then answers 401', async () => {
    const agent = await h.registerAgent();
    const res = await h.agentAuth('/api/agent/oauth/revoke', { token: agent.access_token }, { form: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(401);
    expect((await h.agentAuth('/api/agent/oauth/revoke', { token: agent.access_token }, { form: true })).status).toBe(200);
    expect((await h.agentAuth('/api/agent/oauth/revoke', { token: 'garbage' }, { form: true })).body).toEqual({});
    expect((await h.agentAuth('/api/agent/oauth/revoke', { token: generateToken('ot_pat_') })).status).toBe(200);
  });

  it('also answers at /api/agent/identity/revoke (the name one reference page uses)', async () => {
    const agent = await h.registerAgent();
    expect((await h.agentAuth('/api/agent/identity/revoke', { token: agent.access_token }, { form: true })).status).toBe(200);
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(401);
  });

  it('revokes a claim token: it can no longer start a claim or receive a token', async () => {
    const agent = await h.registerAgent();
    expect((await h.agentAuth('/api/agent/oauth/revoke', { token: agent.claim_token }, { form: true })).status).toBe(200);
    expect((await h.poll(agent.claim_token)).body.error).toBe('invalid_grant');
    const claim = await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() });
    expect(claim.body).toMatchObject({ error: 'invalid_request', reason: 'invalid_claim_token' });
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(200);
  });

  it('answers 400 invalid_request without a token', async () => {
    const res = await h.agentAuth('/api/agent/oauth/revoke', {}, { form: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', field: 'token' });
  });
});
