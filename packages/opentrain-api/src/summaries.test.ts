/** Every OpenTrain summariser, fed hostile user text: what a model reads keeps it inside the data fence. */
import { hostileSummaryLeaks } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { opentrainApi } from './index';

describe('OpenTrain summaries mark user text as data', () => {
  it(`fences hostile text in all ${opentrainApi.operations.length} summarisers`, () => {
    expect(hostileSummaryLeaks(opentrainApi.operations)).toEqual([]);
  });
});
