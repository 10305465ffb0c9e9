/**
 * REGISTRY CHECK: the server must serve exactly the 41 documented tools in the 11 groups the README
 * documents (TOOLSETS, derived from each tool's declared toolset), each with a
 * description, input schema, the four annotations (output schemas are opt-in), and the documented parameter
 * names. While domains are still adding operations this test fails and names the missing tools.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOL_NAMES, TOOLSETS } from '../src/server';
import { buildBundle, connectStdio, freshConfigHome, serverEnv, type SpawnedClient } from './helpers';

/** Parameter names the published docs state (spec section 4); a tool may have more. */
const DOCUMENTED_PARAMS: Record<string, string[]> = {
  opentrain_register_agent: ['agentName', 'organizationName', 'force'],
  opentrain_claim_account: ['email'],
  opentrain_create_job_draft: ['jobDescription', 'title', 'canonicalJob', 'importPayload', 'externalId', 'idempotencyKey'],
  opentrain_update_job_draft_fields: ['jobId', 'fields'],
  opentrain_publish_job: ['jobId'],
  opentrain_update_published_job: ['jobId'],
  opentrain_close_job: ['jobId'],
  opentrain_list_jobs: ['status', 'limit', 'cursor'],
  opentrain_list_proposals: ['jobId'],
  opentrain_get_proposal: ['proposalId', 'includeInterview'],
  opentrain_get_freelancer_profile: ['idOrSlug'],
  opentrain_invite_freelancer: ['jobId', 'freelancerId'],
  opentrain_hire_proposal: ['proposalId'],
  opentrain_read_messages: ['conversationId'],
  opentrain_send_message: ['conversationId'],
  opentrain_start_proposal_conversation: ['proposalId'],
  opentrain_get_contract: ['contractId'],
  opentrain_create_milestone: ['contractId'],
  opentrain_request_milestone_funding: ['milestoneId'],
  opentrain_request_milestone_approval: ['milestoneId'],
  opentrain_get_approval: ['approvalId'],
  opentrain_end_contract: ['contractId'],
  opentrain_create_credit_top_up: ['amountUsd'],
  opentrain_get_credit_top_up: ['topUpId'],
  opentrain_poll_updates: ['cursor', 'limit'],
  opentrain_create_webhook: ['url', 'eventTypes'],
  opentrain_get_webhook: ['webhookId'],
  opentrain_delete_webhook: ['webhookId'],
  opentrain_revoke_token: ['tokenId'],
  opentrain_invite_team_member: ['email'],
};

let spawned: SpawnedClient;
// biome-ignore lint/suspicious/noExplicitAny: tool listings are asserted field by field.
let tools: any[];

beforeAll(async () => {
  spawned = await connectStdio(
    buildBundle(),
    serverEnv(freshConfigHome(), {
      OPENTRAIN_API_BASE_URL: 'http://127.0.0.1:9',
    }),
  );
  tools = (await spawned.client.listTools()).tools;
});
afterAll(async () => {
  await spawned?.close();
});

describe('tool registry (exactly the 41 documented tools)', () => {
  it('derives 41 tools in the 11 toolsets the README documents', () => {
    expect(ALL_TOOL_NAMES).toHaveLength(41);
    expect(new Set(ALL_TOOL_NAMES).size).toBe(41);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = /\| `--toolsets auth,jobs` .*?groups \(`all` = every group\): (.*?)\. *\|/.exec(readme)?.[1];
    expect(Object.keys(TOOLSETS).map((t) => `\`${t}\``).join(', ')).toBe(documented);
    expect(TOOLSETS.auth).toEqual(['opentrain_register_agent', 'opentrain_claim_account', 'opentrain_claim_status', 'opentrain_auth_status', 'opentrain_capabilities']);
  });

  it('serves exactly the documented names (lists missing and unexpected ones)', () => {
    const served = tools.map((t) => t.name);
    const missing = ALL_TOOL_NAMES.filter((n) => !served.includes(n));
    const unexpected = served.filter((n: string) => !ALL_TOOL_NAMES.includes(n));
    expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
    expect(served).toHaveLength(41);
  });

  it('gives every tool a description, an input schema (output schemas are opt-in: budget.test.ts) and all four annotations', () => {
    for (const t of tools) {
      expect(t.description?.length, t.name).toBeGreaterThan(20);
      expect(t.inputSchema?.type, t.name).toBe('object');
      expect(t.outputSchema, `${t.name}: output schemas are listed only with --output-schemas`).toBeUndefined();
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'])
        expect(typeof t.annotations?.[hint], `${t.name}.${hint}`).toBe('boolean');
      if (t.annotations.readOnlyHint) expect(t.annotations.destructiveHint, `${t.name}: read-only cannot be destructive`).toBe(false);
    }
  });

  it('keeps descriptions tight (one line, at most 160 characters: the registry rule)', () => {
    const tooLong = tools.filter((t) => t.description.length > 160 || t.description.includes('\n')).map((t) => `${t.name} (${t.description.length})`);
    expect(tooLong).toEqual([]);
  });

  it('uses the documented parameter names', () => {
    const wrong: string[] = [];
    for (const [name, params] of Object.entries(DOCUMENTED_PARAMS)) {
      const tool = tools.find((t) => t.name === name);
      if (!tool) continue; // reported by the names test
      for (const p of params) if (!(p in (tool.inputSchema.properties ?? {}))) wrong.push(`${name}.${p}`);
    }
    expect(wrong).toEqual([]);
  });

  it('marks the destructive tools as such', () => {
    for (const name of ['opentrain_revoke_token', 'opentrain_delete_webhook']) {
      const tool = tools.find((t) => t.name === name);
      if (tool) expect(tool.annotations.destructiveHint, name).toBe(true);
    }
  });
});
