import { describe, expect, it } from 'vitest';
import { tokenReport, toolSnapshot } from '../../src/testing/index';
import { sampleApi } from './sample-api';

describe('tool snapshots', () => {
  for (const op of sampleApi.operations) {
    it(`${op.name} matches its committed MCP tool snapshot`, async () => {
      await expect(toolSnapshot(op)).toMatchFileSnapshot(`./__snapshots__/mcp/${op.name}.json`);
    });
  }

  it('keeps tools/list within its token budget', () => {
    const report = tokenReport(sampleApi.operations);
    expect(report.tools).toHaveLength(sampleApi.operations.length);
    expect(report.totalTokens).toBeLessThan(1500);
  });
});
