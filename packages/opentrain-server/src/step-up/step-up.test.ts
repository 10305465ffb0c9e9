/**
 * Scope step-up over HTTP: a claimed agent's token is refused for a missing scope with an owner
 * approval URL; the signed-in owner grants exactly those scopes to that token; the retry succeeds
 * with the same token; the grant is listed and revocable on /account. Plus what cannot be stepped up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { WebClient } from '../testing/web-client';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const listWebhooks = (token: string) => h.api('/webhooks', { token });
const pathOf = (url: string) => new URL(url).pathname;

describe('scope step-up', () => {
  it('refuses with an approval URL, the owner grants exactly the asked scopes, the same token then succeeds', async () => {
    const owner = await h.claimedAgent('Step-up agent');
    const refused = await listWebhooks(owner.token);
    expect(refused.status).toBe(403);
    const url = refused.body.details.stepUpUrl as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/account\/scope-requests\/scr_/);
    expect(refused.body.error).toContain(url);
    expect(refused.body.error).toContain('retry after the owner approves');
    expect(refused.body.details).toMatchObject({ reason: 'insufficient_scope', missingScopes: ['webhooks:manage'] });
    expect(refused.body.details.nextStep).toContain('retry after the owner approves');

    // A repeated refusal and the capabilities listing reuse the same pending request (one URL).
    expect((await listWebhooks(owner.token)).body.details.stepUpUrl).toBe(url);
    const caps = await h.api('/job-drafts/capabilities', { token: owner.token });
    expect(caps.body.stepUp.url).toBe(url);
    expect(caps.body.stepUp.missingScopes).toEqual(['payments:write', 'webhooks:manage']);
    expect((await listWebhooks(owner.token)).body.details.stepUpUrl).toBe(url);

    const page = await owner.web.get(pathOf(url));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Step-up agent');
    expect(page.text).toMatch(/<li>[^<]*<code>payments:write<\/code><\/li><li>[^<]*<code>webhooks:manage<\/code><\/li>/);

    // Without the CSRF token nothing is granted.
    const forged = await owner.web.post(pathOf(url), { scopes: 'payments:write webhooks:manage' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await listWebhooks(owner.token)).status).toBe(403);

    const granted = await owner.web.post(pathOf(url), { scopes: 'payments:write webhooks:manage' });
    expect(granted.status).toBe(200);
    expect(granted.text).toContain(`Granted by ${owner.email}`);
    expect((await listWebhooks(owner.token)).status).toBe(200);
    expect((await h.api('/credits', { token: owner.token })).status).toBe(200);
    const me = await h.api('/auth/me', { token: owner.token });
    expect(me.body.token.scopes).toEqual(expect.arrayContaining(['payments:write', 'webhooks:manage', 'proposals:write']));
    expect((await h.api('/job-drafts/capabilities', { token: owner.token })).body.stepUp).toEqual({ missingScopes: [], url: null, nextStep: null });

    // Granting twice is refused; the grant is listed on /account and can be revoked there.
    expect((await owner.web.post(pathOf(url), { scopes: 'payments:write webhooks:manage' })).status).toBe(409);
    const account = await owner.web.get('/account');
    expect(account.text).toContain('Permissions your agent asked for');
    expect(account.text).toContain('Revoke grant');
    const revoked = await owner.web.post(`${pathOf(url)}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect((await listWebhooks(owner.token)).status).toBe(403);
    const after = await h.api('/auth/me', { token: owner.token });
    expect(after.body.token.scopes).not.toContain('webhooks:manage');
    expect(after.body.token.scopes).toContain('proposals:write');
    // The next refusal opens a new request (the old one is decided).
    expect((await listWebhooks(owner.token)).body.details.stepUpUrl).not.toBe(url);
  });

  it('grants only what the page showed: a request that grew meanwhile must be reviewed again', async () => {
    const owner = await h.claimedAgent();
    const url = (await listWebhooks(owner.token)).body.details.stepUpUrl as string;
    await owner.web.get(pathOf(url));
    await h.api('/credits/top-ups', { method: 'POST', token: owner.token, body: { amount: 50 } });
    const stale = await owner.web.post(pathOf(url), { scopes: 'webhooks:manage' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('review the request again');
    expect((await listWebhooks(owner.token)).status).toBe(403);
  });

  it('shows the request only to the owner of that account; strangers get a 404, signed-out humans the sign-in page', async () => {
    const owner = await h.claimedAgent();
    const url = (await listWebhooks(owner.token)).body.details.stepUpUrl as string;
    const signedOut = await new WebClient(h.url).get(pathOf(url), false);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/signin?next=');
    const stranger = await h.claimedAgent();
    expect((await stranger.web.get(pathOf(url))).status).toBe(404);
    await stranger.web.get('/account');
    expect((await stranger.web.post(pathOf(url), { scopes: 'webhooks:manage' })).status).toBe(404);
    expect((await listWebhooks(owner.token)).status).toBe(403);
  });

  it('cannot step up a revoked token; a pre-claim token gets the claim step instead', async () => {
    const owner = await h.claimedAgent();
    const url = (await listWebhooks(owner.token)).body.details.stepUpUrl as string;
    const tokens = await h.api('/tokens', { token: owner.token });
    const id = tokens.body.tokens[0].id as string;
    await owner.web.get('/account');
    await owner.web.post('/account/tokens/revoke', { token_id: id });
    const page = await owner.web.get(pathOf(url));
    expect(page.text).toContain('cannot be given more scopes');
    expect(page.text).not.toMatch(/<button[^>]*>Grant/);
    expect((await owner.web.post(pathOf(url), { scopes: 'webhooks:manage' })).status).toBe(409);

    const fresh = await h.registerAgent({ agent_name: 'Unclaimed' });
    const refused = await listWebhooks(fresh.access_token);
    expect(refused.status).toBe(403);
    expect(refused.body.details.stepUpUrl).toBeUndefined();
    expect(refused.body.details.nextTool).toBe('opentrain_claim_account');
    expect(refused.body.details.nextStep).toContain('opentrain_claim_account');
  });
});
