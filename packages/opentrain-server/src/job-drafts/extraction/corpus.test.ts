import { describe, expect, it } from 'vitest';
import { blindHoldoutCases, corpus, corpusSubsets, tuningCorpus } from './corpus';
import type { CorpusCase } from './corpus';
import { type CorpusScore, scoreCase, summarise } from './corpus/score';
import { extractJobDraft } from './extract';

const ACCURACY_FLOOR = 0.9;
/** Wrong values (not asks) allowed over the tuning corpus. */
const WRONG_RATE_CEILING = 0.03;

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const scoreOf = (cases: CorpusCase[]) =>
  summarise(cases.flatMap((c) => scoreCase(c, extractJobDraft({ text: c.text, title: c.title }).normalizedFields)));
const headline = (s: CorpusScore) =>
  `${pct(s.accuracy)} all checks, ${pct(s.presentAccuracy)} stated fields, ${pct(s.wrongRate)} wrong values, ${pct(s.missingRate)} left to ask`;

describe('extraction corpus', () => {
  const score = scoreOf(tuningCorpus);
  const checks = score.checks;

  it('has at least 40 varied postings with unique ids', () => {
    expect(tuningCorpus.length).toBeGreaterThanOrEqual(40);
    expect(blindHoldoutCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it(`scores at least ${ACCURACY_FLOOR * 100}% field-level accuracy on the tuning corpus`, () => {
    const lines = Object.entries(score.byField).map(
      ([field, { ok, total }]) => `  ${field.padEnd(17)} ${String(ok).padStart(3)}/${total}  ${pct(ok / total)}`,
    );
    const misses = checks
      .filter((c) => !c.ok)
      .map(
        (c) =>
          `  ${c.outcome === 'wrong' ? '✗' : '?'} ${c.caseId} ${c.field}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`,
      );
    const subsets = Object.entries(corpusSubsets).map(([name, cases]) => {
      const ids = new Set(cases.map((c) => c.id));
      const sub = summarise(checks.filter((c) => ids.has(c.caseId)));
      return `  ${name.padEnd(12)} ${String(cases.length).padStart(2)} postings  ${headline(sub)}`;
    });
    console.log(
      [
        `Extraction tuning corpus: ${tuningCorpus.length} postings, ${checks.length} field checks`,
        `  ${headline(score)}`,
        'By subset:',
        ...subsets,
        'By field:',
        ...lines,
        ...(misses.length ? ['Misses (✗ wrong value, ? left to ask):', ...misses] : []),
      ].join('\n'),
    );
    expect(score.accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    expect(score.presentAccuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    expect(score.wrongRate).toBeLessThanOrEqual(WRONG_RATE_CEILING);
  });
});
