import { developmentCases2 } from './dev-2';
import { developmentCases3 } from './dev-3';
import { developmentCases4 } from './dev-4';
import { developmentCases5 } from './dev-5';
import { englishCases } from './english';
import { holdoutCases } from './holdout';
import { blindHoldoutCases } from './holdout-2';
import { untunedCases } from './holdout-untuned';
import { informalCases } from './informal';
import { internationalCases } from './international';
import type { CorpusCase } from './types';

export type { CorpusCase } from './types';

/** Postings the cue lists were developed against. */
export const developmentCases: CorpusCase[] = [...englishCases, ...informalCases, ...internationalCases];

/** Written after the extractor; scored untouched first (88.2%), then used to fix generic gaps. */
export { holdoutCases };

/** Written after those fixes and scored once (88.1%); later used for tuning in issue 17. */
export { untunedCases };

/** Second development set (issue 17): written for tuning, alongside the files above. */
export { developmentCases2 };

/** Third batch (issue 17): scored once after the dev-2 tuning as a generalisation check, then tuned. */
export { developmentCases3 };

/** Fourth batch (issue 17): a second generalisation check (scored once before fixes), then tuned. */
export { developmentCases4 };

/** Fifth batch (issue 17): the last generalisation check (scored once before fixes), then tuned. */
export { developmentCases5 };

/**
 * Blind held-out set (issue 17): written and committed before tuning, never tuned against.
 * Only its aggregate score is ever printed.
 */
export { blindHoldoutCases };

/** Every posting the tuning loop may look at, miss by miss. */
export const tuningCorpus: CorpusCase[] = [...developmentCases, ...holdoutCases, ...untunedCases, ...developmentCases2, ...developmentCases3, ...developmentCases4, ...developmentCases5];

/** Every posting (moderation runs over all of them). */
export const corpus: CorpusCase[] = [...tuningCorpus, ...blindHoldoutCases];

export const corpusSubsets: Record<string, CorpusCase[]> = {
  development: developmentCases,
  holdout: holdoutCases,
  untuned: untunedCases,
  'dev-2': developmentCases2,
  'dev-3': developmentCases3,
  'dev-4': developmentCases4,
  'dev-5': developmentCases5,
};
