/**
 * One operation definition, served identically on REST, in OpenAPI, as an MCP tool (stdio and
 * Streamable HTTP, driven by both official SDK client generations) and as a CLI command —
 * including validation, not-found and auth errors on each surface.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/index';
import { bundleForSpawn, CLIENT_GENERATIONS, connectMcpHttp, connectMcpStdio, createTestDatabase, type TestDatabase, type TestMcpClient, toolError } from '../../src/testing/index';
import { buildSampleApp, mintSampleToken, sampleMigrations } from './sample-server';

const run = promisify(execFile);
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

let database: TestDatabase;
let server: RunningServer;
let writer: string;
let reader: string;
/** The fixtures' CLI and stdio server, bundled once (each spawn then starts without tsx). */
let sampleCli: string;
let sampleStdio: string;

beforeAll(async () => {
  database = await createTestDatabase(sampleMigrations);
  server = await listen(buildSampleApp(database.db), { port: 0 });
  writer = (await mintSampleToken(database.db, ['notes:write'])).token;
  reader = (await mintSampleToken(database.db, ['notes:read'])).token;
  [sampleCli, sampleStdio] = await Promise.all([bundleForSpawn(here('./sample-cli.ts')), bundleForSpawn(here('./sample-stdio.ts'))]);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const rest = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
  });

describe('REST', () => {
  it('creates and reads a note with the right status codes', async () => {
    const created = await rest('/api/v1/notes', { method: 'POST', token: writer, body: JSON.stringify({ title: 'Hello', body: 'World' }) });
    expect(created.status).toBe(201);
    const { note } = await created.json();
    expect(note).toMatchObject({ title: 'Hello', body: 'World' });
    const got = await rest(`/api/v1/notes/${note.id}`, { token: writer }); // notes:write implies notes:read
    expect(got.status).toBe(200);
    expect((await got.json()).note.id).toBe(note.id);
    const listed = await rest('/api/v1/notes?limit=1', { token: reader });
    expect((await listed.json()).notes).toHaveLength(1);
    const found = await rest(`/api/v1/notes?note_id=${note.id}`, { token: reader });
    expect((await found.json()).note.id).toBe(note.id);
  });

  it('rejects bad input with 400 naming the field', async () => {
    const res = await rest('/api/v1/notes', { method: 'POST', token: writer, body: JSON.stringify({ title: '' }) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'title' } });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    const q = await rest('/api/v1/notes?limit=abc', { token: reader });
    expect((await q.json()).details.field).toBe('limit');
    const json = await rest('/api/v1/notes', { method: 'POST', token: writer, body: '{not json' });
    expect(json.status).toBe(400);
  });

  it('rejects missing, malformed and unknown tokens with 401, a missing scope with 403', async () => {
    expect((await rest('/api/v1/notes')).status).toBe(401);
    expect((await rest('/api/v1/notes', { token: 'smp_nope' })).status).toBe(401);
    const tampered = `${reader.slice(0, -1)}${reader.endsWith('a') ? 'b' : 'a'}`;
    expect((await rest('/api/v1/notes', { token: tampered })).status).toBe(401);
    const forbidden = await rest('/api/v1/notes', { method: 'POST', token: reader, body: JSON.stringify({ title: 'x' }) });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'FORBIDDEN', details: { requiredScopes: ['notes:write'], grantedScopes: ['notes:read'] } });
  });

  it('answers unknown API routes with the envelope', async () => {
    const res = await rest('/api/v1/nope', { token: reader });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('documents each operation with its parameters, body, scopes and error responses', async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/notes'].post;
    expect(create.operationId).toBe('sample_create_note');
    expect(create.requestBody.content['application/json'].schema.properties.title).toMatchObject({ type: 'string', minLength: 1 });
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(create.security).toEqual([{ bearer: ['notes:write'] }]);
    const get = doc.paths['/notes/{noteId}'].get;
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'noteId', in: 'path', required: true })]);
    expect(doc.paths['/notes'].get.parameters[0]).toMatchObject({ name: 'limit', in: 'query', schema: { type: 'integer' } });
    expect(doc.paths['/notes?note_id'].get.operationId).toBe('sample_find_note');
  });
});

async function exerciseMcp(client: TestMcpClient) {
  const { tools } = await client.listTools();
  const create = tools.find((t) => t.name === 'sample_create_note');
  expect(create?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false });
  expect(create?.inputSchema.properties).toHaveProperty('title');
  expect(create?.outputSchema, 'output schemas are opt-in').toBeUndefined();

  const ok = await client.callTool('sample_create_note', { title: 'From MCP', body: 'b' });
  expect(ok.isError).toBeFalsy();
  const note = (ok.structuredContent as { note: { id: string; title: string } }).note;
  expect(note.title).toBe('From MCP');
  expect((ok.content as Array<{ text: string }>)[0].text).toContain(`Created note ${note.id}`);

  const invalid = toolError(await client.callTool('sample_create_note', { title: '' }));
  expect(invalid).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'title' } });
  expect(invalid.text).toContain('Next step: fix the field "title"');
  const missing = toolError(await client.callTool('sample_get_note', { noteId: 'note_missing' }));
  expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  return { tools, note };
}

