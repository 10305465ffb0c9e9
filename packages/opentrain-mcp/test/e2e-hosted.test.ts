/**
 * Acceptance, end to end over OpenTrain's hosted `/mcp` (Streamable HTTP, `Bearer ot_pat_…`): the
 * same flow as over stdio (flow/hiring-flow.ts) with both SDK client generations; registration and
 * the claim go through the agent-auth endpoints (the onboarding tools are stdio-only), every other
 * tool is called over MCP. v1 asks for output schemas, so it checks every result, errors included.
 * The human uses the same form posts over HTTP (the chromium variant runs in e2e.test.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { hostedAgent } from './flow/agents';
import { hiringFlow } from './flow/hiring-flow';
import { httpHuman } from './flow/humans';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ settings: { sandboxMarketplace: true, sandboxApplyMode: 'immediate' } });
}, 300_000);

afterAll(async () => {
  await h?.close();
});

hiringFlow(() => h, hostedAgent('v1'), httpHuman, 'hosted /mcp, SDK v1 client, human by form posts');
hiringFlow(() => h, hostedAgent('v2'), httpHuman, 'hosted /mcp, SDK v2 client, human by form posts');
