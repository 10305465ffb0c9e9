/** Agent registration and claim start, as an agent sees them over HTTP: shapes and every documented error. */
import { CLAIM_GRANT_TYPE, PRE_CLAIM_SCOPES } from '@opentrain/api';
import { generateToken, hours, listSandboxMail } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('POST /api/agent/identity', () => {
  it('registers from nothing: a pre-claim ot_pat_ token, a ~24 h ot_clm_ claim token, endpoints and grant type', async () => {
    const now = h.clock.now();
    const res = await h.agentAuth('/api/agent/identity', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.body;
    expect(body).toMatchObject({
      identity_type: 'anonymous',
      token_type: 'bearer',
      scopes: PRE_CLAIM_SCOPES,
      claim_endpoint: `${h.url}/api/agent/identity/claim`,
      token_endpoint: `${h.url}/api/agent/oauth/token`,
      grant_type: CLAIM_GRANT_TYPE,
      claim_token_expires_at: new Date(now.getTime() + hours(24)).toISOString(),
    });
    expect(body.access_token).toMatch(/^ot_pat_[0-9A-Za-z]{38}$/);
    expect(body.claim_token).toMatch(/^ot_clm_[0-9A-Za-z]{38}$/);
    expect(body.registration_id).toMatch(/^reg_/);
    const me = await h.api('/auth/me', { token: body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.account).toMatchObject({ kind: 'employer_organization', claimed: false, ownerUserId: null, claimUrl: `${h.url}/claim` });
    expect(me.body.token.scopes).toEqual(PRE_CLAIM_SCOPES);
  });

  it('shows the agent name and organization name it registered with', async () => {
    const agent = await h.registerAgent({ identity_type: 'anonymous', agent_name: '  Labelling bot ', organization_name: 'Acme Data' });
    const me = await h.api('/auth/me', { token: agent.access_token });
    expect(me.body.actor).toMatchObject({ agentName: 'Labelling bot', userId: null, email: null, userType: 'EMPLOYER' });
    expect(me.body.account.organizationName).toBe('Acme Data');
  });

  it('accepts a form-urlencoded body too', async () => {
    const res = await h.agentAuth('/api/agent/identity', { agent_name: 'Form agent' }, { form: true });
    expect(res.status).toBe(200);
  });

  it('rejects an unsupported identity_type with 400 unsupported_identity_type', async () => {
    const res = await h.agentAuth('/api/agent/identity', { identity_type: 'service_auth' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unsupported_identity_type', field: 'identity_type' });
    expect(res.body.error_description).toContain('anonymous');
  });

  it('rejects bad input with 400 invalid_request naming the field', async () => {
    const wrongType = await h.agentAuth('/api/agent/identity', { agent_name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: 'invalid_request', field: 'agent_name' });
    const tooLong = await h.agentAuth('/api/agent/identity', { organization_name: 'x'.repeat(201) });
    expect(tooLong.body).toMatchObject({ error: 'invalid_request', field: 'organization_name' });
    const notJson = await h.agentAuth('/api/agent/identity', '{"agent_name":');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: 'invalid_request', field: '(body)' });
    const array = await h.agentAuth('/api/agent/identity', '[1,2]');
    expect(array.body).toMatchObject({ error: 'invalid_request', field: '(body)' });
  });
});

describe('POST /api/agent/identity/claim', () => {
  it('reserves the account, emails the verification link (without the code) and returns code, URI, expiry and interval', async () => {
    const agent = await h.registerAgent({ agent_name: 'Mailer agent' });
    const email = uniqueEmail();
    const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expires_in: 1800, interval: 5, email_sent: true });
    expect(res.body.user_code).toMatch(/^\d{6}$/);
    expect(res.body.verification_uri).toMatch(new RegExp(`^${h.url}/claim\\?token=ot_cat_[0-9A-Za-z]{38}$`));
    const [mail] = await listSandboxMail(h.database.db, { to: email });
    expect(mail.subject).toBe('Claim your OpenTrain agent account');
    expect(mail.text).toContain(res.body.verification_uri);
    expect(mail.text).toContain('"Mailer agent"');
    expect(mail.text).not.toContain(res.body.user_code);
  });

  it('restarts the attempt when re-posted: a new code and link replace the old ones', async () => {
    const agent = await h.registerAgent();
    const email = uniqueEmail();
    const first = await h.startClaim(agent.claim_token, email);
    const second = await h.startClaim(agent.claim_token, email);
    expect(second.verification_uri).not.toBe(first.verification_uri);
    const oldPage = await h.web().get(first.verification_uri);
    expect(oldPage.status).toBe(410);
    expect(oldPage.text).toContain('replaced this link');
    expect((await h.web().get(second.verification_uri)).status).toBe(200);
  });

  it('rejects missing or malformed input with 400 invalid_request naming the field', async () => {
    const agent = await h.registerAgent();
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ email: uniqueEmail() }, 'claim_token', undefined],
      [{ claim_token: agent.claim_token }, 'email', undefined],
      [{ claim_token: agent.claim_token, email: 'not-an-email' }, 'email', undefined],
      [{ claim_token: agent.claim_token, email: 7 }, 'email', undefined],
      [{ claim_token: 'ot_clm_short', email: uniqueEmail() }, 'claim_token', 'invalid_claim_token'],
      [{ claim_token: generateToken('ot_clm_'), email: uniqueEmail() }, 'claim_token', 'invalid_claim_token'],
      [{ claim_token: agent.access_token, email: uniqueEmail() }, 'claim_token', 'invalid_claim_token'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await h.agentAuth('/api/agent/identity/claim', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', field, ...(reason ? { reason } : {}) });
    }
  });

  it('refuses an email that already has an OpenTrain account (email_already_registered), case-insensitively', async () => {
    const owner = await h.claimedAgent('First agent');
    const other = await h.registerAgent();
    const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: other.claim_token, email: owner.email.toUpperCase() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', reason: 'email_already_registered', field: 'email' });
    expect(res.body.error_description).toMatch(/^email_already_registered/);
  });

  it('refuses a claim token whose account is already claimed', async () => {
    const owner = await h.claimedAgent();
    const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: owner.agent.claim_token, email: uniqueEmail() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', reason: 'already_claimed' });
  });

  it('refuses once the ~24 h claim window closed (injected clock)', async () => {
    const agent = await h.registerAgent();
    h.clock.advance(hours(24) - 1000);
    expect((await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() })).status).toBe(200);
    h.clock.advance(1000);
    const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', reason: 'claim_window_expired' });
  });

  it('limits claim starts to 10 per hour per claim token (429 rate_limit_exceeded with retryAfterSeconds)', async () => {
    const agent = await h.registerAgent();
    for (let i = 0; i < 10; i++) expect((await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() })).status).toBe(200);
    const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() });
    expect(res.status).toBe(429);
    expect(res.body.error).toBe('rate_limit_exceeded');
    expect(res.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.headers.get('retry-after')).toBe(String(res.body.retryAfterSeconds));
    h.clock.advance(hours(1));
    expect((await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() })).status).toBe(200);
  });
});
