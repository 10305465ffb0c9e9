/**
 * Skill definitions over REST and hosted MCP: every documented field round-trips, the name is
 * derived from the display name, parameters_schema is checked as a JSON Schema, the auth header
 * is never echoed, built-in skills are listed (system ones only on request) and read-only, and
 * the six seed tools work over both MCP client generations with the REST scopes.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { deriveSkillName } from './service';

let h: TrainArHarness;
let t: TenantFixture;
let writer: string;
let reader: string;

const SKILLS = '/v1/api-tenant-skills';
const base = { description: 'Looks up a part', webhook_url: 'http://127.0.0.1:9/parts' };

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Skill Authors');
  writer = (await h.createKey(t.tenantId, ['write:skills'])).key;
  reader = (await h.createKey(t.tenantId, ['read:skills'])).key;
});
afterAll(() => h?.close());

describe('skill definitions over REST', () => {
  it('derives a snake_case name from the display name', () => {
    expect(deriveSkillName('Check Stock (v2)!')).toBe('check_stock_v2');
    expect(deriveSkillName('Überprüfe Teile')).toBe('uberprufe_teile');
    expect(deriveSkillName('3D viewer')).toBe('skill_3d_viewer');
    expect(deriveSkillName('!!!')).toBe('skill');
  });

  it('creates a skill with every documented field and returns them, the auth header masked', async () => {
    const body = {
      ...base,
      display_name: 'Find Part',
      parameters_schema: { type: 'object', properties: { part: { type: 'string' }, qty: { type: 'integer' } }, required: ['part'] },
      http_method: 'GET',
      auth_header: { name: 'Authorization', value: 'Bearer sk_live_abcdefgh1234' },
      timeout_ms: 5000,
      execution_mode: 'background',
      ai_instructions: 'Read the part number back to the user.',
      response_target: 'display',
      display_hint: 'hud',
      response_scheduling: 'INTERRUPT',
      capture_frame_on_execute: true,
      available_to_roles: 'trainee',
      is_active: false,
      folder: 'Parts',
    };
    const res = await h.call('POST', SKILLS, { key: writer, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { auth_header: _secret, ...rest } = body;
    expect(res.body).toMatchObject({ ...rest, name: 'find_part', tier: 'tenant', read_only: false, parameter_count: 2, name_locked: false, auth_header: { name: 'Authorization', value_preview: '••••1234' } });
    expect(JSON.stringify(res.body)).not.toContain('sk_live_abcdefgh');
    const got = await h.call('GET', SKILLS, { key: reader, query: { skill_id: res.body.id } });
    expect(got.body).toEqual(res.body);
    expect(JSON.stringify(got.body)).not.toContain('sk_live_abcdefgh');

    const defaults = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Find Part' } });
    expect(defaults.body).toMatchObject({
      name: 'find_part_2',
      http_method: 'POST',
      timeout_ms: 30000,
      execution_mode: 'direct',
      response_target: 'context',
      display_hint: null,
      response_scheduling: null,
      available_to_roles: 'all',
      is_active: true,
      auth_header: null,
      parameters_schema: { type: 'object', properties: {} },
    });
    const taken = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Other', name: 'find_part' } });
    expect(taken).toMatchObject({ status: 409, body: { error: 'CONFLICT', details: { field: 'name' } } });
  });

  it('checks parameters_schema as a JSON Schema and names the offending field', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'string' }, 'parameters_schema.type'],
      [{ type: 'object', properties: { qty: { type: 'integr' } } }, 'parameters_schema.properties.qty.type'],
      [{ type: 'object', required: 'part' }, 'parameters_schema.required'],
      [{ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } }, 'parameters_schema'],
    ];
    for (const [schema, field] of cases) {
      const res = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Bad schema', parameters_schema: schema } });
      expect(res.status, JSON.stringify(schema)).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field } });
    }
  });

  it('refuses field combinations and values with a 400 naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ response_target: 'context', display_hint: 'hud' }, 'display_hint'],
      [{ timeout_ms: 10 }, 'timeout_ms'],
      [{ name: 'Not Snake' }, 'name'],
      [{ webhook_url: 'ftp://127.0.0.1/x' }, 'webhook_url'],
      [{ auth_header: { name: 'Bad Header', value: 'x' } }, 'auth_header.name'],
    ];
    for (const [extra, field] of bad) {
      const res = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Bad fields', ...extra } });
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    const reserved = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Search Knowledge' } });
    expect(reserved).toMatchObject({ status: 409, body: { details: { field: 'name' } } });
  });

  it('updates fields (null removes the auth header), keeps the rest, and deletes', async () => {
    const created = await h.call('POST', SKILLS, { key: writer, body: { ...base, display_name: 'Patch me', auth_header: { name: 'X-Key', value: 'short' } } });
    expect(created.body.auth_header).toEqual({ name: 'X-Key', value_preview: '••••' });
    const patched = await h.call('PATCH', SKILLS, { key: writer, query: { skill_id: created.body.id }, body: { response_target: 'display', folder: 'Moved', auth_header: null } });
    expect(patched.body).toMatchObject({ response_target: 'display', display_hint: 'fullscreen', folder: 'Moved', auth_header: null, description: base.description });
    const inFolder = await h.call('GET', SKILLS, { key: reader, query: { folder: 'Moved' } });
    expect(inFolder.body.skills.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    const deleted = await h.call('DELETE', SKILLS, { key: writer, query: { skill_id: created.body.id } });
    expect(deleted.body).toEqual({ id: created.body.id, deleted: true });
    expect((await h.call('GET', SKILLS, { key: reader, query: { skill_id: created.body.id } })).status).toBe(404);
  });

  it('lists platform skills, hides system skills unless asked, and keeps built-ins read-only', async () => {
    const list = await h.call('GET', SKILLS, { key: reader, query: { limit: 100 } });
    const names = list.body.skills.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['pa_identify_model', 'pa_get_parts_list_for_model', 'pa_search_parts', 'pa_show_manual_page', 'pa_show_exploded_view']));
    expect(names).not.toContain('search_knowledge');
    expect(list.body.total).toBe(list.body.skills.length);
    const tenantOnly = await h.call('GET', SKILLS, { key: reader, query: { include_platform: false, limit: 100 } });
    expect(tenantOnly.body.skills.every((s: { tier: string }) => s.tier === 'tenant')).toBe(true);
    const withSystem = await h.call('GET', SKILLS, { key: reader, query: { include_system: true, limit: 2 } });
    expect(withSystem.body.skills.map((s: { name: string }) => s.name)).toEqual(['search_knowledge', 'capture_camera']);
    const paged = await h.call('GET', SKILLS, { key: reader, query: { include_system: true, limit: 3, offset: 6 } });
    expect(paged.body.skills[0].name).toBe('pa_show_exploded_view');
    expect(paged.body.skills[1].tier).toBe('tenant');

    const system = withSystem.body.skills[0];
    for (const [method, body] of [
      ['PATCH', { display_name: 'Mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await h.call(method, SKILLS, { key: writer, query: { skill_id: system.id }, body });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('read-only');
    }
    const platform = list.body.skills.find((s: { name: string }) => s.name === 'pa_search_parts');
    expect(platform).toMatchObject({ tier: 'platform', read_only: true, bundle: 'Parts & Spares' });
    const run = await h.call('POST', '/v1/api-tenant-skills-execute', { key: writer, body: { skill_id: platform.id, arguments: { query: 'belt' } } });
    expect(run).toMatchObject({ status: 400, body: { details: { field: 'skill_id' } } });
  });
});

for (const generation of CLIENT_GENERATIONS) {
  describe(`skills over hosted MCP, ${generation} client`, () => {
    const connect = (key: string) => connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${key}` });

    it('offers the six seed tools by scope and runs them with REST bodies and errors', async () => {
      const readOnly = await connect(reader);
      try {
        const names = (await readOnly.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['get_skill', 'list_skills']);
        const denied = toolError(await readOnly.callTool('create_skill', { ...base, display_name: 'Denied' }));
        expect(denied).toMatchObject({ status: 403, details: { requiredScopes: ['write:skills'] } });
      } finally {
        await readOnly.close();
      }
      const client = await connect(writer);
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['create_skill', 'delete_skill', 'execute_skill', 'get_skill', 'list_skills', 'update_skill']);
        const created = await client.callTool('create_skill', { ...base, display_name: `MCP skill ${generation}` });
        expect(created.isError).toBeFalsy();
        const skill = created.structuredContent as { id: string; name: string };
        expect(skill.name).toBe(`mcp_skill_${generation}`);
        const updated = await client.callTool('update_skill', { skill_id: skill.id, folder: 'Agents' });
        expect(updated.structuredContent).toMatchObject({ folder: 'Agents' });
        expect((await client.callTool('get_skill', { skill_id: skill.id })).structuredContent).toMatchObject({ id: skill.id, folder: 'Agents' });
        const listed = await client.callTool('list_skills', { include_platform: false, limit: 100 });
        expect((listed.structuredContent as { skills: { id: string }[] }).skills.map((s) => s.id)).toContain(skill.id);
        // Port 9 (discard) has no listener here: the call fails, is recorded with trigger agent, and is a tool error.
        const refused = toolError(await client.callTool('execute_skill', { skill_id: skill.id, arguments: {}, session_context: { role: 'trainer' } }));
        expect(refused).toMatchObject({ status: 502, code: 'SKILL_FAILED', details: { trigger: 'agent', success: false, status_code: null } });
        await client.callTool('update_skill', { skill_id: skill.id, is_active: false });
        const inactive = toolError(await client.callTool('execute_skill', { skill_id: skill.id, arguments: {} }));
        expect(inactive).toMatchObject({ status: 409, code: 'CONFLICT' });
        const badSchema = toolError(await client.callTool('update_skill', { skill_id: skill.id, parameters_schema: { type: 'array' } }));
        expect(badSchema).toMatchObject({ status: 400, details: { field: 'parameters_schema.type' } });
        expect((await client.callTool('delete_skill', { skill_id: skill.id })).structuredContent).toEqual({ id: skill.id, deleted: true });
        expect(toolError(await client.callTool('get_skill', { skill_id: skill.id }))).toMatchObject({ status: 404 });
      } finally {
        await client.close();
      }
    });
  });
}
