/**
 * The bundle answers `tools/list` from a listing generated at build time (docs/mcp.md, "Cold
 * start"). It must equal what the contracts give at run time, under every listing option, so the
 * build artefact can never drift from the contracts; and a tool call still loads the contracts.
 */
import { toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listToolsInProcess } from '../src/listing';
import { buildBundle, connectStdio, freshConfigHome, serverEnv, type SpawnedClient } from './helpers';

let bundle: string;
const open: SpawnedClient[] = [];

beforeAll(() => {
  bundle = buildBundle();
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

async function bundledTools(args: string[], env: Record<string, string> = {}) {
  const spawned = await connectStdio(bundle, serverEnv(freshConfigHome(), { OPENTRAIN_API_BASE_URL: 'http://127.0.0.1:9', ...env }), { args });
  open.push(spawned);
  return { spawned, tools: (await spawned.client.listTools()).tools };
}

describe('prebuilt tools/list', () => {
  const cases: Array<{ label: string; argv: string[]; env?: Record<string, string> }> = [
    { label: 'default', argv: [] },
    { label: '--output-schemas', argv: ['--output-schemas'] },
    { label: 'OPENTRAIN_MCP_OUTPUT_SCHEMAS=1', argv: [], env: { OPENTRAIN_MCP_OUTPUT_SCHEMAS: '1' } },
    { label: '--read-only --output-schemas', argv: ['--read-only', '--output-schemas'] },
    { label: '--toolsets auth,jobs --exclude-tools opentrain_close_job', argv: ['--toolsets', 'auth,jobs', '--exclude-tools', 'opentrain_close_job'] },
    { label: 'OPENTRAIN_TOOLS=opentrain_claim_status,opentrain_get_team', argv: [], env: { OPENTRAIN_TOOLS: 'opentrain_claim_status,opentrain_get_team' } },
  ];
  for (const { label, argv, env } of cases) {
    it(`equals the listing computed from the contracts (${label})`, async () => {
      const expected = await listToolsInProcess(argv, env ?? {});
      const { tools } = await bundledTools(argv, env);
      expect(tools.length).toBeGreaterThan(0);
      expect(tools).toEqual(expected);
    });
  }

  it('loads the contracts on the first call: a bad argument is the usual 400 naming the field', async () => {
    const { spawned } = await bundledTools(['--output-schemas']);
    const result = await spawned.client.callTool({ name: 'opentrain_claim_account', arguments: { email: 'not-an-email' } });
    expect(toolError(result)).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'email' } });
    const op = await spawned.client.callTool({ name: 'opentrain_get_contract', arguments: {} });
    expect(toolError(op)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
