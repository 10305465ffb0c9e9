/** GET/POST/DELETE /tokens: masking, scopes covered by the caller, the 25-token cap, expiry, lastUsedAt. */
import { POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES, SCOPES } from '@opentrain/api';
import { hours, minutes } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('tokens', () => {
  it('mints a token (201, secret once, masked preview), lists it with lastUsedAt, and revokes it', async () => {
    const agent = await h.registerAgent();
    const created = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'CI runner', scopes: ['jobs:read'] } });
    expect(created.status).toBe(201);
    const { token, tokenType, metadata } = created.body;
    expect(tokenType).toBe('bearer');
    expect(token).toMatch(/^ot_pat_[0-9A-Za-z]{38}$/);
    expect(metadata).toMatchObject({ name: 'CI runner', scopes: ['jobs:read'], status: 'active', lastUsedAt: null, expiresAt: null, revokedAt: null });
    expect(metadata.preview).toBe(`ot_pat_${token.slice(7, 11)}********${token.slice(-4)}`);

    h.clock.advance(minutes(1));
    expect((await h.api('/auth/me', { token })).status).toBe(200);
    const listed = await h.api('/tokens', { token: agent.access_token });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const row = listed.body.tokens.find((t: { id: string }) => t.id === metadata.id);
    expect(row.lastUsedAt).toBe(h.clock.now().toISOString());
    expect(listed.body.tokens[0].id).toBe(metadata.id); // newest first

    const revoked = await h.api(`/tokens/${metadata.id}`, { method: 'DELETE', token: agent.access_token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token).toMatchObject({ id: metadata.id, status: 'revoked', revokedAt: h.clock.now().toISOString() });
    expect((await h.api('/auth/me', { token })).status).toBe(401);
    const again = await h.api(`/tokens/${metadata.id}`, { method: 'DELETE', token: agent.access_token });
    expect(again.body.token.status).toBe('revoked');
  });

  it("defaults to the caller's scopes and the name 'API token'", async () => {
    const agent = await h.registerAgent();
    const created = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: {} });
    expect(created.body.metadata).toMatchObject({ name: 'API token', scopes: PRE_CLAIM_SCOPES });
  });

  it('refuses scopes the caller does not hold (403) and unknown scopes (400 with unknownScopes/supportedScopes)', async () => {
    const agent = await h.registerAgent();
    const wider = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['jobs:read', 'proposals:write'] } });
    expect(wider.status).toBe(403);
    expect(wider.body).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'scope_not_covered', uncoveredScopes: ['proposals:write'] } });
    const unknown = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['jobs:delete'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({ field: 'scopes', unknownScopes: ['jobs:delete'], supportedScopes: [...SCOPES] });
    // :write covers :read
    const narrow = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['jobs:read'] } });
    const reader = narrow.body.token;
    const fromReader = await h.api('/tokens', { method: 'POST', token: reader, body: { scopes: ['jobs:write'] } });
    expect(fromReader.status).toBe(403);
  });

  it('validates name and expiresAt with 400 naming the field', async () => {
    const agent = await h.registerAgent();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ name: '' }, 'name'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: new Date(h.clock.now().getTime() - 1000).toISOString() }, 'expiresAt'],
      [{ scopes: 'jobs:read' }, 'scopes'],
    ];
    for (const [body, field] of cases) {
      const res = await h.api('/tokens', { method: 'POST', token: agent.access_token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
  });

  it('expires a token at expiresAt (injected clock): 401, listed as expired', async () => {
    const agent = await h.registerAgent();
    const expiresAt = new Date(h.clock.now().getTime() + hours(1)).toISOString();
    const created = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { expiresAt } });
    expect(created.body.metadata.expiresAt).toBe(expiresAt);
    expect((await h.api('/auth/me', { token: created.body.token })).body.token.expiresAt).toBe(expiresAt);
    h.clock.advance(hours(1));
    const res = await h.api('/auth/me', { token: created.body.token });
    expect(res.status).toBe(401);
    expect(res.body.details.reason).toBe('token_expired');
    const listed = await h.api('/tokens', { token: agent.access_token });
    expect(listed.body.tokens.find((t: { id: string }) => t.id === created.body.metadata.id).status).toBe('expired');
  });

  it('allows at most 25 active tokens per account (409 token_limit_reached); revoking frees a slot', async () => {
    const agent = await h.registerAgent();
    const ids: string[] = [];
    for (let i = 1; i < 25; i++) {
      const res = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: `t${i}` } });
      expect(res.status).toBe(201);
      ids.push(res.body.metadata.id);
    }
    const over = await h.api('/tokens', { method: 'POST', token: agent.access_token, body: {} });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'token_limit_reached', limit: 25 } });
    await h.api(`/tokens/${ids[0]}`, { method: 'DELETE', token: agent.access_token });
    expect((await h.api('/tokens', { method: 'POST', token: agent.access_token, body: {} })).status).toBe(201);
  });

  it("answers 404 for another account's token, and lists only this account's tokens", async () => {
    const a = await h.registerAgent();
    const b = await h.registerAgent();
    const bMe = await h.api('/auth/me', { token: b.access_token });
    const res = await h.api(`/tokens/${bMe.body.token.id}`, { method: 'DELETE', token: a.access_token });
    expect(res.status).toBe(404);
    expect(res.body.details).toMatchObject({ resource: 'tokens', tokenId: bMe.body.token.id, nextTool: 'opentrain_list_tokens' });
    expect((await h.api('/auth/me', { token: b.access_token })).status).toBe(200);
    const listed = await h.api('/tokens', { token: a.access_token });
    expect(listed.body.tokens.every((t: { organizationId: string }) => t.organizationId !== bMe.body.account.organizationId)).toBe(true);
  });

  it('lets a claimed agent mint post-claim scopes; it lists itself and its child, not the pre-claim token', async () => {
    const { token } = await h.claimedAgent();
    const created = await h.api('/tokens', { method: 'POST', token, body: { scopes: ['proposals:write'] } });
    expect(created.status).toBe(201);
    const listed = await h.api('/tokens', { token });
    const statuses = listed.body.tokens.map((t: { status: string; scopes: string[] }) => [t.status, t.scopes.length]);
    expect(statuses).toEqual([['active', 1], ['active', POST_CLAIM_SCOPES.length]]);
    const all = await h.services.tokens.list(listed.body.tokens[0].organizationId);
    expect(all.map((t) => [t.status, t.scopes.length])).toContainEqual(['revoked', PRE_CLAIM_SCOPES.length]);
  });
});

