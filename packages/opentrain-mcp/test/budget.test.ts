/**
 * Tool budget and snapshots: what `tools/list` sends by default (41 tools, no output schemas)
 * stays within 8,000 o200k tokens, and every tool (with its output schema) is committed as a
 * snapshot so any schema or description change shows up in review. Listed in-process from the
 * contracts (src/listing.ts); prebuilt-listing.test.ts checks the bundle lists exactly the same.
 */
import { tokenReport, toolSnapshot } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { listToolsInProcess } from '../src/listing';
import { ALL_TOOL_NAMES } from '../src/server';

export const OPENTRAIN_TOOL_BUDGET = 8_000;

const listTools = (env: NodeJS.ProcessEnv) => listToolsInProcess([], env);

describe('OpenTrain tools/list budget', () => {
  it(`sends the 41 tools without output schemas in at most ${OPENTRAIN_TOOL_BUDGET} o200k tokens`, async () => {
    const tools = await listTools({});
    expect(tools).toHaveLength(41);
    expect(tools.filter((t) => t.outputSchema).map((t) => t.name)).toEqual([]);
    const report = tokenReport(tools);
    const heaviest = [...report.tools].sort((a, b) => b.tokens - a.tokens).slice(0, 5);
    expect(report.totalTokens, `heaviest: ${JSON.stringify(heaviest)}`).toBeLessThanOrEqual(OPENTRAIN_TOOL_BUDGET);
  });

  it('lists output schemas on request (OPENTRAIN_MCP_OUTPUT_SCHEMAS=1), each tool matching its snapshot', async () => {
    const tools = await listTools({ OPENTRAIN_MCP_OUTPUT_SCHEMAS: '1' });
    expect(tools.map((t) => t.name).sort()).toEqual([...ALL_TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      await expect(toolSnapshot(tool)).toMatchFileSnapshot(`./__snapshots__/tools/${tool.name}.json`);
    }
  });
});
