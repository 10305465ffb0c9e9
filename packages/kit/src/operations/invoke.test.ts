/**
 * The operation server refuses a wrong set of handlers at start-up, naming the operations: one
 * missing, one not in the contract list, or one registered twice (which used to keep the later
 * handler silently; the TrainAR module reshape found tasks and webhooks registered twice that way).
 */
import { describe, expect, it } from 'vitest';
import { sampleErrorModel } from '../../test/sample/sample-api';
import { defineApi } from './api';
import { defineOperation, z } from './define';
import { implement } from './implement';
import { createOperationServer } from './invoke';

const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const op = (name: string) =>
  defineOperation({ name, method: 'GET', path: `/${name}`, description: name, input: z.object({}), output: z.object({ ok: z.boolean() }), auth: 'none', scopes: [], annotations, summarize: () => name });
const first = op('demo_first');
const second = op('demo_second');
const stray = op('demo_stray');
const api = defineApi({ product: 'demo', title: 'Demo', version: '1', basePath: '/api', errorModel: sampleErrorModel, operations: [first, second] });
const handler = () => ({ ok: true });
const serve = (implementations: ReturnType<typeof implement>[]) =>
  createOperationServer({ api, implementations, authenticate: async () => null, makeContext: () => ({}) } as never);

describe('createOperationServer checks its handlers', () => {
  it('starts with exactly one handler per operation', () => {
    expect(serve([implement(first, handler), implement(second, handler)]).find('demo_second')?.contract).toBe(second);
  });

  it('names an operation without a handler, a handler outside the list, and an operation handled twice', () => {
    expect(() => serve([implement(first, handler)])).toThrow('demo: operations without an implementation: demo_second');
    expect(() => serve([implement(first, handler), implement(second, handler), implement(stray, handler)])).toThrow('demo: implementations not in the operation list: demo_stray');
    expect(() => serve([implement(first, handler), implement(second, handler), implement(first, handler)])).toThrow('demo: operations implemented more than once: demo_first');
  });
});
