/**
 * The three gates on a Public API call — scope, claimed account, per-account feature flag — through
 * the real pipeline and services, with test operations of each gate shape (hiring,
 * drafting, a tokenless search), plus the capability map that reports them.
 */
import { claimedGate, featureGate, opentrainApi } from '@opentrain/api';
import { createApp, createLogger, defineApi, defineOperation, implement, mountOperations, z } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenTrainAuth, OpenTrainContext } from './context';
import { checkGates, explainMissingScopes } from './gates';
import { type Harness, startHarness } from '../testing/harness';
import { createOperationServer } from '@platform/kit';

const hints = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const ok = z.object({ ok: z.boolean() });
const hire = defineOperation({ name: 'opentrain_test_hire', method: 'POST', path: '/test/hire', description: 'test', input: z.object({}), output: ok, auth: 'required', scopes: ['proposals:write'], gates: [featureGate('public_api_hiring'), claimedGate('hire AI trainers')], annotations: hints, summarize: () => 'ok' });
const draft = defineOperation({ name: 'opentrain_test_draft', method: 'POST', path: '/test/draft', description: 'test', input: z.object({}), output: ok, auth: 'required', scopes: ['jobs:write'], gates: [featureGate('public_api_job_drafting')], annotations: hints, summarize: () => 'ok' });
const readJobs = defineOperation({ name: 'opentrain_test_read', method: 'GET', path: '/test/jobs', description: 'test', input: z.object({}), output: ok, auth: 'required', scopes: ['jobs:read'], annotations: { ...hints, readOnlyHint: true }, summarize: () => 'ok' });
const search = defineOperation({ name: 'opentrain_test_search', method: 'GET', path: '/test/search', description: 'test', input: z.object({}), output: ok, auth: 'none', scopes: [], annotations: { ...hints, readOnlyHint: true }, summarize: () => 'ok' });

