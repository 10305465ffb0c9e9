/**
 * Schema-driven fuzzing of every TrainAR operation (issue 23), over real HTTP with a key holding
 * every scope: fuzzed inputs from each zod input schema (valid, one field hostile, extra fields)
 * plus transport abuse (malformed JSON, wrong content types, oversize and deeply nested bodies).
 * No answer is a 5xx, every rejection is TrainAR's envelope, and nothing already stored changes:
 * another tenant's rows stay identical, and the fuzzing tenant's seeded entities read back the same.
 * The same arbitraries go through hosted MCP's tools/call. `FUZZ_RUNS` / `FUZZ_SEED` for long runs.
 */
import { operations, SCOPES, trainarApi, trainarErrorSchema } from '@trainar/api';
import {
  changedStoredRows,
  envelopeMatcher,
  fuzzRequests,
  fuzzSettings,
  mcpFuzzFailures,
  runFuzzRequests,
  sendFuzzRequest,
  snapshotStoredRows,
  transportAbuse,
} from '@platform/kit/testing';
import type { AnyOperation } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_UPLOAD_PATHS, knowledgeBodyLimit } from '../knowledge/options';
import { startHarness, type TrainArHarness } from '../testing/index';

const settings = fuzzSettings();
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const isEnvelope = envelopeMatcher(trainarErrorSchema);

let h: TrainArHarness;
let fuzzKey: string;
let fuzzTenantId: string;
let seeded: Array<{ path: string; query: Record<string, string> }>;

async function readSeeded(): Promise<unknown[]> {
  return Promise.all(seeded.map(async (s) => (await h.call('GET', s.path, { key: fuzzKey, query: s.query })).body));
}

beforeAll(async () => {
  h = await startHarness();
  const fuzzer = await h.createTenant('Fuzzing tenant');
  fuzzTenantId = fuzzer.tenantId;
  fuzzKey = (await h.createKey(fuzzer.tenantId, SCOPES, 'fuzz key')).key;
  const operator = { kind: 'operator' } as const;
  const task = await h.services.tasks.create(fuzzer.tenantId, operator, { title: 'Seeded task', source: 'manual' });
  const skill = await h.services.skills.create(fuzzer.tenantId, operator, { display_name: 'Seeded Skill', description: 'kept', webhook_url: 'http://127.0.0.1:9/seed' });
  const member = await h.invite(fuzzer.tenantId, 'member');
  seeded = [
    { path: '/v1/api-tenant-tasks', query: { task_id: task.id } },
    { path: '/v1/api-tenant-skills', query: { skill_id: skill.id } },
    { path: '/v1/api-tenant-users', query: { user_id: member.id } },
  ];
  // A bystander tenant with data of every kind the fuzzer could reach by mistake.
  const bystander = await h.createTenant('Bystander tenant');
  await h.createKey(bystander.tenantId, SCOPES, 'bystander key');
  await h.invite(bystander.tenantId, 'member');
  await h.services.tasks.create(bystander.tenantId, operator, { title: 'Bystander task', source: 'manual' });
  await h.services.skills.create(bystander.tenantId, operator, { display_name: 'Bystander Skill', description: 'kept', webhook_url: 'http://127.0.0.1:9/b' });
  // An event nothing emits here: a delivery by the background worker would change the endpoint's row.
  await h.services.webhooks.create(bystander.tenantId, { url: 'https://93.184.215.14/bystander', events: ['session.completed'], source: 'api' });
  await h.services.knowledge.upload(bystander.tenantId, { name: 'Bystander manual', content: 'kept', auto_process: false });
});
afterAll(() => h?.close());

describe('fuzzing every operation', () => {
  it('never answers 5xx, rejects in the envelope, and changes nothing already stored', async () => {
    const seededBefore = await readSeeded();
    const before = await snapshotStoredRows(h.database.db);
    const uploadLimit = knowledgeBodyLimit(h.services.knowledge.options.maxFileBytes);
    const maxBodyBytes = (op: AnyOperation) => (KNOWLEDGE_UPLOAD_PATHS.includes(`/v1${op.path}`) ? uploadLimit : DEFAULT_BODY_LIMIT);
    const requests = operations.flatMap((op) => [...fuzzRequests(trainarApi, op, fuzzKey, settings), ...transportAbuse(trainarApi, op, fuzzKey, { maxBodyBytes, seed: settings.seed })]);
    const summary = await runFuzzRequests(h.url, requests, isEnvelope);
    expect(summary.failures).toEqual([]);
    // The fuzz reached handlers: successes and not-found answers, not only validation errors.
    expect(summary.statuses[200] ?? 0).toBeGreaterThan(operations.length / 2);
    expect(summary.statuses[404] ?? 0).toBeGreaterThan(10);
    expect(summary.statuses[429]).toBeUndefined();
    expect(summary.statuses[413]).toBe(operations.filter((op) => op.method !== 'GET').length);
    expect(await changedStoredRows(h.database.db, before, { mutableOwners: [fuzzTenantId] })).toEqual([]);
    expect(await readSeeded()).toEqual(seededBefore);
  }, 600_000);

  it('refuses oversize bodies with 413 in the envelope on every kind of route: hosted MCP, SSE messages, device API, forms', async () => {
    const uploadLimit = knowledgeBodyLimit(h.services.knowledge.options.maxFileBytes);
    const routes: Array<[string, number]> = [
      ['/mcp', uploadLimit],
      ['/messages?sessionId=x', uploadLimit],
      ['/dashboard/knowledge/upload', uploadLimit],
      ['/v1/device/pair', DEFAULT_BODY_LIMIT],
      ['/signin', DEFAULT_BODY_LIMIT],
      ['/dashboard/settings', DEFAULT_BODY_LIMIT],
      ['/billing/webhooks/stripe', DEFAULT_BODY_LIMIT],
    ];
    for (const [url, limit] of routes) {
      const res = await sendFuzzRequest(h.url, { operation: url, method: 'POST', url, headers: { Authorization: `Bearer ${fuzzKey}`, 'Content-Type': 'application/json' }, body: `"${'x'.repeat(limit)}"`, label: 'oversize' });
      expect([url, res.status, isEnvelope(res.body)]).toEqual([url, 413, true]);
    }
  }, 120_000);

  it('answers fuzzed hosted MCP tools/call with tool errors or invalid params, never an internal error', async () => {
    const failures = await mcpFuzzFailures(`${h.url}/mcp`, fuzzKey, operations, { runs: Math.ceil(settings.runs / 3), seed: settings.seed + 1 });
    expect(failures).toEqual([]);
  }, 600_000);
});