for (const generation of CLIENT_GENERATIONS) {
  describe(`MCP over stdio (remote mode through the HTTP API), ${generation} client`, () => {
    const connect = (token: string) =>
      connectMcpStdio(generation, {
        command: process.execPath,
        args: [sampleStdio],
        env: { ...process.env, SAMPLE_BASE_URL: server.url, SAMPLE_TOKEN: token } as Record<string, string>,
      });

    it('serves the tools, results, validation and not-found errors', async () => {
      const client = await connect(writer);
      try {
        await exerciseMcp(client);
      } finally {
        await client.close();
      }
    });

    it('reports auth errors as tool errors whose text carries status, code and details', async () => {
      const client = await connect(reader);
      try {
        const denied = toolError(await client.callTool('sample_create_note', { title: 'x' }));
        expect(denied).toMatchObject({ status: 403, code: 'FORBIDDEN', details: { requiredScopes: ['notes:write'] } });
        expect(denied.requestId).toBeTruthy();
      } finally {
        await client.close();
      }
      const bad = await connect('smp_invalid');
      try {
        expect(toolError(await bad.callTool('sample_list_notes', {}))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      } finally {
        await bad.close();
      }
    });
  });

  describe(`MCP over Streamable HTTP (hosted mode, in-process), ${generation} client`, () => {
    const connect = (token: string, mode: 'legacy' | 'auto' = 'legacy', headers: Record<string, string> = {}) =>
      connectMcpHttp(generation, `${server.url}/mcp`, { Authorization: `Bearer ${token}`, ...headers }, { mode });

    it('serves the tools on the 2025 (initialize) era', async () => {
      const client = await connect(writer);
      try {
        await exerciseMcp(client);
      } finally {
        await client.close();
      }
    });

    it('lists output schemas on request (X-MCP-Output-Schemas: 1) and results still validate', async () => {
      const client = await connect(writer, 'legacy', { 'X-MCP-Output-Schemas': '1' });
      try {
        const { tools } = await client.listTools();
        expect(tools.find((t) => t.name === 'sample_create_note')?.outputSchema?.properties).toHaveProperty('note');
        const ok = await client.callTool('sample_create_note', { title: 'Typed', body: 'b' });
        expect(ok.structuredContent.note.title).toBe('Typed');
        // The v1 client validates structuredContent against the listed schema even on errors.
        expect(toolError(await client.callTool('sample_create_note', { title: '' }))).toMatchObject({ status: 400, details: { field: 'title' } });
      } finally {
        await client.close();
      }
    });

    it('lists only the tools the key allows; a documented tool it may not use answers a tool error naming the scope', async () => {
      const client = await connect(reader);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(['sample_find_note', 'sample_get_note', 'sample_list_notes']);
        const denied = toolError(await client.callTool('sample_create_note', { title: 'x' }));
        expect(denied).toMatchObject({ status: 403, code: 'FORBIDDEN', details: { requiredScopes: ['notes:write'] } });
        expect(denied.text).toContain('Next step: use a credential with the scope(s) notes:write');
      } finally {
        await client.close();
      }
      const res = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: 'Bearer smp_bad' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('UNAUTHORIZED');
    });
  });
}

describe('MCP over Streamable HTTP on the 2026-07-28 era (v2 client only: v1 speaks up to 2025-11-25)', () => {
  it('serves the tools and errors', async () => {
    const client = await connectMcpHttp('v2', `${server.url}/mcp`, { Authorization: `Bearer ${writer}` }, { mode: 'auto' });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('sample_create_note');
      const res = await client.callTool('sample_list_notes', { limit: 1 });
      expect((res.structuredContent as { notes: unknown[] }).notes).toHaveLength(1);
      expect(toolError(await client.callTool('sample_create_note', { title: '' }))).toMatchObject({ status: 400, details: { field: 'title' } });
    } finally {
      await client.close();
    }
  });
});

describe('CLI', () => {
  const cli = async (args: string[], token = writer) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [sampleCli, ...args], { env: { ...process.env, SAMPLE_BASE_URL: server.url, SAMPLE_TOKEN: token } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('runs the command with flags and positional path parameters, human and --json output', async () => {
    const created = await cli(['notes', 'create', '--title', 'From CLI', '--body', 'text', '--json']);
    expect(created.code).toBe(0);
    const { note } = JSON.parse(created.stdout);
    expect(note.title).toBe('From CLI');
    const got = await cli(['notes', 'get', note.id]);
    expect(got.stdout).toContain(`Note ${note.id}: "From CLI"`);
    const listed = await cli(['notes', 'list', '--limit', '2', '--json']);
    expect(JSON.parse(listed.stdout).notes).toHaveLength(2);
  });

  it('prints validation, auth and usage errors with distinct exit codes', async () => {
    const invalid = await cli(['notes', 'create', '--title', '']);
    expect(invalid.code).toBe(5);
    expect(invalid.stderr).toContain('Error (HTTP 400 BAD_REQUEST)');
    expect(invalid.stderr).toContain('"field":"title"');
    const denied = await cli(['notes', 'create', '--title', 'x'], reader);
    expect(denied.code).toBe(3);
    expect(denied.stderr).toContain('HTTP 403 FORBIDDEN');
    const missing = await cli(['notes', 'get', 'note_missing']);
    expect(missing.code).toBe(4);
    const usage = await cli(['notes', 'create']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage error: required option '--title <value>' not specified");
    const notNumber = await cli(['notes', 'list', '--limit', 'many']);
    expect(notNumber.code).toBe(2);
  });
});
