/**
 * Other accounts' resources are indistinguishable from resources that do not exist: every Public API
 * operation that takes a resource id, called by account A (a token with every scope) with a real id
 * of account B, answers exactly what it answers for a made-up id of the same kind (404 NOT_FOUND, same
 * body apart from the id itself), never 403 or 2xx, and changes no row of B. Table-driven over the
 * operation registry, so a later operation with an id input fails here until it has a case.
 */
import { operations, SCOPES } from '@opentrain/api';
import type { AnyOperation } from '@platform/kit';
import { newId } from '@platform/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmOnPage, employer, fundCredits, hireable } from './money/test-fixtures';
import { type ApiResponse, type Harness, startHarness } from './testing/harness';

/** The ids of one account's resources, one of each kind an operation can take. */
interface AccountIds {
  jobId: string;
  draftId: string;
  proposalId: string;
  conversationId: string;
  contractId: string;
  milestoneId: string;
  approvalId: string;
  topUpId: string;
  webhookId: string;
  tokenId: string;
  freelancerId: string;
}

/** Per operation: its input, built from the target ids (B's real ones, or made-up ones). */
const cases: Record<string, (ids: AccountIds) => Record<string, unknown>> = {
  opentrain_get_public_job: (ids) => ({ jobId: ids.draftId }),
  opentrain_publish_job: (ids) => ({ jobId: ids.draftId }),
  opentrain_update_job_draft_fields: (ids) => ({ jobId: ids.draftId, experienceLevel: 'EXPERT' }),
  opentrain_update_published_job: (ids) => ({ jobId: ids.jobId, experienceLevel: 'EXPERT' }),
  opentrain_close_job: (ids) => ({ jobId: ids.jobId }),
  opentrain_list_proposals: (ids) => ({ jobId: ids.jobId }),
  opentrain_invite_freelancer: (ids) => ({ jobId: ids.jobId, freelancerId: ids.freelancerId }),
  opentrain_get_proposal: (ids) => ({ proposalId: ids.proposalId }),
  opentrain_get_proposal_interview: (ids) => ({ proposalId: ids.proposalId }),
  opentrain_update_proposal_status: (ids) => ({ proposalId: ids.proposalId, status: 'DECLINED' }),
  opentrain_start_proposal_conversation: (ids) => ({ proposalId: ids.proposalId }),
  opentrain_hire_proposal: (ids) => ({ proposalId: ids.proposalId, milestone: { name: 'Foreign hire', amount: 300 } }),
  opentrain_read_messages: (ids) => ({ conversationId: ids.conversationId }),
  opentrain_send_message: (ids) => ({ conversationId: ids.conversationId, content: 'Hello from another account' }),
  opentrain_list_contracts: (ids) => ({ jobId: ids.jobId }),
  opentrain_get_contract: (ids) => ({ contractId: ids.contractId }),
  opentrain_end_contract: (ids) => ({ contractId: ids.contractId }),
  opentrain_create_milestone: (ids) => ({ contractId: ids.contractId, name: 'Foreign milestone', description: 'More clips', amountUsd: 100 }),
  opentrain_request_milestone_funding: (ids) => ({ milestoneId: ids.milestoneId }),
  opentrain_request_milestone_approval: (ids) => ({ milestoneId: ids.milestoneId }),
  opentrain_get_approval: (ids) => ({ approvalId: ids.approvalId }),
  opentrain_get_credit_top_up: (ids) => ({ topUpId: ids.topUpId }),
  opentrain_get_webhook: (ids) => ({ webhookId: ids.webhookId }),
  opentrain_list_webhook_deliveries: (ids) => ({ webhookId: ids.webhookId }),
  opentrain_delete_webhook: (ids) => ({ webhookId: ids.webhookId }),
  opentrain_revoke_token: (ids) => ({ tokenId: ids.tokenId }),
};

/**
 * Operations with an id input that are not account-scoped by design: public freelancer profiles are
 * readable by everyone (the id names a person, not a resource of an account).
 */
const PUBLIC_BY_DESIGN = ['opentrain_get_freelancer_profile'];
/** Id fields that name no stored resource: `externalId` is the caller's own label for a new draft. */
const NOT_RESOURCE_IDS = ['externalId'];
/** The spec's documented not-found body for unlisted public jobs (not the error envelope). */
const UNLISTED_JOB = 'opentrain_get_public_job';

