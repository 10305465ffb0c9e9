/** An agent starting from nothing finds everything: well-known metadata, llms.txt, auth.md, OpenAPI. */
import { CLAIM_GRANT_TYPE, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES, SCOPES, opentrainApi } from '@opentrain/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const get = async (path: string) => {
  const res = await fetch(`${h.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', cors: res.headers.get('access-control-allow-origin'), text: await res.text() };
};

describe('discovery', () => {
  it('serves RFC 9728 protected-resource metadata pointing at the authorization server', async () => {
    const res = await get('/.well-known/oauth-protected-resource');
    expect(res.status).toBe(200);
    expect(res.cors).toBe('*');
    expect(JSON.parse(res.text)).toMatchObject({
      resource: `${h.url}/api/public/v1`,
      authorization_servers: [h.url],
      scopes_supported: [...SCOPES],
      bearer_methods_supported: ['header'],
      resource_documentation: `${h.url}/auth.md`,
    });
  });

  it('serves RFC 8414 authorization-server metadata with the agent_auth block', async () => {
    const meta = JSON.parse((await get('/.well-known/oauth-authorization-server')).text);
    expect(meta).toMatchObject({
      issuer: h.url,
      token_endpoint: `${h.url}/api/agent/oauth/token`,
      revocation_endpoint: `${h.url}/api/agent/oauth/revoke`,
      grant_types_supported: [CLAIM_GRANT_TYPE],
      agent_auth: {
        skill: `${h.url}/auth.md`,
        identity_endpoint: `${h.url}/api/agent/identity`,
        claim_endpoint: `${h.url}/api/agent/identity/claim`,
        grant_type: CLAIM_GRANT_TYPE,
        interval: 5,
        identity_types_supported: ['anonymous'],
        scopes: { pre_claim: PRE_CLAIM_SCOPES, post_claim: POST_CLAIM_SCOPES },
      },
    });
  });

  it('serves /llms.txt and /auth.md describing the flow with this server\'s URLs', async () => {
    const llms = await get('/llms.txt');
    expect(llms.type).toContain('text/plain');
    expect(llms.text).toContain(`POST ${h.url}/api/agent/identity`);
    for (const op of opentrainApi.operations) expect(llms.text).toContain(op.name);
    const auth = await get('/auth.md');
    expect(auth.type).toContain('text/markdown');
    for (const piece of ['/api/agent/identity/claim', '/api/agent/oauth/token', '/api/agent/oauth/revoke', CLAIM_GRANT_TYPE, 'authorization_pending', 'slow_down', 'expired_token', 'invalid_grant', 'email_already_registered']) {
      expect(auth.text).toContain(piece);
    }
    expect(auth.text).toContain(`curl -s -X POST ${h.url}/api/agent/identity`);
  });

  it('serves the OpenAPI document with every operation and the agent-auth endpoints', async () => {
    const doc = JSON.parse((await get('/api/public/v1/openapi.json')).text);
    expect(doc.servers).toEqual([{ url: `${h.url}/api/public/v1` }]);
    expect(doc.paths['/auth/me'].get.operationId).toBe('opentrain_auth_status');
    expect(doc.paths['/job-drafts/capabilities'].get['x-gates']).toEqual(['any-token', 'feature:public_api_job_drafting']);
    expect(doc.paths['/tokens'].post.responses['201']).toBeDefined();
    expect(doc.paths['/tokens/{tokenId}'].delete.operationId).toBe('opentrain_revoke_token');
    const token = doc.paths['/api/agent/oauth/token'];
    expect(token.servers).toEqual([{ url: h.url }]);
    expect(token.post.requestBody.content).toHaveProperty('application/x-www-form-urlencoded');
    expect(doc.paths['/api/agent/identity'].post.responses['200'].content['application/json'].schema.properties).toHaveProperty('claim_token');
  });

  it('answers unknown Public API routes with the envelope and health checks as before', async () => {
    const res = await fetch(`${h.url}/api/public/v1/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('NOT_FOUND');
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});
