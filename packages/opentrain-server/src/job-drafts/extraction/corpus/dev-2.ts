import type { CorpusCase } from './types';

/** Second development set (issue 17): varied postings written for tuning. */
export const developmentCases2: CorpusCase[] = [];
