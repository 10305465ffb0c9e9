import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { b64, docxBytes, pdfBytes, waitForKnowledge } from './testing';

let h: TrainArHarness;
let t: TenantFixture;
let writer: string;
let reader: string;

beforeAll(async () => {
  h = await startHarness({ settings: { knowledge: { maxFileBytes: 200_000 } } });
  t = await h.createTenant('Knowledge Co');
  writer = (await h.createKey(t.tenantId, ['write:knowledge'])).key;
  reader = (await h.createKey(t.tenantId, ['read:knowledge'])).key;
});
afterAll(() => h?.close());

const upload = (body: Record<string, unknown>) => h.call('POST', '/v1/api-tenant-knowledge', { key: writer, body });

describe('knowledge over REST', () => {
  it('processes txt, md, csv, html, pdf and docx to ready with chunks, and finds each by search', async () => {
    const item = await upload({ name: 'Plant manual', description: 'Everything about line 3', content: '# Conveyor\n\nThe tail drum scraper must be cleaned every shift.' });
    expect(item.status).toBe(201);
    expect(item.body).toMatchObject({ name: 'Plant manual', file_count: 1, files: [{ filename: 'Plant manual.md', mime_type: 'text/markdown' }] });
    // Queued, unless the worker has already picked it up.
    expect(['queued', 'processing', 'embedding', 'ready']).toContain(item.body.status);
    const id = item.body.id;
    const files = [
      { filename: 'torque.csv', content: 'bolt,torque\nM12 flange bolt,85 Nm\nM16 base bolt,210 Nm' },
      { filename: 'boiler.html', content: '<html><body><h1>Boiler</h1><p>Purge the <b>flue</b> for five minutes before relighting.</p><script>x()</script></body></html>' },
      { filename: 'chiller.pdf', file_base64: b64(await pdfBytes(['Chiller start-up', 'Open the condenser water valve before starting the compressor.'])) },
      { filename: 'forklift.docx', file_base64: b64(await docxBytes('Forklift checks', ['Check the mast chains for stretched links before every shift.'])) },
      { filename: 'notes.txt', content: 'Hydrant pressure is logged monthly by the facilities team.' },
    ];
    const bulk = await h.call('POST', '/v1/api-tenant-knowledge-files-bulk', { key: writer, body: { knowledge_id: id, files } });
    expect(bulk.status).toBe(201);
    expect(bulk.body.files.map((f: { mime_type: string }) => f.mime_type)).toEqual(['text/csv', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain']);
    const done = await waitForKnowledge(h, t.tenantId, id);
    expect(done.files.map((f) => [f.filename, f.status, f.error]).sort()).toEqual([
      ['Plant manual.md', 'ready', null],
      ['boiler.html', 'ready', null],
      ['chiller.pdf', 'ready', null],
      ['forklift.docx', 'ready', null],
      ['notes.txt', 'ready', null],
      ['torque.csv', 'ready', null],
    ]);
    expect(done.status).toBe('ready');
    expect(done.chunk_count).toBeGreaterThanOrEqual(6);
    for (const [query, expected] of [
      ['torque for the M16 base bolt', '210 Nm'],
      ['how long to purge the flue', 'five minutes'],
      ['condenser water valve', 'Open the condenser water valve'],
      ['mast chains', 'stretched links'],
    ]) {
      const res = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query, limit: 3 } });
      expect(res.status, query).toBe(200);
      expect(res.body.results[0].text, query).toContain(expected);
      expect(res.body.results[0]).toMatchObject({ document_name: 'Plant manual', knowledge_id: id });
      expect(res.body.results[0].score).toBeGreaterThan(0);
    }
    const html = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'boiler purge' } });
    expect(html.body.results[0].text).not.toContain('<b>');
    expect(html.body.results[0].text).not.toContain('x()');
  });

  it('filters search and lists by collection; deleting a collection leaves its documents uncategorised', async () => {
    const col = await h.call('POST', '/v1/api-tenant-knowledge-collections', { key: writer, body: { name: 'COSHH sheets', description: 'Safety data' } });
    expect(col.status).toBe(201);
    const dup = await h.call('POST', '/v1/api-tenant-knowledge-collections', { key: writer, body: { name: 'COSHH sheets' } });
    expect(dup.status).toBe(409);
    const inCol = await upload({ name: 'Bleach SDS', collection_id: col.body.id, content: 'Sodium hypochlorite: wear nitrile gloves and goggles.' });
    const outside = await upload({ name: 'Bleach note', content: 'Sodium hypochlorite tanks are refilled on Fridays.' });
    await waitForKnowledge(h, t.tenantId, inCol.body.id);
    await waitForKnowledge(h, t.tenantId, outside.body.id);
    const filtered = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'sodium hypochlorite', collection_id: col.body.id } });
    expect(filtered.body.results.map((r: { document_name: string }) => r.document_name)).toEqual(['Bleach SDS']);
    const all = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'sodium hypochlorite' } });
    expect(
      all.body.results
        .slice(0, 2)
        .map((r: { document_name: string }) => r.document_name)
        .sort(),
    ).toEqual(['Bleach SDS', 'Bleach note']);
    const listed = await h.call('GET', '/v1/api-tenant-knowledge', { key: reader, query: { collection_id: col.body.id } });
    expect(listed.body).toMatchObject({ total: 1, knowledge: [{ name: 'Bleach SDS', status: 'ready', file_count: 1 }] });
    const got = await h.call('GET', '/v1/api-tenant-knowledge-collections', { key: reader, query: { collection_id: col.body.id } });
    expect(got.body).toMatchObject({ name: 'COSHH sheets', item_count: 1 });
    const renamed = await h.call('PATCH', '/v1/api-tenant-knowledge-collections', { key: writer, query: { collection_id: col.body.id }, body: { name: 'COSHH', description: null } });
    expect(renamed.body).toMatchObject({ name: 'COSHH', description: null });
    const deleted = await h.call('DELETE', '/v1/api-tenant-knowledge-collections', { key: writer, query: { collection_id: col.body.id } });
    expect(deleted.status).toBe(200);
    const after = await h.call('GET', '/v1/api-tenant-knowledge', { key: reader, query: { knowledge_id: inCol.body.id } });
    expect(after.body).toMatchObject({ name: 'Bleach SDS', collection_id: null, status: 'ready' });
    const gone = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'sodium', collection_id: col.body.id } });
    expect(gone.status).toBe(404);
  });

  it('deletes an item with its chunks and vectors; search no longer returns it', async () => {
    const item = await upload({ name: 'Obsolete', content: 'The zeppelin winch uses a quokka brake.' });
    await waitForKnowledge(h, t.tenantId, item.body.id);
    const before = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'zeppelin quokka' } });
    expect(before.body.results[0].document_name).toBe('Obsolete');
    const del = await h.call('DELETE', '/v1/api-tenant-knowledge', { key: writer, query: { knowledge_id: item.body.id } });
    expect(del.body).toMatchObject({ name: 'Obsolete', chunk_count: 1 });
    const chunks = await h.database.db.selectFrom('knowledge_chunks').select('id').where('knowledge_id', '=', item.body.id).execute();
    expect(chunks).toEqual([]);
    const after = await h.call('GET', '/v1/api-tenant-knowledge-search', { key: reader, query: { query: 'zeppelin quokka' } });
    expect(after.body.results.map((r: { document_name: string }) => r.document_name)).not.toContain('Obsolete');
    expect((await h.call('GET', '/v1/api-tenant-knowledge', { key: reader, query: { knowledge_id: item.body.id } })).status).toBe(404);
  });

  it('holds files with auto_process false until process_knowledge; re-processing replaces chunks; metadata merges', async () => {
    const item = await upload({ name: 'Held', content: 'Grease the pivot pins weekly.', auto_process: false });
    expect(item.body).toMatchObject({ status: 'pending', files: [{ status: 'pending' }] });
    const processed = await h.call('POST', '/v1/api-tenant-knowledge-process', { key: writer, body: { knowledge_id: item.body.id } });
    expect(['queued', 'processing', 'embedding', 'ready']).toContain(processed.body.status);
    const ready = await waitForKnowledge(h, t.tenantId, item.body.id);
    expect(ready.chunk_count).toBe(1);
    const fileId = ready.files[0].id;
    const patched = await h.call('PATCH', '/v1/api-tenant-knowledge-files', { key: writer, query: { file_id: fileId }, body: { filename: 'pins.md', metadata: { revision: 'C', owner: 'ops' } } });
    expect(patched.body).toMatchObject({ filename: 'pins.md', metadata: { revision: 'C', owner: 'ops' } });
    const removed = await h.call('PATCH', '/v1/api-tenant-knowledge-files', { key: writer, query: { file_id: fileId }, body: { metadata: { owner: null } } });
    expect(removed.body.metadata).toEqual({ revision: 'C' });
    await h.call('POST', '/v1/api-tenant-knowledge-process', { key: writer, body: { knowledge_id: item.body.id } });
    const again = await waitForKnowledge(h, t.tenantId, item.body.id);
    expect(again.chunk_count).toBe(1);
    const rows = await h.database.db.selectFrom('knowledge_chunks').select('id').where('knowledge_id', '=', item.body.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses bad uploads with errors naming the field and the limit', async () => {
    const big = await upload({ name: 'Huge', content: 'x'.repeat(200_001) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', details: { field: 'content', limit_bytes: 200_000 } });
    expect(big.body.message).toContain('the limit is 0.2 MB per file');
    const two = await upload({ name: 'Two', content: 'a', file_base64: 'YQ==', filename: 'a.txt' });
    expect(two.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'file_base64' } });
    const exe = await upload({ name: 'Exe', file_base64: 'TVo=', filename: 'setup.exe' });
    expect(exe.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'filename' } });
    expect(exe.body.message).toContain('pdf');
    const badB64 = await upload({ name: 'Bad', file_base64: '@@@', filename: 'a.pdf' });
    expect(badB64.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'file_base64' } });
    const privateUrl = await upload({ name: 'Url', url: 'https://127.0.0.1/secret.txt', filename: 'secret.txt' });
    expect(privateUrl.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'url' } });
    const bulkBad = await h.call('POST', '/v1/api-tenant-knowledge-files-bulk', {
      key: writer,
      body: {
        knowledge_id: (await upload({ name: 'B' })).body.id,
        files: [
          { filename: 'ok.txt', content: 'fine' },
          { filename: 'x.bin', content: 'no' },
        ],
      },
    });
    expect(bulkBad.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'files.1.filename' } });
    const nothingStored = await h.database.db.selectFrom('knowledge_files').select('id').where('filename', '=', 'ok.txt').execute();
    expect(nothingStored).toEqual([]);
  });

  it('fails a file with the reason when it has no text (a scanned PDF)', async () => {
    const emptyPdf = b64(await pdfBytes([]));
    const item = await upload({ name: 'Scan', file_base64: emptyPdf, filename: 'scan.pdf' });
    const done = await waitForKnowledge(h, t.tenantId, item.body.id);
    expect(done.status).toBe('failed');
    expect(done.files[0].error).toContain('no text layer');
  });
});
