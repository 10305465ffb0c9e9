import { ConfigError } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { loadTrainArServiceConfig } from './config';

describe('TrainAR configuration', () => {
  it('reads TRAINAR_SECRET_KEY_PREVIOUS as a list and refuses a short key, naming the variable', () => {
    const key = (c: string) => c.repeat(32);
    expect(loadTrainArServiceConfig({ TRAINAR_SECRET_KEY: key('n'), TRAINAR_SECRET_KEY_PREVIOUS: `${key('o')}, ${key('p')}` }).TRAINAR_SECRET_KEY_PREVIOUS).toEqual([key('o'), key('p')]);
    expect(loadTrainArServiceConfig({}).TRAINAR_SECRET_KEY_PREVIOUS).toEqual([]);
    expect(() => loadTrainArServiceConfig({ TRAINAR_SECRET_KEY_PREVIOUS: 'short' })).toThrow(ConfigError);
    expect(() => loadTrainArServiceConfig({ TRAINAR_SECRET_KEY_PREVIOUS: 'short' })).toThrow(/TRAINAR_SECRET_KEY_PREVIOUS: every key must be at least 32 characters/);
  });
});
