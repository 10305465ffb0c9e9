/**
 * OrderedStdioTransport over in-memory streams: requests read before EOF are all answered before
 * close; barrier tools run alone and in order; other requests stay concurrent; cancellations skip
 * the queue.
 */
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { OrderedStdioTransport } from './stdio-transport';

function setup(barrierTools: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const written: JSONRPCMessage[] = [];
  let buffer = '';
  stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
      written.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
  });
  let closed = false;
  const transport = new OrderedStdioTransport({ stdin, stdout, barrierTools, onClosed: () => (closed = true) });
  const delivered: JSONRPCMessage[] = [];
  transport.onmessage = (m) => delivered.push(m);
  const send = (...messages: object[]) => stdin.write(messages.map((m) => `${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`).join(''));
  const answer = (id: number) => transport.send({ jsonrpc: '2.0', id, result: {} });
  const tick = () => new Promise((r) => setImmediate(r));
  return { stdin, transport, delivered, written, send, answer, tick, isClosed: () => closed };
}

const callTool = (id: number, name: string) => ({ id, method: 'tools/call', params: { name, arguments: {} } });
const ids = (messages: JSONRPCMessage[]) => messages.map((m) => ('id' in m ? m.id : 'method' in m ? m.method : undefined));

describe('OrderedStdioTransport', () => {
  it('answers every request read before EOF, then closes', async () => {
    const t = setup();
    await t.transport.start();
    t.send({ id: 1, method: 'ping' }, { id: 2, method: 'ping' });
    t.stdin.end();
    await t.tick();
    expect(ids(t.delivered)).toEqual([1, 2]);
    expect(t.isClosed()).toBe(false);
    await t.answer(2);
    await t.tick();
    expect(t.isClosed()).toBe(false);
    await t.answer(1);
    await t.tick();
    expect(t.isClosed()).toBe(true);
    expect(ids(t.written)).toEqual([2, 1]);
  });

  it('closes at once on EOF when nothing is pending', async () => {
    const t = setup();
    await t.transport.start();
    t.stdin.end();
    await t.tick();
    await t.tick();
    expect(t.isClosed()).toBe(true);
  });

  it('runs a barrier tool after earlier requests and holds later ones until it is answered', async () => {
    const t = setup(['register']);
    await t.transport.start();
    t.send(callTool(1, 'read'), callTool(2, 'register'), callTool(3, 'read'), callTool(4, 'read'));
    await t.tick();
    expect(ids(t.delivered)).toEqual([1]);
    await t.answer(1);
    await t.tick();
    expect(ids(t.delivered)).toEqual([1, 2]);
    await t.answer(2);
    await t.tick();
    // Non-barrier requests after it run concurrently again.
    expect(ids(t.delivered)).toEqual([1, 2, 3, 4]);
  });

  it('lets a cancellation through at once and drops a cancelled request still queued', async () => {
    const t = setup(['register']);
    await t.transport.start();
    t.send(callTool(1, 'register'), callTool(2, 'read'), { method: 'notifications/cancelled', params: { requestId: 2 } });
    await t.tick();
    expect(ids(t.delivered)).toEqual([1]);
    t.send({ method: 'notifications/cancelled', params: { requestId: 1 } });
    await t.tick();
    expect(ids(t.delivered)).toEqual([1, 'notifications/cancelled']);
    t.stdin.end();
    await t.tick();
    await t.tick();
    expect(t.isClosed()).toBe(true);
  });
});
