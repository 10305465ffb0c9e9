/** Every TrainAR summariser, fed hostile user text: what a model reads keeps it inside the data fence. */
import { hostileSummaryLeaks } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { trainarApi } from './index';

describe('TrainAR summaries mark user text as data', () => {
  it(`fences hostile text in all ${trainarApi.operations.length} summarisers`, () => {
    expect(hostileSummaryLeaks(trainarApi.operations)).toEqual([]);
  });
});
