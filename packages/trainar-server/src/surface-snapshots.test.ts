/**
 * TrainAR's derived surfaces, committed: every hosted MCP tool (name, title, description,
 * annotations, input and output schemas) and the OpenAPI document, so a contract change shows up
 * in review; and the tool budget: at most 200 o200k tokens per tool on average in the default
 * `tools/list` (a key with every scope, no output schemas), now and as the catalogue grows.
 */
import { tokenReport, toolSnapshot, jsonSnapshot } from '@platform/kit/testing';
import { trainarApi } from '@trainar/api';
import { describe, expect, it } from 'vitest';
import { trainarOpenApi } from './openapi';

export const TRAINAR_AVERAGE_TOOL_BUDGET = 200;
const tools = trainarApi.operations.filter((op) => !op.exclude?.includes('mcp'));

describe('TrainAR surface snapshots and tool budget', () => {
  it(`keeps the default tools/list within ${TRAINAR_AVERAGE_TOOL_BUDGET} o200k tokens per tool on average`, () => {
    const report = tokenReport(tools);
    const heaviest = [...report.tools].sort((a, b) => b.tokens - a.tokens).slice(0, 5);
    expect(report.averageTokens, `total ${report.totalTokens} for ${tools.length} tools; heaviest: ${JSON.stringify(heaviest)}`).toBeLessThanOrEqual(TRAINAR_AVERAGE_TOOL_BUDGET);
  });

  it('matches the committed snapshot of every MCP tool', async () => {
    for (const op of tools) await expect(toolSnapshot(op)).toMatchFileSnapshot(`./__snapshots__/mcp-tools/${op.name}.json`);
  });

  it('matches the committed OpenAPI document', async () => {
    await expect(jsonSnapshot(trainarOpenApi('https://trainar.example'))).toMatchFileSnapshot('./__snapshots__/openapi.json');
  });
});
