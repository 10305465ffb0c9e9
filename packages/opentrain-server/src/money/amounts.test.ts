import { ApiError } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { amountForVolumeCents, chargeFor, marketplaceFeeCents, parseUsdCents, parseVolume, rateE4 } from './amounts';

describe('money arithmetic', () => {
  it('charges 10% rounded half up plus $9.95 on hire only', () => {
    expect(marketplaceFeeCents(50_000)).toBe(5_000);
    expect(marketplaceFeeCents(1_005)).toBe(101);
    expect(marketplaceFeeCents(1_004)).toBe(100);
    expect(marketplaceFeeCents(1)).toBe(0);
    expect(marketplaceFeeCents(5)).toBe(1);
    expect(chargeFor(50_000, { hire: true })).toEqual({
      milestoneCents: 50_000,
      marketplaceFeeCents: 5_000,
      initiationFeeCents: 995,
      totalCents: 55_995,
    });
    expect(chargeFor(12_345, { hire: false })).toEqual({
      milestoneCents: 12_345,
      marketplaceFeeCents: 1_235,
      initiationFeeCents: 0,
      totalCents: 13_580,
    });
  });

  it('parses dollars without floating point and refuses what it cannot represent', () => {
    expect(parseUsdCents(10.1, 'amount')).toBe(1_010);
    expect(parseUsdCents('0.07', 'amount')).toBe(7);
    expect(parseUsdCents(100_000, 'amount')).toBe(10_000_000);
    for (const bad of [0, -5, 10.005, 'ten', '', null, 100_000.01, Number.NaN]) {
      try {
        parseUsdCents(bad, 'milestone.amount');
        throw new Error(`accepted ${String(bad)}`);
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).details).toMatchObject({
          field: 'milestone.amount',
        });
      }
    }
  });

  it('multiplies sub-cent rates by volumes exactly', () => {
    expect(rateE4(0.035)).toBe(350);
    expect(rateE4('25')).toBe(250_000);
    expect(rateE4(0)).toBeNull();
    expect(amountForVolumeCents(350, 1_000)).toBe(3_500);
    expect(amountForVolumeCents(350, 3)).toBe(11); // 10.5 cents → 11
    expect(amountForVolumeCents(250_000, 12.5)).toBe(31_250);
    expect(parseVolume(12.5)).toBe(12.5);
    expect(() => parseVolume(0)).toThrow(ApiError);
  });
});
