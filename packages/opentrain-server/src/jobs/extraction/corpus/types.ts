import type { NormalizedJobFields } from '../types';

/**
 * One corpus posting and what a careful human reader would fill in.
 *
 * Scoring rule (corpus.test.ts): every scored field is checked on every case. A field that is not
 * listed in `expected` must be absent from the extraction (so false positives cost accuracy too);
 * the exception is `jobTitle`, which is scored only when listed (a title is always synthesized).
 */
export interface CorpusCase {
  id: string;
  /** Title passed separately (the MCP tool's `title` argument), when the caller had one. */
  title?: string;
  text: string;
  expected: Omit<NormalizedJobFields, 'jobDescription'>;
  /** Why an expectation is what it is, when a reader could reasonably disagree. */
  note?: string;
}
