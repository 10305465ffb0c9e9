/**
 * What a contract declares about its HTTP answers is what REST sends: CORS and Cache-Control from
 * `http`, documented non-envelope bodies from `otherResponses`, and every body checked against its
 * schema (on under vitest), failing loudly with the operation and the offending path.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sampleErrorModel } from '../../test/sample/sample-api';
import { defineApi } from '../operations/api';
import { defineOperation, z } from '../operations/define';
import { implement } from '../operations/implement';
import { createOperationServer, outputValidationDefault } from '../operations/invoke';
import { createApp } from './app';
import { buildOpenApi } from './openapi';
import { mountOperations } from './rest';

const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const getItem = defineOperation({
  name: 'demo_get_item',
  method: 'GET',
  path: '/items/{itemId}',
  description: 'One public item.',
  input: z.object({ itemId: z.string().max(8) }),
  output: z.object({ id: z.string(), title: z.string() }),
  auth: 'none',
  scopes: [],
  annotations,
  http: { cors: true, cacheControl: 'public, max-age=300' },
  otherResponses: { 404: { description: 'Gone', schema: z.object({ id: z.string(), status: z.literal('gone') }), cacheControl: 'public, max-age=60' } },
  summarize: (out) => out.title,
});
const listMine = defineOperation({
  name: 'demo_list_mine',
  method: 'GET',
  path: '/items/mine',
  description: 'A body outside its schema (the bug output checking catches).',
  input: z.object({}),
  output: z.object({ items: z.array(z.object({ id: z.string() })) }),
  auth: 'none',
  scopes: [],
  annotations,
  summarize: () => 'mine',
});
const api = defineApi({ product: 'demo', title: 'Demo', version: '1', basePath: '/api', errorModel: sampleErrorModel, operations: [listMine, getItem] });

function demoApp(validateOutput?: boolean) {
  const server = createOperationServer({
    api,
    validateOutput,
    implementations: [
      // A static path is mounted before the parameterised one it would otherwise match.
      implement(listMine, () => ({ items: [{ id: 7 }] }) as never),
      implement(getItem, (input, ctx: { scope: { setStatus(s: number): void } }) => {
        if (input.itemId === 'a') return { id: 'a', title: 'Apple' };
        ctx.scope.setStatus(404);
        return { id: input.itemId, status: 'gone' } as never;
      }),
    ],
    authenticate: async () => null,
    makeContext: (scope) => ({ scope }),
  });
  const app = createApp({ errorModel: sampleErrorModel, logger: pino({ level: 'silent' }), apiPrefixes: ['/api/'], ready: async () => true });
  mountOperations(app, server);
  return app;
}

describe('contract HTTP metadata on REST', () => {
  it('sends the declared CORS and cache headers, the documented 404 body, and CORS on errors too', async () => {
    const app = demoApp();
    const ok = await app.request('http://localhost/api/items/a');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(ok.headers.get('cache-control')).toBe('public, max-age=300');
    const gone = await app.request('http://localhost/api/items/b');
    expect([gone.status, await gone.json(), gone.headers.get('cache-control')]).toEqual([404, { id: 'b', status: 'gone' }, 'public, max-age=60']);
    const bad = await app.request('http://localhost/api/items/far-too-long');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(bad.headers.get('cache-control')).toBeNull();
  });

  it('answers the preflight of a cross-origin operation, but not of another operation on a matching path', async () => {
    const app = demoApp();
    const preflight = await app.request('http://localhost/api/items/a', { method: 'OPTIONS', headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    const mine = await app.request('http://localhost/api/items/mine', { method: 'OPTIONS' });
    expect(mine.status).toBe(404);
    expect((await app.request('http://localhost/api/items/mine')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the headers and the other response in OpenAPI', () => {
    const doc = buildOpenApi(api, { errorSchema: { type: 'object' } }) as { paths: Record<string, { get: { responses: Record<string, { headers?: object; content: object }> } }> };
    const responses = doc.paths['/items/{itemId}'].get.responses;
    expect(responses['200'].headers).toEqual({
      'Access-Control-Allow-Origin': { description: 'Any origin may read this answer.', schema: { const: '*' } },
      'Cache-Control': { schema: { const: 'public, max-age=300' } },
    });
    expect(JSON.stringify(responses['404'].content)).toContain('"const":"gone"');
  });
});

describe('output checked against the output schema', () => {
  it('is on under vitest and with VALIDATE_OUTPUT=1, off in production unless asked', () => {
    expect(outputValidationDefault(process.env)).toBe(true);
    expect(outputValidationDefault({})).toBe(false);
    expect(outputValidationDefault({ VALIDATE_OUTPUT: '1' })).toBe(true);
    expect(outputValidationDefault({ VITEST: 'true', VALIDATE_OUTPUT: '0' })).toBe(false);
  });

  it('fails loudly with a 500 naming the operation and the path of the mismatch', async () => {
    const res = await demoApp().request('http://localhost/api/items/mine');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; details: { operation: string; issues: string[] } };
    expect(body.error).toContain('demo_list_mine returned a body outside its output schema');
    expect(body.details.issues[0]).toMatch(/^items\.0\.id: /);
  });

  it('passes the body through untouched when checking is off', async () => {
    const res = await demoApp(false).request('http://localhost/api/items/mine');
    expect([res.status, await res.json()]).toEqual([200, { items: [{ id: 7 }] }]);
  });
});
