import { describe, expect, it } from 'vitest';
import { blindHoldoutCases, corpus, corpusSubsets, tuningCorpus } from './corpus';
import type { CorpusCase } from './corpus';
import { type CorpusScore, scoreCase, summarise } from './corpus/score';
import { extractJobDraft } from './extract';

const ACCURACY_FLOOR = 0.9;
/** Wrong values (not asks) allowed over the tuning corpus. */
const WRONG_RATE_CEILING = 0.03;
/** Regression floor for the tuning corpus as reached in issue 17 (99.7% when set). */
const TUNING_REGRESSION_FLOOR = 0.99;

/**
 * Regression floors for the blind held-out set (corpus/holdout-2.ts), set from its one scored run
 * after tuning (docs/job-extraction.md §7). Only aggregates are printed for this set: per-posting
 * misses stay unseen so that it keeps measuring unseen postings.
 */
const BLIND_ACCURACY_FLOOR = 683 / 708; // 96.5% of all checks
const BLIND_STATED_FLOOR = 420 / 445; // 94.4% of the fields the postings state
const BLIND_WRONG_RATE_CEILING = 5 / 708; // 0.7% wrong values

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const scoreOf = (cases: CorpusCase[]) => summarise(cases.flatMap((c) => scoreCase(c, extractJobDraft({ text: c.text, title: c.title }).normalizedFields)));
const headline = (s: CorpusScore) => `${pct(s.accuracy)} all checks, ${pct(s.presentAccuracy)} stated fields, ${pct(s.wrongRate)} wrong values, ${pct(s.missingRate)} left to ask`;

describe('extraction corpus', () => {
  const score = scoreOf(tuningCorpus);
  const checks = score.checks;

  it('has at least 40 varied postings with unique ids', () => {
    expect(tuningCorpus.length).toBeGreaterThanOrEqual(40);
    expect(blindHoldoutCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it(`scores at least ${ACCURACY_FLOOR * 100}% field-level accuracy on the tuning corpus`, () => {
    const lines = Object.entries(score.byField).map(([field, { ok, total }]) => `  ${field.padEnd(17)} ${String(ok).padStart(3)}/${total}  ${pct(ok / total)}`);
    const misses = checks.filter((c) => !c.ok).map((c) => `  ${c.outcome === 'wrong' ? '✗' : '?'} ${c.caseId} ${c.field}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`);
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
    expect(score.accuracy).toBeGreaterThanOrEqual(TUNING_REGRESSION_FLOOR);
  });

  it('keeps the blind held-out score at or above the recorded run', () => {
    const blind = scoreOf(blindHoldoutCases);
    console.log(`Blind held-out set (holdout-2.ts): ${blindHoldoutCases.length} postings, ${blind.checks.length} checks\n  ${headline(blind)}`);
    expect(blind.accuracy).toBeGreaterThanOrEqual(BLIND_ACCURACY_FLOOR);
    expect(blind.presentAccuracy).toBeGreaterThanOrEqual(BLIND_STATED_FLOOR);
    expect(blind.wrongRate).toBeLessThanOrEqual(BLIND_WRONG_RATE_CEILING);
  });
});
