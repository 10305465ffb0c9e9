/**
 * The fuzz kit on the sample API (a real server on a real database), and the kit fixes the product
 * fuzz suites led to: deeply nested input is a 400 (it overflowed the stack: a 500), an over-long
 * URL is a 431 in the envelope (node:http answered it with an empty body), and only the routes
 * named for uploads take large bodies.
 */
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSampleApp, mintSampleToken, sampleMigrations } from '../../test/sample/sample-server';
import { sampleApi, sampleErrorModel } from '../../test/sample/sample-api';
import { createApp } from '../http/app';
import { listen, type RunningServer } from '../http/serve';
import { arbitraryFromZod, validInputArbitrary } from './fuzz';
import { deeplyNestedJson, envelopeMatcher, fuzzRequests, judgeFuzzResponse, runFuzzRequests, transportAbuse } from './fuzz-http';
import { mcpFuzzFailures } from './fuzz-mcp';
import { changedStoredRows, snapshotStoredRows } from './fuzz-state';
import { createTestDatabase, type TestDatabase } from './test-database';

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' }, requestId: { type: 'string' }, details: { type: 'object' } }, required: ['error', 'code', 'requestId'] };
const isEnvelope = envelopeMatcher(errorSchema);

let database: TestDatabase;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase(sampleMigrations);
  server = await listen(buildSampleApp(database.db), { port: 0 });
  token = (await mintSampleToken(database.db, ['notes:write'])).token;
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe('arbitraries from zod schemas', () => {
  it('are mostly valid, so fuzzed calls reach the handlers', () => {
    const schema = z.object({
      id: z.uuid(),
      email: z.email(),
      at: z.iso.datetime(),
      name: z.string().min(2).max(20),
      count: z.number().int().min(1).max(10),
      price: z.number().multipleOf(0.01).positive().max(100),
      tags: z.array(z.enum(['a', 'b', 'c'])).max(3),
      note: z.string().nullable().optional(),
      meta: z.record(z.string(), z.unknown()),
    });
    const samples = fc.sample(arbitraryFromZod(schema), { numRuns: 100, seed: 1 });
    expect(samples.filter((s) => schema.safeParse(s).success).length).toBeGreaterThan(90);
    for (const op of sampleApi.operations) {
      const inputs = fc.sample(validInputArbitrary(op), { numRuns: 50, seed: 2 });
      expect(inputs.filter((i) => op.input.safeParse(i).success).length, op.name).toBeGreaterThan(40);
    }
  });
});

describe('judging answers', () => {
  const request = { operation: 'x', method: 'POST', url: '/api/v1/x', headers: {}, label: 'schema' };
  it('fails a 5xx and a rejection outside the envelope, passes an enveloped 4xx and a success', () => {
    const envelope = { error: 'Bad', code: 'BAD_REQUEST', requestId: 'r', details: {} };
    expect(judgeFuzzResponse(request, { status: 500, body: envelope, text: '' }, isEnvelope)).toContain('500');
    expect(judgeFuzzResponse(request, { status: 400, body: { message: 'no code' }, text: '' }, isEnvelope)).toContain('outside the error envelope');
    expect(judgeFuzzResponse(request, { status: 431, body: '', text: '' }, isEnvelope)).toContain('outside the error envelope');
    expect(judgeFuzzResponse(request, { status: 400, body: envelope, text: '' }, isEnvelope)).toBeNull();
    expect(judgeFuzzResponse(request, { status: 201, body: {}, text: '' }, isEnvelope)).toBeNull();
  });
});

describe('fuzzing the sample API', () => {
  it('finds no 5xx, no rejection outside the envelope, and no stored row changed, on REST and MCP', async () => {
    const seeded = await fetch(`${server.url}/api/v1/notes`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ title: 'Seeded', body: 'kept' }) });
    expect(seeded.status).toBe(201);
    const before = await snapshotStoredRows(database.db);
    const requests = sampleApi.operations.flatMap((op) => [...fuzzRequests(sampleApi, op, token, { runs: 30, seed: 3 }), ...transportAbuse(sampleApi, op, token, { maxBodyBytes: 1024 * 1024, seed: 3 })]);
    const summary = await runFuzzRequests(server.url, requests, isEnvelope);
    expect(summary.failures).toEqual([]);
    expect(summary.statuses[201]).toBeGreaterThan(5);
    expect(summary.statuses[413]).toBe(1);
    expect(await changedStoredRows(database.db, before)).toEqual([]);
    expect(await mcpFuzzFailures(`${server.url}/mcp`, token, sampleApi.operations, { runs: 10, seed: 4 })).toEqual([]);
  });
});

describe('fixes found by fuzzing', () => {
  it('refuses deeply nested input with a 400 naming the field (it overflowed the stack: a 500)', async () => {
    const res = await fetch(`${server.url}/api/v1/notes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: `{"title":${deeplyNestedJson(50_000)}}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'title' } });
  });

  it('answers an over-long URL with 431 in the envelope (node:http sent an empty body)', async () => {
    const res = await fetch(`${server.url}/api/v1/notes?limit=${'9'.repeat(20_000)}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('lets only the named upload routes take bodies above the default limit', async () => {
    const app = createApp({ errorModel: sampleErrorModel, logger: pino({ level: 'silent' }), apiPrefixes: ['/api/'], ready: async () => true, largeBodies: { maxBytes: 3 * 1024 * 1024, paths: ['/api/upload', '/forms/'] } });
    for (const path of ['/api/upload', '/api/other', '/forms/upload']) app.post(path, async (c) => c.json({ bytes: (await c.req.text()).length }));
    const body = 'x'.repeat(2 * 1024 * 1024);
    const post = (path: string) => app.request(`http://localhost${path}`, { method: 'POST', body, headers: { 'Content-Length': String(body.length) } });
    expect((await post('/api/upload')).status).toBe(200);
    expect((await post('/forms/upload')).status).toBe(200);
    const refused = await post('/api/other');
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
