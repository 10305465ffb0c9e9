import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { type EvalQuery, loadEvalSet, type Metrics, rankAll, score, slices } from './evaluation';
import type { SearchMode } from './search';

let h: TrainArHarness;
let t: TenantFixture;
const { docs, queries } = loadEvalSet();
/** knowledge item id → fixture document id */
const docOf = new Map<string, string>();

/** Uploads the whole labelled library into a new tenant and waits until every file is indexed. */
async function uploadLibrary(name: string): Promise<{ tenant: TenantFixture; names: Map<string, string> }> {
  const tenant = await h.createTenant(name);
  const names = new Map<string, string>();
  for (const d of docs) {
    const item = await h.services.knowledge.upload(tenant.tenantId, { name: d.title, content: `${d.title}\n\n${d.text}`, filename: `${d.id}.txt`, auto_process: true });
    names.set(item.id, d.id);
  }
  const worker = h.app.extra.worker as { wake(): void };
  const until = Date.now() + 120_000;
  for (;;) {
    const [{ n }] = await h.services.knowledge.db
      .selectFrom('knowledge_files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenant.tenantId)
      .where('status', '!=', 'ready')
      .execute();
    if (Number(n) === 0) break;
    if (Date.now() > until) throw new Error(`${n} files not ready`);
    worker.wake();
    await new Promise((r) => setTimeout(r, 100));
  }
  return { tenant, names };
}

beforeAll(async () => {
  h = await startHarness();
  const library = await uploadLibrary('Retrieval Eval');
  t = library.tenant;
  for (const [itemId, docId] of library.names) docOf.set(itemId, docId);
}, 180_000);
afterAll(() => h?.close());

const search = async (query: string, mode: SearchMode) => (await h.services.knowledge.search(t.tenantId, { query, limit: 10 }, mode)).map((hit) => docOf.get(hit.knowledge_id) as string);

describe('retrieval quality on the labelled set', () => {
  it('has at least 150 documents and 60 queries, a third of them paraphrases', () => {
    expect(docs.length).toBeGreaterThanOrEqual(150);
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(queries.filter((q) => q.type === 'paraphrase').length).toBeGreaterThanOrEqual(20);
    const ids = new Set(docs.map((d) => d.id));
    for (const q of queries) for (const r of q.relevant) expect(ids, q.id).toContain(r);
  });

  it('hybrid beats lexical-only, and finds paraphrased questions (recall@5 >= 0.8)', async () => {
    const lexical = await rankAll(queries, search, 'lexical');
    const hybrid = await rankAll(queries, search, 'hybrid');
    const table: Record<string, Record<string, string>> = {};
    const results: Record<string, { lexical: Metrics; hybrid: Metrics }> = {};
    for (const [name, subset] of Object.entries(slices(queries)) as Array<[string, EvalQuery[]]>) {
      results[name] = { lexical: score(lexical, subset), hybrid: score(hybrid, subset) };
      const f = (m: Metrics) => `R@5 ${m.recallAt5.toFixed(3)} MRR ${m.mrr.toFixed(3)}`;
      table[`${name} (${subset.length})`] = { lexical: f(results[name].lexical), hybrid: f(results[name].hybrid) };
    }
    console.table(table);
    const misses = queries.filter((q) => !(hybrid.get(q.id) ?? []).slice(0, 5).some((d) => q.relevant.includes(d)));
    if (misses.length) console.log('hybrid misses @5:', misses.map((q) => `${q.id} "${q.query}" → ${(hybrid.get(q.id) ?? []).slice(0, 3).join(',')}`).join('\n'));
    expect(results.all.hybrid.recallAt5).toBeGreaterThan(results.all.lexical.recallAt5);
    expect(results.all.hybrid.mrr).toBeGreaterThan(results.all.lexical.mrr);
    expect(results.paraphrase.hybrid.recallAt5).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('gives the same library and question the same order every time (ties are not broken by random ids)', async () => {
    // The same documents in a second tenant get new random item and chunk ids.
    const copy = await uploadLibrary('Retrieval Eval copy');
    const inCopy = async (query: string) =>
      (await h.services.knowledge.search(copy.tenant.tenantId, { query, limit: 10 }, 'hybrid')).map((hit) => copy.names.get(hit.knowledge_id) as string);
    for (const q of queries.slice(0, 20)) expect(await inCopy(q.query), q.id).toEqual(await search(q.query, 'hybrid'));
  }, 180_000);
});
