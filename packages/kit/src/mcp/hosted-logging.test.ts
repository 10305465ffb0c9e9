/**
 * Hosted MCP operations: a tool failing with a 5xx and a summariser that throws are logged with the
 * request id (as REST logs its 5xx), while the client gets a tool error / a result it can use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app';
import { listen, type RunningServer } from '../http/serve';
import { type CallerAuth, createOperationServer, defineApi, defineOperation, implement, z } from '../index';
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '../testing/mcp-clients';
import { createHostedMcp } from './hosted';

const errorModel = {
  codes: { validation: 'BAD_REQUEST', unauthorized: 'UNAUTHORIZED', forbidden: 'FORBIDDEN', not_found: 'NOT_FOUND', conflict: 'CONFLICT', payload_too_large: 'PAYLOAD_TOO_LARGE', rate_limited: 'RATE_LIMITED', unavailable: 'UNAVAILABLE', internal: 'INTERNAL_ERROR' },
  envelope: (e: { message: string; code: string; details?: Record<string, unknown> }, requestId: string) => ({ error: e.message, code: e.code, requestId, details: e.details ?? {} }),
  parse: (status: number, body: unknown) => ({ status, code: (body as { code?: string })?.code ?? `HTTP_${status}`, message: (body as { error?: string })?.error ?? `HTTP ${status}` }),
};

const common = { auth: 'required' as const, scopes: ['ops:read'], annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } };
const breaks = defineOperation({ ...common, name: 'ops_breaks', method: 'GET', path: '/breaks', description: 'Fails inside.', input: z.object({}), output: z.object({ ok: z.boolean() }), cli: ['breaks'], summarize: () => 'never' });
const chatty = defineOperation({
  ...common,
  name: 'ops_chatty',
  method: 'GET',
  path: '/chatty',
  description: 'Succeeds; its summariser throws.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  cli: ['chatty'],
  summarize: () => {
    throw new Error('summariser bug');
  },
});
const api = defineApi({ product: 'ops', title: 'Ops API', version: '1.0.0', basePath: '/api', errorModel, operations: [breaks, chatty], hasScope: (granted, required) => granted.includes(required) });

const logged: Array<{ obj: Record<string, unknown>; msg: string }> = [];
const record = (obj: Record<string, unknown>, msg: string) => logged.push({ obj, msg });
const logger = { error: record, warn: record, info: () => {}, debug: () => {}, child: () => logger } as never;

let server: RunningServer;
beforeAll(async () => {
  const ops = createOperationServer<CallerAuth, Record<string, never>>({
    api,
    implementations: [
      implement(breaks, async () => {
        throw new Error('database went away');
      }),
      implement(chatty, async () => ({ ok: true })),
    ],
    authenticate: async (credential) => (credential === 'ops_token' ? { credentialId: 'tok_1', scopes: ['ops:read'] } : null),
    makeContext: () => ({}),
  });
  const app = createApp({ errorModel: api.errorModel, logger, apiPrefixes: ['/api/'], ready: async () => true });
  app.all('/mcp', createHostedMcp(ops, { name: 'ops', version: '1.0.0', requireAuth: true, logger }));
  server = await listen(app, { port: 0 });
});
afterAll(() => server?.close());

for (const generation of CLIENT_GENERATIONS) {
  describe(`hosted MCP failure logging, ${generation} client`, () => {
    it('logs a 5xx tool failure with the request id the tool error shows; the client gets a tool error', async () => {
      logged.length = 0;
      const client = await connectMcpHttp(generation, `${server.url}/mcp`, { Authorization: 'Bearer ops_token' });
      try {
        const failed = toolError(await client.callTool('ops_breaks'));
        expect(failed).toMatchObject({ status: 500, requestId: expect.any(String) });
        expect(failed.text).not.toContain('database went away');
        const entry = logged.find((l) => l.msg === 'hosted MCP tool failed');
        expect(entry?.obj).toMatchObject({ tool: 'ops_breaks', requestId: failed.requestId });
        expect(String((entry?.obj.err as Error | undefined)?.message)).toContain('database went away');
      } finally {
        await client.close();
      }
    });

    it('logs a summariser that throws; the call still succeeds with the structured result', async () => {
      logged.length = 0;
      const client = await connectMcpHttp(generation, `${server.url}/mcp`, { Authorization: 'Bearer ops_token' });
      try {
        const result = await client.callTool('ops_chatty');
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toEqual({ ok: true });
        expect(logged.find((l) => l.msg === 'MCP summariser failed')?.obj).toMatchObject({ tool: 'ops_chatty', requestId: expect.any(String) });
      } finally {
        await client.close();
      }
    });
  });
}
