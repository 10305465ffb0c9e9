/**
 * Schema-driven fuzzing of every OpenTrain Public API operation (issue 23), over real HTTP with a
 * token of a claimed account holding every scope and every feature: fuzzed inputs from each zod
 * input schema (valid, one field hostile, extra fields) plus transport abuse (malformed JSON, wrong
 * content types, oversize and deeply nested bodies). No answer is a 5xx, every rejection is
 * OpenTrain's envelope, and nothing already stored changes (another account's rows, and the
 * fuzzing account's seeded draft). The same arbitraries go through hosted /mcp's tools/call.
 * `FUZZ_RUNS` / `FUZZ_SEED` for long runs (docs/testing.md, "Fuzzing").
 */
import { FEATURE_KEYS, opentrainApi, opentrainErrorSchema, operations, SCOPES } from '@opentrain/api';
import { changedStoredRows, envelopeMatcher, fuzzRequests, fuzzSettings, mcpFuzzFailures, runFuzzRequests, sendFuzzRequest, snapshotStoredRows, transportAbuse } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';

const settings = fuzzSettings();
const isEnvelope = envelopeMatcher(opentrainErrorSchema);
const MAX_BODY_BYTES = 1024 * 1024;

let h: Harness;
let token: string;
let organizationId: string;
let seededDraftId: string;

/** A claimed account whose token holds every scope, with every feature on. */
async function fullyScopedAccount(name: string) {
  const agent = await h.claimedAgent(name);
  const me = await h.api('/auth/me', { token: agent.token });
  const orgId = me.body.account.organizationId as string;
  for (const key of FEATURE_KEYS) await h.services.features.setForOrganization(orgId, key, true);
  const { secret } = await h.services.tokens.mint(h.services.db, { organizationId: orgId, userId: null, name: 'fuzz', scopes: [...SCOPES], expiresAt: null, origin: 'api' });
  return { token: secret, organizationId: orgId };
}

beforeAll(async () => {
  // The per-token limit (600 a minute, and the manual clock never moves) would turn most fuzzed calls into 429s.
  h = await startHarness({ startWorker: false, limits: { publicApiPerToken: { limit: 1_000_000, windowSeconds: 60 } } });
  ({ token, organizationId } = await fullyScopedAccount('Fuzzing agent'));
  const draft = await h.api('/job-drafts', { method: 'POST', token, body: { jobDescription: 'Label 1,000 images of cats with bounding boxes for a vision model.' } });
  expect(draft.status).toBe(201);
  seededDraftId = draft.body.jobId;
  // A bystander account with data of the kinds the fuzzer could reach by mistake.
  const bystander = await fullyScopedAccount('Bystander agent');
  expect((await h.api('/job-drafts', { method: 'POST', token: bystander.token, body: { jobDescription: 'Transcribe 200 hours of call-centre audio in Spanish.' } })).status).toBe(201);
  expect((await h.api('/webhooks', { method: 'POST', token: bystander.token, body: { url: 'https://93.184.215.14/bystander', eventTypes: ['contract.created'] } })).status).toBeLessThan(300);
  expect((await h.api('/tokens', { method: 'POST', token: bystander.token, body: { name: 'bystander reader', scopes: ['jobs:read'] } })).status).toBe(201);
});
afterAll(() => h?.close());

describe('fuzzing every operation', () => {
  it('never answers 5xx, rejects in the envelope, and changes nothing already stored', async () => {
    const before = await snapshotStoredRows(h.database.db);
    const requests = operations.flatMap((op) => [...fuzzRequests(opentrainApi, op, token, settings), ...transportAbuse(opentrainApi, op, token, { maxBodyBytes: MAX_BODY_BYTES, seed: settings.seed })]);
    const summary = await runFuzzRequests(h.url, requests, isEnvelope);
    expect(summary.failures).toEqual([]);
    // The fuzz reached handlers: successes and not-found answers, not only validation errors.
    expect((summary.statuses[200] ?? 0) + (summary.statuses[201] ?? 0)).toBeGreaterThan(operations.length / 2);
    expect(summary.statuses[429]).toBeUndefined();
    expect(summary.statuses[404] ?? 0).toBeGreaterThan(10);
    expect(summary.statuses[413]).toBe(operations.filter((op) => op.method !== 'GET').length);
    const changed = await changedStoredRows(h.database.db, before, { mutableOwners: [organizationId], kept: [seededDraftId] });
    expect(changed).toEqual([]);
  }, 600_000);

  it('refuses oversize bodies with 413 in the envelope on every kind of route: hosted MCP, agent auth, forms, webhooks', async () => {
    for (const url of ['/mcp', '/api/agent/identity', '/api/agent/oauth/token', '/signin', '/claim', '/payments/webhooks/sandbox']) {
      const res = await sendFuzzRequest(h.url, { operation: url, method: 'POST', url, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: `"${'x'.repeat(MAX_BODY_BYTES)}"`, label: 'oversize' });
      expect([url, res.status, isEnvelope(res.body)]).toEqual([url, 413, true]);
    }
  });

  it('answers fuzzed hosted MCP tools/call with tool errors or invalid params, never an internal error', async () => {
    const tools = operations.filter((op) => !op.exclude?.includes('mcp'));
    const failures = await mcpFuzzFailures(`${h.url}/mcp`, token, tools, { runs: Math.ceil(settings.runs / 3), seed: settings.seed + 1 });
    expect(failures).toEqual([]);
  }, 600_000);
});