/** Ids an operation takes: `{…}` path parameters and input fields named like `…Id`. */
function idInputs(op: AnyOperation): string[] {
  const fromPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const shape = (op.input as { shape?: Record<string, unknown> }).shape ?? {};
  return [...new Set([...fromPath, ...Object.keys(shape).filter((k) => /Id$/.test(k) && !NOT_RESOURCE_IDS.includes(k))])];
}

let h: Harness;
let aToken: string;
let bOrg: string;
let bToken: string;
let foreign: AccountIds;
let missing: AccountIds;
/** A conversation of account A and a message of account B (a message id is also a paging cursor). */
let aConversationId: string;
let bMessageId: string;

/** Calls an operation over REST the way the kit routes it: path params in the path, the rest in query (GET/DELETE) or body. */
function callOperation(op: AnyOperation, input: Record<string, unknown>, token: string): Promise<ApiResponse> {
  const rest = { ...input };
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = String(rest[name]);
    delete rest[name];
    return encodeURIComponent(value);
  });
  if (op.method === 'GET' || op.method === 'DELETE') {
    const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)])).toString();
    return h.api(query ? `${path}?${query}` : path, { method: op.method, token });
  }
  return h.api(path, { method: op.method, token, body: rest });
}

/**
 * Every row of account B: rows whose account column names B, or whose resource column names one of
 * B's resources (messages of B's conversation, milestones of B's contract, deliveries of B's webhook…),
 * in every table that has such a column (later tables included). `scope` is the event log's account.
 */
