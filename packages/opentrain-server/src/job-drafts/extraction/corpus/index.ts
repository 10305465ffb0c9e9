import { englishCases } from './english';
import { informalCases } from './informal';
import { internationalCases } from './international';
import type { CorpusCase } from './types';

export type { CorpusCase } from './types';

/** The acceptance corpus: every posting the accuracy test scores. */
export const corpus: CorpusCase[] = [...englishCases, ...informalCases, ...internationalCases];
