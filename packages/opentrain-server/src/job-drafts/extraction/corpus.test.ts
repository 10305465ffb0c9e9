import { describe, expect, it } from 'vitest';
import { corpus, corpusSubsets } from './corpus';
import { scoreCase, summarise } from './corpus/score';
import { extractJobDraft } from './extract';

const ACCURACY_FLOOR = 0.9;

describe('extraction corpus', () => {
  const checks = corpus.flatMap((c) => scoreCase(c, extractJobDraft({ text: c.text, title: c.title }).normalizedFields));
  const score = summarise(checks);

  it('has at least 40 varied postings with unique ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it(`scores at least ${ACCURACY_FLOOR * 100}% field-level accuracy`, () => {
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    const lines = Object.entries(score.byField).map(
      ([field, { ok, total }]) => `  ${field.padEnd(17)} ${String(ok).padStart(3)}/${total}  ${pct(ok / total)}`,
    );
    const misses = checks
      .filter((c) => !c.ok)
      .map((c) => `  ✗ ${c.caseId} ${c.field}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`);
    const subsets = Object.entries(corpusSubsets).map(([name, cases]) => {
      const ids = new Set(cases.map((c) => c.id));
      const sub = summarise(checks.filter((c) => ids.has(c.caseId)));
      return `  ${name.padEnd(12)} ${String(cases.length).padStart(2)} postings  ${pct(sub.accuracy)} all checks, ${pct(sub.presentAccuracy)} stated fields`;
    });
    console.log(
      [
        `Extraction corpus: ${corpus.length} postings, ${checks.length} field checks`,
        `  accuracy (all checks, absent fields included): ${pct(score.accuracy)}`,
        `  accuracy (fields the posting states):          ${pct(score.presentAccuracy)}`,
        'By subset (untuned = never tuned against, the estimate for unseen postings):',
        ...subsets,
        'By field:',
        ...lines,
        ...(misses.length ? ['Misses:', ...misses] : []),
      ].join('\n'),
    );
    expect(score.accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    expect(score.presentAccuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
  });
});