async function snapshotOf(organizationId: string, ids: AccountIds): Promise<Record<string, string[]>> {
  const db = h.services.db;
  const values: Record<string, string[]> = {
    organization_id: [organizationId],
    account_id: [organizationId],
    scope: [organizationId],
    id: Object.values(ids),
    job_id: [ids.jobId, ids.draftId],
    proposal_id: [ids.proposalId],
    conversation_id: [ids.conversationId],
    contract_id: [ids.contractId],
    milestone_id: [ids.milestoneId],
    approval_id: [ids.approvalId],
    webhook_id: [ids.webhookId],
  };
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where column_name in (${sql.join(Object.keys(values))}) and table_schema = current_schema() order by table_name, column_name`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns.rows) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const out: Record<string, string[]> = {};
  for (const [table, cols] of byTable) {
    const matches = cols.map((c) => sql`${sql.ref(c)}::text in (${sql.join(values[c])})`);
    const rows = await sql`select * from ${sql.table(table)} where ${sql.join(matches, sql` or `)}`.execute(db);
    if (rows.rows.length) out[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** A made-up id with the same prefix (kind) as `id`. */
const ghostOf = (id: string) => newId(id.slice(0, id.lastIndexOf('_')), h.clock.now());

beforeAll(async () => {
  h = await startHarness({ startWorker: false });
  const a = await employer(h, 'Account A agent');
  aToken = (await h.services.tokens.createFor({ organizationId: a.organizationId, name: 'A every scope', scopes: [...SCOPES], origin: 'web' })).token as string;

  const b = await employer(h, 'Account B agent');
  bOrg = b.organizationId;
  bToken = (await h.services.tokens.createFor({ organizationId: bOrg, name: 'B every scope', scopes: [...SCOPES], origin: 'web' })).token as string;
  const { trainer, jobId, proposalId } = await hireable(h, b);
  await fundCredits(h, bOrg, 200_000);
  const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: bToken, body: { milestone: { name: 'First batch', amount: 500 } } });
  expect(hire.status, JSON.stringify(hire.body)).toBe(202);
  const confirmed = await confirmOnPage(b.web, hire.body.approval.approvalUrl);
  expect(confirmed.status).toBeLessThan(400);
  const contracts = await h.api('/contracts', { token: bToken });
  const contract = contracts.body.contracts[0];
  const draft = await h.api('/job-drafts', { method: 'POST', token: bToken, body: { rawJobDescription: 'Label 500 photos of street signs, paying $20 per hour.' } });
  expect(draft.status).toBe(201);
  const conversation = await h.api(`/proposals/${proposalId}/conversation`, { method: 'POST', token: bToken });
  expect(conversation.status, JSON.stringify(conversation.body)).toBeLessThan(300);
  const topUp = await h.api('/credits/top-ups', { method: 'POST', token: bToken, body: { amountUsd: 50 } });
  expect(topUp.status, JSON.stringify(topUp.body)).toBe(201);
  const webhook = await h.api('/webhooks', { method: 'POST', token: bToken, body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['contract.created'] } });
  expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
  const tokens = await h.api('/tokens', { token: bToken });
  const message = await h.api('/messages', { method: 'POST', token: bToken, body: { conversationId: conversation.body.conversationId, content: 'Welcome aboard' } });
  expect(message.status, JSON.stringify(message.body)).toBeLessThan(300);
  bMessageId = message.body.message.id;
  const aProposal = await hireable(h, a);
  aConversationId = (await h.api(`/proposals/${aProposal.proposalId}/conversation`, { method: 'POST', token: aToken })).body.conversationId;

  foreign = {
    jobId,
    draftId: draft.body.jobId,
    proposalId,
    conversationId: conversation.body.conversationId,
    contractId: contract.id,
    milestoneId: contract.milestones[0].id,
    approvalId: hire.body.approval.id,
    topUpId: topUp.body.topUpId,
    webhookId: webhook.body.webhook.id,
    tokenId: tokens.body.tokens[0].id,
    freelancerId: trainer.userId,
  };
  missing = Object.fromEntries(Object.entries(foreign).map(([k, v]) => [k, k === 'freelancerId' ? v : ghostOf(v)])) as unknown as AccountIds;
}, 60_000);
afterAll(() => h?.close());

describe("other accounts' resources", () => {
  it('sees the rows of account B it guards', async () => {
    const snapshot = await snapshotOf(bOrg, foreign);
    for (const table of ['ot_jobs', 'ot_proposals', 'ot_contracts', 'ot_milestones', 'ot_approvals', 'ot_conversations', 'credit_top_ups', 'ot_webhooks', 'ot_api_tokens']) expect(snapshot[table]?.length, table).toBeGreaterThan(0);
  });

  it('has a case for every operation that takes a resource id', () => {
    const withIds = operations.filter((op) => idInputs(op).length > 0 && !PUBLIC_BY_DESIGN.includes(op.name)).map((op) => op.name);
    expect(withIds.filter((name) => !cases[name])).toEqual([]);
    expect(Object.keys(cases).filter((name) => !withIds.includes(name))).toEqual([]);
  });

  const withCases = operations.filter((op) => cases[op.name]);
  it.each(withCases.map((op) => [op.name, op] as const))('%s answers for a foreign id exactly as for a missing one', async (_name, op) => {
    const before = await snapshotOf(bOrg, foreign);
    const foreignRes = await callOperation(op, cases[op.name](foreign), aToken);
    const missingRes = await callOperation(op, cases[op.name](missing), aToken);
    expect(missingRes.status, JSON.stringify(missingRes.body)).toBe(404);
    if (op.name === UNLISTED_JOB) expect(missingRes.body).toEqual({ id: missing.draftId, status: 'closed' });
    else expect(missingRes.body.code).toBe('NOT_FOUND');
    expect(foreignRes.status, JSON.stringify(foreignRes.body)).toBe(404);
    // Same body, once B's ids are swapped for the made-up ones and the per-request id is dropped.
    const normalize = (body: Record<string, unknown>, ids: AccountIds) => {
      let text = JSON.stringify({ ...body, requestId: undefined });
      for (const key of Object.keys(ids) as (keyof AccountIds)[]) text = text.split(ids[key]).join(`<${key}>`);
      return JSON.parse(text);
    };
    expect(normalize(foreignRes.body, foreign)).toEqual(normalize(missingRes.body, missing));
    expect(await snapshotOf(bOrg, foreign)).toEqual(before);
  });

  it("treats another account's message id as a paging cursor like a missing one", async () => {
    const read = (cursor: string) => h.api(`/messages?conversationId=${aConversationId}&cursor=${cursor}`, { token: aToken });
    const foreignRes = await read(bMessageId);
    const missingRes = await read(ghostOf(bMessageId));
    expect(foreignRes.status).toBe(400);
    expect(foreignRes.body.details).toMatchObject({ field: 'cursor' });
    expect({ ...foreignRes.body, requestId: null }).toEqual({ ...missingRes.body, requestId: null });
  });

  it("leaves account B's resources working for B", async () => {
    expect((await h.api(`/contracts/${foreign.contractId}`, { token: bToken })).status).toBe(200);
    expect((await h.api(`/webhooks/${foreign.webhookId}`, { token: bToken })).status).toBe(200);
    expect((await h.api(`/jobs/${foreign.jobId}/proposals`, { token: bToken })).status).toBe(200);
    expect((await h.api(`/messages?conversationId=${foreign.conversationId}`, { token: bToken })).status).toBe(200);
  });
});
