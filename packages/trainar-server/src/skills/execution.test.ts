/**
 * Executing a skill against a real local HTTP receiver: the arguments and session context arrive
 * (POST body or GET query, with the auth header), the answer comes back with status, latency and
 * x- headers; a timeout is 504 SKILL_TIMEOUT, a non-2xx 502 SKILL_FAILED; every call is recorded
 * and writes `skill.executed` to the outbox; NO_ACTIVE_SEAT without a context or a seat; private
 * endpoints refused at save and at call time (DNS rebinding).
 */
import type { LookupAddress } from 'node:dns';
import { waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForKnowledge } from '../knowledge/testing';
import { readTrainArEvents, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { SkillExecutor } from './execution';
import { startSkillReceiver, type SkillReceiver } from './receiver.test-support';
import { skillUrlPolicy } from './settings';
import { systemSkillsWith } from './system-skills';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let receiver: SkillReceiver;

const STOCK_SCHEMA = { type: 'object', properties: { part_number: { type: 'string', minLength: 3 }, quantity: { type: 'integer', minimum: 1 } }, required: ['part_number'] };

async function createSkill(body: Record<string, unknown>) {
  const res = await h.call('POST', '/v1/api-tenant-skills', { key, body: { display_name: 'Check stock', description: 'Checks stock', parameters_schema: STOCK_SCHEMA, ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

/** Each execution a second after the previous one, so "newest first" is observable on the manual clock. */
const execute = (body: Record<string, unknown>) => {
  h.clock.advance(1000);
  return h.call('POST', '/v1/api-tenant-skills-execute', { key, body });
};

beforeAll(async () => {
  receiver = await startSkillReceiver();
  h = await startHarness();
  t = await h.createTenant('Skill Runners');
  key = (await h.createKey(t.tenantId, ['write:skills'])).key;
});
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

describe('POST /v1/api-tenant-skills-execute', () => {
  it('POSTs the arguments and session context to the endpoint and returns status, latency, response and x- headers', async () => {
    const skill = await createSkill({ webhook_url: `${receiver.url}/ok`, auth_header: { name: 'X-Api-Key', value: 'stock-secret-123456' } });
    const context = { customer_id: t.tenantId, user_id: t.adminId, role: 'trainer' };
    const res = await execute({ skill_id: skill.id, arguments: { part_number: 'AB-123', quantity: 2 }, session_context: context });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ skill_id: skill.id, skill_name: 'check_stock', trigger: 'api', success: true, status_code: 200, error: null, response_headers: { 'x-stock-source': 'warehouse-7' } });
    expect(res.body.latency_ms).toBeGreaterThanOrEqual(0);
    expect(res.body.response).toMatchObject({ in_stock: 4 });

    const got = receiver.received.at(-1);
    expect(got?.method).toBe('POST');
    expect(got?.headers['x-api-key']).toBe('stock-secret-123456');
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['x-trainar-execution-id']).toBe(res.body.execution_id);
    expect(got?.body).toEqual({
      skill_name: 'check_stock',
      execution_id: res.body.execution_id,
      arguments: { part_number: 'AB-123', quantity: 2 },
      session_context: { customer_id: t.tenantId, seat_id: null, user_id: t.adminId, role: 'trainer', session_id: null },
    });

    // Recorded, listed, and the skill.executed event is in the outbox with the same execution.
    const listed = await h.call('GET', '/v1/api-tenant-skill-executions', { key, query: { skill_id: skill.id } });
    expect(listed.body.executions).toEqual([res.body]);
    await waitForEventHorizon(h.database.db); // on PostgreSQL the newest events are read once no earlier transaction can still commit
    const events = await readTrainArEvents(h.database.db, { limit: 1000 });
    const event = events.events.find((e) => e.type === 'skill.executed' && (e.payload as { execution_id: string }).execution_id === res.body.execution_id);
    expect(event?.scope).toBe(t.tenantId);
    expect(event?.payload).toEqual(res.body);
  });

  it('sends GET skills the arguments and the context as query parameters', async () => {
    const skill = await createSkill({ display_name: 'Lookup by GET', http_method: 'GET', webhook_url: `${receiver.url}/ok` });
    const res = await execute({ skill_id: skill.id, arguments: { part_number: 'XY-9' }, session_context: { user_id: t.adminId } });
    expect(res.status).toBe(200);
    const got = receiver.received.at(-1);
    expect(got?.method).toBe('GET');
    expect(got?.query.get('part_number')).toBe('XY-9');
    expect(JSON.parse(got?.query.get('session_context') ?? '{}')).toMatchObject({ customer_id: t.tenantId, user_id: t.adminId });
  });

  it('reports a timeout as 504 SKILL_TIMEOUT and a non-2xx as 502 SKILL_FAILED, both recorded', async () => {
    const slow = await createSkill({ display_name: 'Slow stock', webhook_url: `${receiver.url}/slow`, timeout_ms: 500 });
    const timedOut = await execute({ skill_id: slow.id, arguments: { part_number: 'AB-123' }, session_context: { user_id: t.adminId } });
    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toMatchObject({ error: 'SKILL_TIMEOUT', details: { success: false, status_code: null, error: "timed out after 500 ms (the skill's timeout_ms)" } });
    expect(timedOut.body.details.latency_ms).toBeGreaterThanOrEqual(450);
    expect(timedOut.body.details.latency_ms).toBeLessThan(2900);

    const failing = await createSkill({ display_name: 'Failing stock', webhook_url: `${receiver.url}/fail` });
    const failed = await execute({ skill_id: failing.id, arguments: { part_number: 'AB-123' }, session_context: { user_id: t.adminId } });
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ error: 'SKILL_FAILED', details: { success: false, status_code: 500, response: 'stock service down', error: 'the endpoint answered HTTP 500' } });
    expect(failed.body.message).toContain('list_skill_executions');

    const redirecting = await createSkill({ display_name: 'Redirecting stock', webhook_url: `${receiver.url}/redirect` });
    const redirected = await execute({ skill_id: redirecting.id, arguments: { part_number: 'AB-123' }, session_context: { user_id: t.adminId } });
    expect(redirected.body).toMatchObject({ error: 'SKILL_FAILED', details: { status_code: 302, error: 'the endpoint answered HTTP 302 (redirects are not followed)' } });

    const failures = await h.call('GET', '/v1/api-tenant-skill-executions', { key, query: { success: false } });
    expect(failures.body.executions.map((e: { skill_name: string }) => e.skill_name)).toEqual(['redirecting_stock', 'failing_stock', 'slow_stock']);
  });

  it('refuses arguments that break the schema with a 400 naming the path, and calls nothing', async () => {
    const skill = await createSkill({ display_name: 'Strict stock', webhook_url: `${receiver.url}/ok` });
    const before = receiver.received.length;
    const missing = await execute({ skill_id: skill.id, arguments: { quantity: 1 }, session_context: { user_id: t.adminId } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'arguments.part_number' } });
    const wrongType = await execute({ skill_id: skill.id, arguments: { part_number: 'AB-123', quantity: 0 }, session_context: { user_id: t.adminId } });
    expect(wrongType.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'arguments.quantity' } });
    expect(wrongType.body.message).toContain('must be >= 1');
    expect(receiver.received.length).toBe(before);
  });

  it('answers NO_ACTIVE_SEAT without a session context while no seat qualifies; an empty context (the n8n default) counts as none', async () => {
    const skill = await createSkill({ display_name: 'Seatless', webhook_url: `${receiver.url}/ok` });
    for (const session_context of [undefined, {}, null]) {
      const res = await execute({ skill_id: skill.id, arguments: { part_number: 'AB-123' }, session_context });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('NO_ACTIVE_SEAT');
      expect(res.body.message).toContain('session_context');
    }
  });

  it('resolves the context from the first active assigned seat the seats port reports', async () => {
    const seat = { seat_id: crypto.randomUUID(), user_id: t.adminId, device_id: null, role: 'trainee' as const };
    const executor = new SkillExecutor(
      h.services.deps,
      h.services.skills,
      { seats: { firstActiveSeat: async (tenantId) => (tenantId === t.tenantId ? seat : null) }, systemSkills: systemSkillsWith(async () => []) },
      skillUrlPolicy(h.services.deps.settings),
    );
    const skill = await createSkill({ display_name: 'Seated', webhook_url: `${receiver.url}/ok` });
    const out = await executor.execute(t.tenantId, { skill_id: skill.id, arguments: { part_number: 'AB-123' }, trigger: 'device' });
    expect(out.session_context).toEqual({ customer_id: t.tenantId, seat_id: seat.seat_id, user_id: t.adminId, role: 'trainee', session_id: null });
    expect(receiver.received.at(-1)?.body.session_context).toEqual(out.session_context);
  });

  it('locks the name once the skill has run', async () => {
    const skill = await createSkill({ display_name: 'Renamable', webhook_url: `${receiver.url}/ok` });
    const renamed = await h.call('PATCH', '/v1/api-tenant-skills', { key, query: { skill_id: skill.id }, body: { name: 'renamed_before_use' } });
    expect(renamed.body).toMatchObject({ name: 'renamed_before_use', name_locked: false });
    await execute({ skill_id: skill.id, arguments: { part_number: 'AB-123' }, session_context: { user_id: t.adminId } });
    const locked = await h.call('PATCH', '/v1/api-tenant-skills', { key, query: { skill_id: skill.id }, body: { name: 'renamed_after_use' } });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ error: 'CONFLICT', details: { field: 'name' } });
    const relabelled = await h.call('PATCH', '/v1/api-tenant-skills', { key, query: { skill_id: skill.id }, body: { display_name: 'Renamed display' } });
    expect(relabelled.body).toMatchObject({ name: 'renamed_before_use', display_name: 'Renamed display', name_locked: true });
  });

  it('runs search_knowledge on the knowledge base, and records capture_camera (device-only) with an error naming why', async () => {
    const doc = await h.services.knowledge.upload(t.tenantId, { name: 'Pump manual', content: 'Torque settings: tighten the pump housing bolts to 45 Nm in a star pattern.', auto_process: true });
    await waitForKnowledge(h, t.tenantId, doc.id);
    const list = await h.call('GET', '/v1/api-tenant-skills', { key, query: { include_system: true } });
    const search = list.body.skills.find((s: { name: string }) => s.name === 'search_knowledge');
    const res = await execute({ skill_id: search.id, arguments: { query: 'torque settings' }, session_context: { user_id: t.adminId } });
    expect(res.status).toBe(200);
    expect(res.body.response.results[0]).toMatchObject({ document_name: 'Pump manual', text: expect.stringContaining('45 Nm') });
    const camera = list.body.skills.find((s: { name: string }) => s.name === 'capture_camera');
    const cam = await execute({ skill_id: camera.id, arguments: {}, session_context: { user_id: t.adminId } });
    expect(cam.body.details.error).toContain('runs only on a paired device');
  });

  it('refuses private-network endpoints when saving (loopback only in dev mode)', async () => {
    const res = await h.call('POST', '/v1/api-tenant-skills', { key, body: { display_name: 'Intranet', description: 'x', webhook_url: 'http://10.1.2.3/stock' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'webhook_url' } });
    expect(res.body.message).toContain('ALLOW_PRIVATE_WEBHOOK_URLS=1');
    const metadata = await h.call('POST', '/v1/api-tenant-skills', { key, body: { display_name: 'Meta', description: 'x', webhook_url: 'http://169.254.169.254/latest' } });
    expect(metadata.status).toBe(400);
  });
});

