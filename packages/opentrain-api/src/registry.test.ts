/** The OpenTrain registry obeys the house rules, and its tool names and CLI words match the public docs. */
import { cliWords } from '@platform/kit';
import { registryViolations } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { opentrainApi } from './index';
import { parseGate } from './gates';

/** The 41 tool names of the published `@opentrain-ai/mcp` README (v0.2.2), without the `opentrain_` prefix. */
const DOCUMENTED_TOOLS = [
  'auth_status', 'capabilities', 'claim_account', 'claim_status', 'close_job', 'create_credit_top_up',
  'create_job_draft', 'create_milestone', 'create_webhook', 'delete_webhook', 'end_contract', 'get_approval',
  'get_contract', 'get_credit_top_up', 'get_credits', 'get_freelancer_profile', 'get_proposal', 'get_team',
  'get_webhook', 'hire_proposal', 'invite_freelancer', 'invite_team_member', 'list_contracts', 'list_credit_ledger',
  'list_jobs', 'list_pending_payments', 'list_proposals', 'list_tokens', 'list_webhooks', 'poll_updates',
  'publish_job', 'read_messages', 'register_agent', 'request_milestone_approval', 'request_milestone_funding',
  'revoke_token', 'search_jobs', 'send_message', 'start_proposal_conversation', 'update_job_draft_fields',
  'update_published_job',
];
const documentedTools = new Set(DOCUMENTED_TOOLS.map((n) => `opentrain_${n}`));

describe('OpenTrain registry', () => {
  it('satisfies the registry invariants (hints, one-line descriptions, names, scopes, schemas)', () => {
    expect(registryViolations(opentrainApi, { namePattern: /^opentrain_[a-z_]+$/, maxDescriptionLength: 160 })).toEqual([]);
  });

  it('uses the documented MCP tool names for every operation on MCP', () => {
    expect(documentedTools.size).toBe(41);
    const onMcp = opentrainApi.operations.filter((op) => !op.exclude?.includes('mcp'));
    for (const op of onMcp) expect(documentedTools.has(op.name), op.name).toBe(true);
  });

  it('puts every MCP tool in a toolset (`--toolsets` selects by it, OpenAPI tags by it)', () => {
    const onMcp = opentrainApi.operations.filter((op) => !op.exclude?.includes('mcp'));
    expect(onMcp.filter((op) => !op.toolset).map((op) => op.name)).toEqual([]);
  });

  it('keeps token minting off MCP and the CLI (HTTP only)', () => {
    const create = opentrainApi.operations.find((op) => op.method === 'POST' && op.path === '/tokens');
    expect(create?.exclude).toEqual(['mcp', 'cli']);
  });

  it('uses the documented CLI words', () => {
    const words = Object.fromEntries(opentrainApi.operations.filter((op) => !op.exclude?.includes('cli')).map((op) => [op.name, cliWords(op, 'opentrain').join(' ')]));
    expect(words).toMatchObject({ opentrain_auth_status: 'whoami', opentrain_capabilities: 'capabilities', opentrain_list_tokens: 'tokens list', opentrain_revoke_token: 'tokens revoke' });
  });

  it('declares only known gates', () => {
    for (const op of opentrainApi.operations) for (const gate of op.gates ?? []) expect(() => parseGate(gate), `${op.name}: ${gate}`).not.toThrow();
  });
});
