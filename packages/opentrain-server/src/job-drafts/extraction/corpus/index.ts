import { englishCases } from './english';
import { holdoutCases } from './holdout';
import { untunedCases } from './holdout-untuned';
import { informalCases } from './informal';
import { internationalCases } from './international';
import type { CorpusCase } from './types';

export type { CorpusCase } from './types';

/** Postings the cue lists were developed against. */
export const developmentCases: CorpusCase[] = [...englishCases, ...informalCases, ...internationalCases];

/** Written after the extractor; scored untouched first (88.2%), then used to fix generic gaps. */
export { holdoutCases };

/** Written after those fixes and never tuned against: the honest estimate for unseen postings. */
export { untunedCases };

/** The acceptance corpus: every posting the accuracy test scores. */
export const corpus: CorpusCase[] = [...developmentCases, ...holdoutCases, ...untunedCases];

export const corpusSubsets: Record<string, CorpusCase[]> = {
  development: developmentCases,
  holdout: holdoutCases,
  untuned: untunedCases,
};
