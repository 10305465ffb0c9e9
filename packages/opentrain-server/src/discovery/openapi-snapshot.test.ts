/** The OpenTrain OpenAPI document, committed: any contract change shows up in review. */
import { jsonSnapshot } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { opentrainOpenApi } from './routes';

describe('OpenTrain OpenAPI snapshot', () => {
  it('matches the committed document', async () => {
    await expect(jsonSnapshot(opentrainOpenApi('https://opentrain.example'))).toMatchFileSnapshot('./__snapshots__/openapi.json');
  });
});