/** The OpenTrain pipeline with four extra operations, over the harness's real services. */
function pipelineWith(h: Harness) {
  const { services } = h;
  const api = defineApi({ ...opentrainApi, operations: [...opentrainApi.operations, hire, draft, readJobs, search] });
  const done = () => ({ ok: true });
  const server = createOperationServer<OpenTrainAuth, OpenTrainContext>({
    api,
    implementations: [...h.server.extra.publicApi.binding.implementations, implement(hire, done), implement(draft, done), implement(readJobs, done), implement(search, done)],
    authenticate: (credential) => services.tokens.authenticate(credential),
    makeContext: (scope) => ({ auth: scope.auth, scope, services }),
    checkGates,
    explainMissingScopes,
  });
  const app = createApp({ errorModel: api.errorModel, logger: createLogger({ name: 'gates-test', level: 'silent' }), apiPrefixes: ['/api/public/'], ready: async () => true });
  mountOperations(app, server);
  return async (method: string, path: string, token?: string) => {
    const res = await app.request(`http://localhost/api/public/v1${path}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json() };
  };
}

let h: Harness;
let call: ReturnType<typeof pipelineWith>;
beforeAll(async () => {
  h = await startHarness();
  call = pipelineWith(h);
});
afterAll(async () => h?.close());

/** A token for an unclaimed account that nonetheless holds proposals:write (minted directly), to isolate the claim gate. */
async function unclaimedWithHiringScope() {
  const agent = await h.registerAgent();
  const me = await h.api('/auth/me', { token: agent.access_token });
  const { secret } = await h.services.tokens.mint(h.services.db, { organizationId: me.body.account.organizationId, userId: null, name: 'test', scopes: ['proposals:write'], expiresAt: null, origin: 'api' });
  return { agent, organizationId: me.body.account.organizationId as string, token: secret };
}

describe('gate 1: scope', () => {
  it('refuses a pre-claim token on a hiring operation with 403 account_claim_required: claiming is what grants the scope', async () => {
    const agent = await h.registerAgent();
    const res = await call('POST', '/test/hire', agent.access_token);
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ reason: 'account_claim_required', action: 'hire AI trainers', claimUrl: `${h.url}/claim` });
  });

  it('refuses a token lacking a scope that claiming would not grant with 403 insufficient_scope', async () => {
    const agent = await h.registerAgent();
    const reader = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['jobs:read'] } })).body.token;
    const res = await call('POST', '/test/draft', reader);
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ reason: 'insufficient_scope', requiredScopes: ['jobs:write'], grantedScopes: ['jobs:read'] });
  });

  it('lets :write imply :read', async () => {
    const agent = await h.registerAgent();
    const writer = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['jobs:write'] } })).body.token;
    expect((await call('GET', '/test/jobs', writer)).status).toBe(200);
    const other = (await h.api('/tokens', { method: 'POST', token: agent.access_token, body: { scopes: ['payments:read'] } })).body.token;
    expect((await call('GET', '/test/jobs', other)).status).toBe(403);
  });
});

describe('gate 2: claimed account', () => {
  it('answers 403 account_claim_required with the action and a claimUrl, before the feature gate', async () => {
    const { token, organizationId } = await unclaimedWithHiringScope();
    await h.services.features.setForOrganization(organizationId, 'public_api_hiring', false);
    const res = await call('POST', '/test/hire', token);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'FORBIDDEN',
      error: 'A human must claim this agent account before it can hire AI trainers.',
      details: { reason: 'account_claim_required', action: 'hire AI trainers', claimUrl: `${h.url}/claim` },
    });
  });

  it('lets a claimed account through', async () => {
    const { token } = await h.claimedAgent();
    expect(await call('POST', '/test/hire', token)).toEqual({ status: 200, body: { ok: true } });
  });
});

describe('gate 3: per-account feature flag', () => {
  it('answers 403 feature_disabled with featureKey and mode when the account is switched off, and on again after', async () => {
    const { token } = await h.claimedAgent();
    const organizationId = (await h.api('/auth/me', { token })).body.account.organizationId;
    await h.services.features.setForOrganization(organizationId, 'public_api_hiring', false);
    const res = await call('POST', '/test/hire', token);
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual({ reason: 'feature_disabled', featureKey: 'public_api_hiring', mode: 'ALL' });
    const caps = await h.api('/job-drafts/capabilities', { token });
    expect(caps.body.capabilities.hiring).toBe(false);
    await h.services.features.setForOrganization(organizationId, 'public_api_hiring', null);
    expect((await call('POST', '/test/hire', token)).status).toBe(200);
  });

  it('follows the rollout mode: ALLOWLIST admits only allow-listed accounts (capabilities included)', async () => {
    const agent = await h.registerAgent();
    const listed = await h.registerAgent();
    const listedOrg = (await h.api('/auth/me', { token: listed.access_token })).body.account.organizationId;
    await h.services.features.setMode('public_api_job_drafting', 'ALLOWLIST');
    try {
      await h.services.features.setForOrganization(listedOrg, 'public_api_job_drafting', true);
      const refused = await call('POST', '/test/draft', agent.access_token);
      expect(refused.body.details).toEqual({ reason: 'feature_disabled', featureKey: 'public_api_job_drafting', mode: 'ALLOWLIST' });
      const caps = await h.api('/job-drafts/capabilities', { token: agent.access_token });
      expect(caps.status).toBe(403);
      expect(caps.body.details).toMatchObject({ featureKey: 'public_api_job_drafting', mode: 'ALLOWLIST' });
      expect((await call('POST', '/test/draft', listed.access_token)).status).toBe(200);
      expect((await h.api('/job-drafts/capabilities', { token: listed.access_token })).body.rolloutMode).toBe('ALLOWLIST');
    } finally {
      await h.services.features.setMode('public_api_job_drafting', 'ALL');
    }
  });
});

describe('GET /job-drafts/capabilities', () => {
  it('reports what a pre-claim token can do now, and what a claimed one can', async () => {
    const agent = await h.registerAgent();
    const pre = await h.api('/job-drafts/capabilities', { token: agent.access_token });
    expect(pre.status).toBe(200);
    expect(pre.body).toMatchObject({ featureKey: 'public_api_job_drafting', namespace: 'job-drafts', rolloutMode: 'ALL', enabled: true, authBootstrap: 'token', actorIsAdmin: false });
    expect(pre.body.capabilities).toEqual({ draftImport: true, draftCreate: true, draftUpdate: true, draftUrlRead: true, publish: true, hiring: false, messagingWrites: false, team: true, paymentsWrite: false, credits: true, webhooks: false });
    expect(pre.body.draft.importFormats).toEqual(['text', 'opentrain_canonical', 'schema_org_job_posting', 'indeed_xml', 'hr_xml']);
    expect(pre.body.draft.enums.paymentType).toEqual(['PAY_PER_LABEL', 'PAY_PER_HOUR', 'FIXED_PRICE']);
    expect(pre.body.draft.updateKeys).toContain('experienceLevel');
    const { token } = await h.claimedAgent();
    const post = await h.api('/job-drafts/capabilities', { token });
    expect(post.body.capabilities).toMatchObject({ hiring: true, messagingWrites: true, paymentsWrite: false, webhooks: false });
  });
});

describe('tokenless calls', () => {
  it('are rate limited per IP', async () => {
    const limited = await startHarness({ limits: { publicApiPerIp: { limit: 2, windowSeconds: 60 } } });
    try {
      limited.clock.set(Math.floor(limited.clock.now().getTime() / 60_000) * 60_000);
      const tokenless = pipelineWith(limited);
      expect((await tokenless('GET', '/test/search')).status).toBe(200);
      expect((await tokenless('GET', '/test/search')).status).toBe(200);
      const res = await tokenless('GET', '/test/search');
      expect(res.status).toBe(429);
      expect(res.body.details).toMatchObject({ retryAfterSeconds: 60, limit: 2 });
    } finally {
      await limited.close();
    }
  });
});
