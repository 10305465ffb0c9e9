/** Which words pick full-text candidates in a large library (no database: the choice is pure). */
import { describe, expect, it } from 'vitest';
import { candidateQuery, RANKING_BUDGET } from './search';

describe('full-text candidates', () => {
  it('uses every word while together they stay within the ranking budget (any small library)', () => {
    const counts = new Map([
      ['lockout', 40],
      ['conveyor', 300],
      ['check', RANKING_BUDGET - 340],
    ]);
    expect(candidateQuery(['check', 'conveyor', 'lockout'], counts)).toBe("'lockout' | 'conveyor' | 'check'");
  });

  it('leaves out a word too common to rank all its chunks, rarest words first', () => {
    const counts = new Map([
      ['work', 15_000],
      ['night', 0],
      ['alone', 300],
    ]);
    expect(candidateQuery(['work', 'night', 'alone'], counts)).toBe("'night' | 'alone'");
  });

  it('takes chunks with every common word when the rare words are expected nowhere', () => {
    const counts = new Map([
      ['work', 15_000],
      ['safe', 9_000],
      ['zzq', 0],
    ]);
    expect(candidateQuery(['work', 'safe', 'zzq'], counts)).toBe("'zzq' | ('safe' & 'work')");
    expect(candidateQuery(['work'], counts)).toBe("('work')");
  });
});
