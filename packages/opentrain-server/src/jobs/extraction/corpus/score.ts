/**
 * Field-level scoring of extraction results against the corpus (see CorpusCase for the rule:
 * unlisted fields must be absent; jobTitle is scored only when listed).
 */
import { fold } from '../text';
import type { NormalizedJobFields } from '../types';
import type { CorpusCase } from './types';

export const SCORED_FIELDS = [
  'paymentType',
  'rate',
  'currency',
  'budgetRange',
  'dataVolume',
  'dataVolumeUnit',
  'labelTypes',
  'dataType',
  'languages',
  'countries',
  'experienceLevel',
  'headcount',
  'labelingSoftware',
  'projectDuration',
  'timeRequirement',
  'subjectMatter',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number] | 'jobTitle';

/**
 * How one field came out. A wrong value (`wrong`: a value that differs from the expected one, or
 * any value where none was expected) is worse than `missing`: a missing required field turns into
 * an "ask:" question, a wrong one is published unless the human spots it.
 */
export type CheckOutcome = 'correct' | 'missing' | 'wrong';

export interface FieldCheck {
  caseId: string;
  field: ScoredField;
  expected: unknown;
  actual: unknown;
  ok: boolean;
  outcome: CheckOutcome;
}

type Fields = Omit<NormalizedJobFields, 'jobDescription'>;

/** The rate as "<key>=<value>" so that the wrong price key counts as wrong. */
function rateOf(f: Fields): string | undefined {
  for (const key of ['pricePerHour', 'pricePerLabel', 'fixedPrice'] as const) {
    if (f[key] !== undefined) return `${key}=${f[key]}`;
  }
  return undefined;
}

function fieldValue(f: Fields, field: ScoredField): unknown {
  return field === 'rate' ? rateOf(f) : f[field as keyof Fields];
}

const normTitle = (t: string) => fold(t).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function sameValue(field: ScoredField, expected: unknown, actual: unknown): boolean {
  if (expected === undefined || actual === undefined) return expected === actual;
  if (field === 'jobTitle') return normTitle(String(expected)) === normTitle(String(actual));
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((e) => actual.includes(e));
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (typeof expected === 'object' && typeof actual === 'object') {
    return JSON.stringify(expected) === JSON.stringify(actual);
  }
  return expected === actual;
}

export function scoreCase(c: CorpusCase, actual: NormalizedJobFields): FieldCheck[] {
  const fields: ScoredField[] = [...SCORED_FIELDS];
  if (c.expected.jobTitle !== undefined) fields.unshift('jobTitle');
  return fields.map((field) => {
    const expected = fieldValue(c.expected, field);
    const got = fieldValue(actual, field);
    const ok = sameValue(field, expected, got);
    const outcome: CheckOutcome = ok ? 'correct' : got === undefined ? 'missing' : 'wrong';
    return { caseId: c.id, field, expected, actual: got, ok, outcome };
  });
}

export interface CorpusScore {
  checks: FieldCheck[];
  accuracy: number;
  /** Accuracy over the checks whose expected value is present (recall-like). */
  presentAccuracy: number;
  /** Share of all checks holding a wrong value (see CheckOutcome); the rest of the misses are asks. */
  wrongRate: number;
  /** Share of all checks left empty although the posting states them. */
  missingRate: number;
  byField: Record<string, { ok: number; total: number }>;
}

export function summarise(checks: FieldCheck[]): CorpusScore {
  const byField: Record<string, { ok: number; total: number }> = {};
  for (const c of checks) {
    const entry = byField[c.field] ?? { ok: 0, total: 0 };
    entry.total++;
    if (c.ok) entry.ok++;
    byField[c.field] = entry;
  }
  const present = checks.filter((c) => c.expected !== undefined);
  return {
    checks,
    accuracy: checks.filter((c) => c.ok).length / checks.length,
    presentAccuracy: present.filter((c) => c.ok).length / present.length,
    wrongRate: checks.filter((c) => c.outcome === 'wrong').length / checks.length,
    missingRate: checks.filter((c) => c.outcome === 'missing').length / checks.length,
    byField,
  };
}
