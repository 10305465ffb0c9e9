import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, validateBackoff } from './backoff';

const opts = { baseMs: 1000, maxMs: 30_000 };

describe('backoff', () => {
  it('doubles from baseMs per failed attempt and stops at maxMs', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 50, 5000].map((n) => backoffCeiling(n, { ...opts, jitter: 'none' }));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(3, { ...opts, jitter: 'none' })).toBe(4000);
  });

  it('full jitter spreads over [0, ceiling], equal jitter over [ceiling/2, ceiling]', () => {
    for (const attempt of [1, 2, 3, 8]) {
      const ceiling = backoffCeiling(attempt, { ...opts, jitter: 'none' });
      expect(backoffDelay(attempt, { ...opts, jitter: 'full' }, () => 0)).toBe(0);
      expect(backoffDelay(attempt, { ...opts, jitter: 'full' }, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      expect(backoffDelay(attempt, { ...opts, jitter: 'full' }, () => 0.999999)).toBeGreaterThan(ceiling * 0.99);
      expect(backoffDelay(attempt, { ...opts, jitter: 'equal' }, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, { ...opts, jitter: 'equal' }, () => 0.999999)).toBeLessThanOrEqual(ceiling);
    }
    const samples = Array.from({ length: 500 }, () => backoffDelay(4, { ...opts, jitter: 'equal' }));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(8000);
    expect(new Set(samples).size).toBeGreaterThan(100); // actually jittered
  });

  it('rejects nonsense options', () => {
    expect(() => validateBackoff({ baseMs: -1, maxMs: 10, jitter: 'full' })).toThrow(/baseMs/);
    expect(() => validateBackoff({ baseMs: 100, maxMs: 10, jitter: 'full' })).toThrow(/maxMs/);
    expect(() => validateBackoff({ baseMs: 1, maxMs: 10, jitter: 'half' as 'full' })).toThrow(/jitter/);
  });
});
