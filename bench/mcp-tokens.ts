/**
 * Tool-list cost per product, in o200k tokens (what a host spends of the model's context before
 * any work starts): the default `tools/list` and with output schemas listed (the opt-in), against
 * the budgets the tests enforce (OpenTrain ≤ 8,000 in total, TrainAR ≤ 200 per tool on average).
 * OpenTrain is listed from the stdio server in-process (41 tools, onboarding included); TrainAR's
 * hosted list is what a key with every scope sees.
 *
 * Standalone: `npx tsx bench/mcp-tokens.ts`.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type Tool } from '@modelcontextprotocol/server';
import { buildStdioServerFactory } from '@platform/kit';
import { tokenReport } from '@platform/kit/testing';
import { trainarApi } from '@trainar/api';
import { serverOptions } from '../packages/opentrain-mcp/src/server';

async function opentrainTools(outputSchemas: boolean): Promise<Tool[]> {
  const env = { OPENTRAIN_API_BASE_URL: 'http://127.0.0.1:9', ...(outputSchemas ? { OPENTRAIN_MCP_OUTPUT_SCHEMAS: '1' } : {}) };
  const server = buildStdioServerFactory(serverOptions([], env))();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  await client.close();
  return tools as Tool[];
}

export async function mcpTokensBench() {
  const trainarOps = trainarApi.operations.filter((op) => !op.exclude?.includes('mcp'));
  const ot = tokenReport(await opentrainTools(false));
  const otFull = tokenReport(await opentrainTools(true));
  const ta = tokenReport(trainarOps);
  const taFull = tokenReport(trainarOps, { outputSchemas: true });
  return {
    name: 'tools/list tokens (o200k) per product: default vs output schemas listed',
    opentrainTools: ot.tools.length,
    opentrainTokens: ot.totalTokens,
    opentrainBytes: ot.totalBytes,
    opentrainBudget: 8000,
    opentrainWithOutputSchemasTokens: otFull.totalTokens,
    trainarTools: ta.tools.length,
    trainarTokens: ta.totalTokens,
    trainarTokensPerTool: ta.averageTokens,
    trainarBudgetPerTool: 200,
    trainarWithOutputSchemasTokens: taFull.totalTokens,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await mcpTokensBench();
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v}\n`);
}
