/** Sandbox settings: on for the embedded quick start, off with DATABASE_URL; env and overrides win in that order. */
import { describe, expect, it } from 'vitest';
import { resolveTalentSettings } from './settings';

describe('resolveTalentSettings', () => {
  it('defaults the sandbox marketplace to the embedded quick start only', () => {
    expect(resolveTalentSettings({ embedded: true, settings: {} }, {})).toEqual({ sandboxMarketplace: true, applyMode: 'scheduled', applyDelaySeconds: 30, applicantsPerJob: 8, populationSize: 300 });
    expect(resolveTalentSettings({ embedded: false, settings: {} }, {}).sandboxMarketplace).toBe(false);
  });

  it('reads the environment, and overrides win over it', () => {
    const env = { SANDBOX_MARKETPLACE: 'on', SANDBOX_APPLY_DELAY_SECONDS: '5', SANDBOX_APPLICANTS_PER_JOB: '3', SANDBOX_POPULATION_SIZE: '50' };
    expect(resolveTalentSettings({ embedded: false, settings: {} }, env)).toMatchObject({ sandboxMarketplace: true, applyDelaySeconds: 5, applicantsPerJob: 3, populationSize: 50 });
    expect(resolveTalentSettings({ embedded: true, settings: {} }, { SANDBOX_MARKETPLACE: 'off' }).sandboxMarketplace).toBe(false);
    const overridden = resolveTalentSettings({ embedded: false, settings: { sandboxMarketplace: false, sandboxApplyMode: 'immediate', sandboxApplyDelaySeconds: 0, other: 1 } }, env);
    expect(overridden).toMatchObject({ sandboxMarketplace: false, applyMode: 'immediate', applyDelaySeconds: 0, applicantsPerJob: 3 });
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => resolveTalentSettings({ embedded: true, settings: {} }, { SANDBOX_MARKETPLACE: 'maybe' })).toThrow(/SANDBOX_MARKETPLACE/);
    expect(() => resolveTalentSettings({ embedded: true, settings: {} }, { SANDBOX_APPLY_DELAY_SECONDS: '-1' })).toThrow(/SANDBOX_APPLY_DELAY_SECONDS/);
    expect(() => resolveTalentSettings({ embedded: true, settings: { sandboxApplyMode: 'soon' } }, {})).toThrow();
  });
});
