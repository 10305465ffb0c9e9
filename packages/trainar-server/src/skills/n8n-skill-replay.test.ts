/**
 * Replays the public n8n TrainAR node's "Skill → Execute" request byte for byte (Train-AR/
 * n8n-nodes-trainar, nodes/Trainar/Trainar.node.ts): `POST {base}/api-tenant-skills-execute`,
 * `Content-Type: application/json`, `Authorization: Bearer tak_…` (credentials/TrainarApi), body
 * `{skill_id, arguments: JSON.parse(skillArguments), session_context: JSON.parse(override || "{}")}`.
 * The key carries only `write:skills`, as the credential's description says Execute Skill needs.
 * The node passes the JSON answer on as the item, so the fields it shows are checked here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { startSkillReceiver, type SkillReceiver } from './receiver.test-support';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let receiver: SkillReceiver;
let skillId: string;

/** What the node's declarative routing sends for the Execute operation. */
function n8nExecute(skill: string, skillArguments: string, sessionContextOverride: string) {
  return fetch(`${h.url}/v1/api-tenant-skills-execute`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ skill_id: skill, arguments: JSON.parse(skillArguments), session_context: JSON.parse(sessionContextOverride || '{}') }),
  });
}

beforeAll(async () => {
  receiver = await startSkillReceiver();
  h = await startHarness();
  t = await h.createTenant('n8n Skills');
  key = (await h.createKey(t.tenantId, ['write:skills'], 'n8n')).key;
  const skill = await h.services.skills.create(
    t.tenantId,
    { kind: 'operator' },
    {
      display_name: 'Check stock',
      description: 'Checks stock',
      webhook_url: `${receiver.url}/ok`,
      parameters_schema: { type: 'object', properties: { part_number: { type: 'string' } }, required: ['part_number'] },
    },
  );
  skillId = skill.id;
});
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

describe('n8n TrainAR node: Skill → Execute', () => {
  it('with the default override "{}" and no active seat: 400 NO_ACTIVE_SEAT in the documented envelope', async () => {
    for (const override of ['{}', '']) {
      const res = await n8nExecute(skillId, '{"part_number":"AB-123"}', override);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ error: 'NO_ACTIVE_SEAT' });
      expect(typeof body.message).toBe('string');
    }
  });

  it('with an explicit { customer_id, seat_id, user_id, role } override: runs the skill and answers its result', async () => {
    const seatId = crypto.randomUUID();
    const override = JSON.stringify({ customer_id: t.tenantId, seat_id: seatId, user_id: t.adminId, role: 'trainer' });
    const res = await n8nExecute(skillId, '{"part_number":"AB-123"}', override);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(body).toMatchObject({ skill_id: skillId, skill_name: 'check_stock', success: true, status_code: 200, response: { in_stock: 4 } });
    expect(body.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof body.latency_ms).toBe('number');
    expect(receiver.received.at(-1)?.body).toMatchObject({
      arguments: { part_number: 'AB-123' },
      session_context: { customer_id: t.tenantId, seat_id: seatId, user_id: t.adminId, role: 'trainer' },
    });
  });

  it('a skill id that is not a UUID (the node accepts any text) is a 400 naming skill_id', async () => {
    const res = await n8nExecute('not-a-uuid', '{}', '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'skill_id' } });
  });
});
