/**
 * @module TrainAR's hosted MCP through the proxy: the whole catalogue over `/mcp` (every tool called
 * once, both SDK client generations, consecutive requests on different instances), and the legacy
 * `/sse` + `/messages` with sticky routing (several sessions of one key, each on the instance that
 * holds it). It also shows why the affinity is needed: a session's POST sent straight to another
 * instance is a 404 (unknown session), sent to its own instance a 202.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, connectMcpSse, toolError } from '@platform/kit/testing';
import { operations } from '@trainar/api';
import { ghostTarget, operationCases } from '../../../packages/trainar-server/src/testing/operation-cases';
import { check } from './support';

const tools = operations.filter((op) => !op.exclude?.includes('mcp'));

/** The MCP spelling of an input where the tool's schema renames a REST field (webhooks: webhook_id). */
function mcpInput(name: string, input: Record<string, unknown>): Record<string, unknown> {
  const op = operations.find((o) => o.name === name);
  if (!op?.mcpInput || !('endpoint_id' in input)) return input;
  const { endpoint_id, ...rest } = input;
  return { ...rest, webhook_id: endpoint_id };
}

export async function trainArCatalogueOverMcp(base: string, newKey: () => Promise<string>, generations = CLIENT_GENERATIONS): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const generation of generations) {
    const client = await connectMcpHttp(generation, `${base}/mcp`, { Authorization: `Bearer ${await newKey()}` });
    try {
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      check(JSON.stringify(listed) === JSON.stringify(tools.map((op) => op.name).sort()), `${generation}: tools/list is the registry`, listed.length);
      const unexpected: string[] = [];
      for (const op of tools) {
        const result = await client.callTool(op.name, mcpInput(op.name, operationCases[op.name].input(ghostTarget())));
        const outcome = result.isError ? String(toolError(result).status) : 'ok';
        if (!['ok', '404', '409'].includes(outcome)) unexpected.push(`${op.name}: ${outcome}`);
      }
      check(unexpected.length === 0, `${generation}: every tool reaches its handler`, unexpected);
      out[`mcpTools${generation}`] = tools.length;
    } finally {
      await client.close();
    }
  }
  return out;
}

export async function trainArSseWithAffinity(base: string, instances: string[], key: string, sessions: number): Promise<Record<string, unknown>> {
  // Several sessions of one key at once through the proxy: each stream and its POSTs meet in one process.
  const clients = await Promise.all(Array.from({ length: sessions }, (_, i) => connectMcpSse(CLIENT_GENERATIONS[i % 2], `${base}/sse`, { Authorization: `Bearer ${key}` })));
  try {
    for (const client of clients) {
      check((await client.listTools()).tools.length > 0, 'tools/list over /sse');
      for (let i = 0; i < 3; i++) {
        const users = await client.callTool('list_users', {});
        check(!users.isError, 'list_users over /sse', users.isError ? toolError(users).text : undefined);
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  // Without affinity: a session opened on instance 1, its message POSTed to instance 2.
  const abort = new AbortController();
  const stream = await fetch(`${instances[0]}/sse`, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${key}` }, signal: abort.signal });
  try {
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!/event: endpoint\ndata: (\S+)/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const endpoint = /event: endpoint\ndata: (\S+)/.exec(text)?.[1] as string;
    const sessionQuery = endpoint.slice(endpoint.indexOf('?'));
    const message = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const post = (origin: string) => fetch(`${origin}/messages${sessionQuery}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: message }).then((r) => r.status);
    const elsewhere = await post(instances[1]);
    const home = await post(instances[0]);
    check(elsewhere === 404 && home === 202, 'a session is known only to the instance that opened it', { elsewhere, home });
    return { sseSessions: sessions, messageOnOtherInstance: elsewhere, messageOnOwnInstance: home };
  } finally {
    abort.abort();
  }
}
