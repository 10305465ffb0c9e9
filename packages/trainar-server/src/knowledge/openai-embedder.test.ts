/**
 * The OpenAI-compatible embedder against a real local HTTP server speaking the embeddings API shape
 * (POST /v1/embeddings {model, input[]} → {object:"list", data:[{object:"embedding", index, embedding}]}),
 * end to end through upload, the pipeline and search.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TrainArHarness } from '../testing/index';
import { embedderFromEnv, OpenAiEmbedder } from './embedder';
import { waitForKnowledge } from './testing';

/** A toy model: letter frequencies, so similar words give similar vectors. */
const letters = (text: string) => Array.from({ length: 26 }, (_, i) => (text.toLowerCase().match(new RegExp(String.fromCharCode(97 + i), 'g')) ?? []).length);

let server: Server;
let base: string;
const requests: Array<{ auth?: string; model: string; inputs: number }> = [];
let failNext = false;

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => resolve(s));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const json = JSON.parse(await body(req)) as { model: string; input: string[] };
    if (req.url !== '/v1/embeddings' || req.method !== 'POST') return res.writeHead(404).end();
    requests.push({ auth: req.headers.authorization, model: json.model, inputs: json.input.length });
    if (failNext) {
      failNext = false;
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: 'model overloaded' } }));
      return;
    }
    // Reversed order: clients must place vectors by `index`, not by position.
    const data = json.input.map((text, index) => ({ object: 'embedding', index, embedding: letters(text) })).reverse();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: json.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OpenAI-compatible embedder', () => {
  let h: TrainArHarness;
  afterAll(() => h?.close());

  it('embeds uploads and queries through the server, with the key and model from the settings', async () => {
    const embedder = embedderFromEnv({ TRAINAR_EMBEDDINGS_URL: base, TRAINAR_EMBEDDINGS_MODEL: 'toy-embed', TRAINAR_EMBEDDINGS_API_KEY: 'sk-local' });
    expect(embedder).toBeInstanceOf(OpenAiEmbedder);
    h = await startHarness({ settings: { knowledge: { embedder } } });
    const t = await h.createTenant();
    const item = await h.services.knowledge.upload(t.tenantId, { name: 'Zebra', content: 'zzzz zebra zigzag', auto_process: true });
    const other = await h.services.knowledge.upload(t.tenantId, { name: 'Apple', content: 'aaaa apple banana', auto_process: true });
    await waitForKnowledge(h, t.tenantId, item.id);
    await waitForKnowledge(h, t.tenantId, other.id);
    const rows = await h.services.knowledge.db.selectFrom('knowledge_chunks').select('embedding_model').where('tenant_id', '=', t.tenantId).execute();
    expect(rows.map((r) => r.embedding_model)).toEqual(['openai:toy-embed', 'openai:toy-embed']);
    const hits = await h.services.knowledge.search(t.tenantId, { query: 'zzz' }, 'vector');
    expect(hits[0].document_name).toBe('Zebra');
    expect(requests.every((r) => r.auth === 'Bearer sk-local' && r.model === 'toy-embed')).toBe(true);
  });

  it('reports a server error with the status and the model', async () => {
    failNext = true;
    const embedder = new OpenAiEmbedder({ baseUrl: base, model: 'toy-embed' });
    await expect(embedder.embed(['x'])).rejects.toThrow(/HTTP 500 for model toy-embed.*model overloaded/);
    await expect(new OpenAiEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 }).embed(['x'])).rejects.toThrow(/unreachable.*TRAINAR_EMBEDDINGS_URL/);
  });
});
