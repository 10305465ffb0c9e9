import { describe, expect, it } from 'vitest';
import { extractJobDraft } from '../extract';
import { scoreCase, summarise } from './score';
import type { CorpusCase } from './types';

const CASE: CorpusCase = {
  id: 'score-outcomes',
  text: 'unused',
  expected: { paymentType: 'PAY_PER_HOUR', pricePerHour: 20, currency: 'USD', dataType: 'IMAGE' },
};

describe('corpus scoring', () => {
  it('tells a wrong value from a field left to ask', () => {
    const checks = scoreCase(CASE, {
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 25, // wrong rate
      currency: 'USD',
      // dataType missing: an ask
      headcount: 3, // stated nowhere: a wrong value too
    });
    const outcome = (field: string) => checks.find((c) => c.field === field)?.outcome;
    expect(outcome('paymentType')).toBe('correct');
    expect(outcome('rate')).toBe('wrong');
    expect(outcome('dataType')).toBe('missing');
    expect(outcome('headcount')).toBe('wrong');
    expect(outcome('languages')).toBe('correct');
    const score = summarise(checks);
    expect(score.wrongRate).toBeCloseTo(2 / checks.length);
    expect(score.missingRate).toBeCloseTo(1 / checks.length);
    expect(score.accuracy).toBeCloseTo((checks.length - 3) / checks.length);
  });
});

describe('issue-17 extraction rules', () => {
  const fields = (text: string) => extractJobDraft({ text }).normalizedFields;

  it('scopes "preferred" to its own clause', () => {
    expect(fields('Rate chatbot answers. Expert level, PhD preferred. $40/hr.').experienceLevel).toBe('EXPERT');
    expect(fields('Rate chatbot answers. Preferred: 3 years of experience. $40/hr.').experienceLevel).toBeUndefined();
  });

  it('asks for the data type instead of guessing it from one ambiguous word', () => {
    const f = fields('Teleoperate a robot arm and keep the recording running. $22/hr.');
    expect(f.labelTypes).toEqual(['DATA_COLLECTION']);
    expect(f.dataType).toBeUndefined();
    expect(extractJobDraft({ text: 'Teleoperate a robot arm and keep the recording running. $22/hr.' }).missingFields.map((m) => m.field)).toContain('dataType');
  });

  it('reads a flag emoji as the required country and ignores where photos were taken', () => {
    expect(fields('Rank model answers from best to worst. $30 an hour. 🇺🇸 only').countries).toEqual(['United States']);
    expect(fields('Box elephants in 4,500 drone photos from a national park in Kenya. $0.30 per photo.').countries).toBeUndefined();
  });
});