describe('token lineage', () => {
  it('never lets a child outlive its parent: no expiry inherits the parent’s, a later one is a 400', async () => {
    const agent = await h.registerAgent();
    const parentExpiry = new Date(h.clock.now().getTime() + hours(1)).toISOString();
    const parent = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { expiresAt: parentExpiry } })).body;
    const child = await h.api('/tokens', { method: 'POST', token: parent.token, body: { name: 'child' } });
    expect(child.status).toBe(201);
    expect(child.body.metadata.expiresAt).toBe(parentExpiry);
    const later = await h.api('/tokens', { method: 'POST', token: parent.token, body: { expiresAt: new Date(h.clock.now().getTime() + hours(2)).toISOString() } });
    expect(later.status).toBe(400);
    expect(later.body.details).toMatchObject({ field: 'expiresAt', parentExpiresAt: parentExpiry });
    const sooner = new Date(h.clock.now().getTime() + minutes(30)).toISOString();
    expect((await h.api('/tokens', { method: 'POST', token: parent.token, body: { expiresAt: sooner } })).body.metadata.expiresAt).toBe(sooner);
    h.clock.advance(hours(1));
    expect((await h.api('/auth/me', { token: child.body.token })).status).toBe(401);
  });

  it('revokes every descendant with its ancestor (API and RFC 7009 revocation)', async () => {
    const agent = await h.registerAgent();
    const parent = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'parent' } })).body;
    const child = (await h.api('/tokens', { method: 'POST', token: parent.token, body: { name: 'child' } })).body;
    const grandchild = (await h.api('/tokens', { method: 'POST', token: child.token, body: { name: 'grandchild', scopes: ['jobs:read'] } })).body;
    expect((await h.api(`/tokens/${parent.metadata.id}`, { method: 'DELETE', token: agent.access_token })).status).toBe(200);
    for (const t of [parent, child, grandchild]) expect((await h.api('/auth/me', { token: t.token })).status).toBe(401);
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(200);

    const second = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'second' } })).body;
    const secondChild = (await h.api('/tokens', { method: 'POST', token: second.token, body: {} })).body;
    expect((await h.agentAuth('/api/agent/oauth/revoke', { token: second.token }, { form: true })).status).toBe(200);
    expect((await h.api('/auth/me', { token: secondChild.token })).status).toBe(401);
  });

  it('lets a token list and revoke only itself and its descendants (others read as 404)', async () => {
    const agent = await h.registerAgent();
    const readOnly = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'leaked', scopes: [] } })).body;
    const sibling = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { name: 'sibling' } })).body;
    const listed = await h.api('/tokens', { token: readOnly.token });
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).toEqual([readOnly.metadata.id]);
    const ownerId = (await h.api('/auth/me', { token: agent.access_token })).body.token.id;
    for (const id of [ownerId, sibling.metadata.id]) {
      const res = await h.api(`/tokens/${id}`, { method: 'DELETE', token: readOnly.token });
      expect(res.status).toBe(404);
      expect(res.body.details).toMatchObject({ resource: 'tokens', tokenId: id });
    }
    expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(200);
    expect((await h.api('/auth/me', { token: sibling.token })).status).toBe(200);
    // The parent still manages its children; a token may revoke itself.
    expect((await h.api('/tokens', { token: agent.access_token })).body.tokens.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([readOnly.metadata.id, sibling.metadata.id, ownerId]));
    expect((await h.api(`/tokens/${readOnly.metadata.id}`, { method: 'DELETE', token: readOnly.token })).status).toBe(200);
  });
});
