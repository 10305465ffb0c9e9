/**
 * @module Retrieval evaluation over the labelled set in fixtures/ (152 documents, 70 queries: keyword
 * queries and paraphrases that share few words with their answer). Queries whose number is a multiple
 * of 3 are the held-out check: they were not looked at while the lexicon was written or adjusted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchMode } from './search';

export interface EvalDoc {
  id: string;
  title: string;
  text: string;
}

export interface EvalQuery {
  id: string;
  type: 'keyword' | 'paraphrase';
  query: string;
  relevant: string[];
}

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const jsonl = <T>(file: string): T[] =>
  readFileSync(join(fixtures, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export function loadEvalSet(): { docs: EvalDoc[]; queries: EvalQuery[] } {
  const docs = ['retrieval-docs-1.jsonl', 'retrieval-docs-2.jsonl', 'retrieval-docs-3.jsonl'].flatMap((f) => jsonl<EvalDoc>(f));
  return { docs, queries: jsonl<EvalQuery>('retrieval-queries.jsonl') };
}

export const isHeldOut = (q: EvalQuery) => Number(q.id.slice(1)) % 3 === 0;

export interface Metrics {
  queries: number;
  recallAt5: number;
  mrr: number;
}

/** recall@5 (share of queries with a relevant document in the top 5) and MRR over the top 10. */
export function score(ranked: Map<string, string[]>, queries: EvalQuery[]): Metrics {
  let hits = 0;
  let rr = 0;
  for (const q of queries) {
    const docs = ranked.get(q.id) ?? [];
    const rank = docs.findIndex((d) => q.relevant.includes(d));
    if (rank >= 0 && rank < 5) hits++;
    if (rank >= 0 && rank < 10) rr += 1 / (rank + 1);
  }
  const n = queries.length || 1;
  return { queries: queries.length, recallAt5: hits / n, mrr: rr / n };
}

export type Slice = 'all' | 'keyword' | 'paraphrase' | 'held-out' | 'held-out paraphrase';

export function slices(queries: EvalQuery[]): Record<Slice, EvalQuery[]> {
  return {
    all: queries,
    keyword: queries.filter((q) => q.type === 'keyword'),
    paraphrase: queries.filter((q) => q.type === 'paraphrase'),
    'held-out': queries.filter(isHeldOut),
    'held-out paraphrase': queries.filter((q) => q.type === 'paraphrase' && isHeldOut(q)),
  };
}

/** Runs every query in `mode` and returns the document ids in rank order (a document once, at its best chunk). */
export async function rankAll(queries: EvalQuery[], search: (query: string, mode: SearchMode) => Promise<string[]>, mode: SearchMode): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const q of queries) out.set(q.id, [...new Set(await search(q.query, mode))]);
  return out;
}
