/** The 14 Knowledge tools over hosted MCP, with both client generations: a worker's whole journey. */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { b64, KNOWLEDGE_TOOLS, pdfBytes, waitForKnowledge } from './testing';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Knowledge');
});
afterAll(() => h?.close());

// biome-ignore lint/suspicious/noExplicitAny: tool results are arbitrary JSON.
type Structured = Record<string, any>;

for (const generation of CLIENT_GENERATIONS) {
  describe(`Knowledge tools over hosted MCP, ${generation} client`, () => {
    it('runs all 14 tools: collections, upload, bulk, process, search, update, delete', async () => {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, ['write:knowledge'])).key}` });
      const call = async (name: string, args: Record<string, unknown>) => {
        const res = await client.callTool(name, args);
        expect(res.isError, `${name}: ${JSON.stringify(res.content)}`).toBeFalsy();
        return res as { structuredContent: Structured; content: Array<{ text: string }> };
      };
      try {
        expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([...KNOWLEDGE_TOOLS].sort());
        const col = (await call('create_knowledge_collection', { name: `Pumps ${generation}`, description: 'Pump manuals' })).structuredContent;
        expect((await call('update_knowledge_collection', { collection_id: col.id, description: 'All pump manuals' })).structuredContent.description).toBe('All pump manuals');
        const item = (await call('upload_knowledge', { name: `Pump manual ${generation}`, collection_id: col.id, content: '# Priming\n\nOpen the casing vent and fill until water runs free of air.' })).structuredContent;
        const pdf = b64(await pdfBytes(['Seal replacement', 'Replace the mechanical seal when drips exceed ten per minute.']));
        const file = (await call('upload_knowledge_file', { knowledge_id: item.id, filename: 'seal.pdf', mime_type: 'application/pdf', file_base64: pdf })).structuredContent;
        // The worker may already have picked it up: any pipeline status but pending/failed.
        expect(file.filename).toBe('seal.pdf');
        expect(['queued', 'processing', 'embedding', 'ready']).toContain(file.status);
        const bulk = (
          await call('bulk_upload_knowledge_files', {
            knowledge_id: item.id,
            files: [
              { filename: 'a.txt', content: 'Impeller clearance is 0.4 mm.' },
              { filename: 'b.md', content: 'Suction strainer: clean weekly.' },
            ],
          })
        ).structuredContent;
        expect(bulk.files).toHaveLength(2);
        await waitForKnowledge(h, t.tenantId, item.id);
        const got = (await call('get_knowledge', { knowledge_id: item.id })).structuredContent;
        expect(got).toMatchObject({ status: 'ready', file_count: 4 });
        const search = await call('search_knowledge', { query: 'the seal keeps dripping', collection_id: col.id, limit: 2 });
        expect(search.structuredContent.results[0]).toMatchObject({ document_name: `Pump manual ${generation}`, filename: 'seal.pdf' });
        expect(search.content[0].text).toContain('mechanical seal');
        const listed = (await call('list_knowledge', { collection_id: col.id, status: 'ready' })).structuredContent;
        expect(listed.knowledge.map((k: Structured) => k.id)).toEqual([item.id]);
        expect((await call('list_knowledge_collections', {})).structuredContent.collections.map((c: Structured) => c.id)).toContain(col.id);
        expect((await call('get_knowledge_collection', { collection_id: col.id })).structuredContent.item_count).toBe(1);
        expect((await call('update_knowledge_file', { file_id: file.id, metadata: { revision: 'B' } })).structuredContent.metadata).toEqual({ revision: 'B' });
        expect(['queued', 'processing', 'embedding', 'ready']).toContain((await call('process_knowledge', { knowledge_id: item.id })).structuredContent.status);
        await waitForKnowledge(h, t.tenantId, item.id);
        expect((await call('delete_knowledge_collection', { collection_id: col.id })).structuredContent.name).toBe(`Pumps ${generation}`);
        expect((await call('delete_knowledge', { knowledge_id: item.id })).structuredContent.file_count).toBe(4);
        const gone = toolError(await client.callTool('get_knowledge', { knowledge_id: item.id }));
        expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
        expect(gone.text).toContain('list_knowledge');
      } finally {
        await client.close();
      }
    });

    it('a read:knowledge key searches but cannot upload (permission error naming write:knowledge)', async () => {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, ['read:knowledge'])).key}` });
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['get_knowledge', 'get_knowledge_collection', 'list_knowledge', 'list_knowledge_collections', 'search_knowledge']);
        const denied = toolError(await client.callTool('upload_knowledge', { name: 'x', content: 'y' }));
        expect(denied).toMatchObject({ status: 403, details: { requiredScopes: ['write:knowledge'] } });
        const bad = toolError(await client.callTool('search_knowledge', { query: '' }));
        expect(bad).toMatchObject({ status: 400, details: { field: 'query' } });
      } finally {
        await client.close();
      }
    });
  });
}