describe('production URL policy (public endpoints only)', () => {
  let prod: TrainArHarness;
  let prodKey: string;
  let answer = '93.184.216.34';
  beforeAll(async () => {
    const resolver = async (): Promise<LookupAddress[]> => [{ address: answer, family: 4 }];
    prod = await startHarness({ settings: { skillUrlAllowance: 'public', skillResolver: resolver } });
    const tenant = await prod.createTenant('Prod Policy');
    prodKey = (await prod.createKey(tenant.tenantId, ['write:skills'])).key;
  });
  afterAll(() => prod?.close());

  it('refuses http and loopback at save, and a host that re-resolves to loopback at call time', async () => {
    const loop = await prod.call('POST', '/v1/api-tenant-skills', { key: prodKey, body: { display_name: 'Loop', description: 'x', webhook_url: `${receiver.url}/ok` } });
    expect(loop.status).toBe(400);
    expect(loop.body.message).toContain('https');
    const created = await prod.call('POST', '/v1/api-tenant-skills', { key: prodKey, body: { display_name: 'Rebinding', description: 'x', webhook_url: 'https://stock.example.test/ok' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    answer = '127.0.0.1';
    const before = receiver.received.length;
    const res = await prod.call('POST', '/v1/api-tenant-skills-execute', { key: prodKey, body: { skill_id: created.body.id, arguments: {}, session_context: { role: 'trainer' } } });
    expect(res.status).toBe(502);
    expect(res.body.details.error).toMatch(/^refused: Refusing a non-public address: stock\.example\.test resolves to 127\.0\.0\.1/);
    expect(receiver.received.length).toBe(before);
  });
});
