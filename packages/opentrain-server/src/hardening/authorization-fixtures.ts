/**
 * @module The OpenTrain side of the authorization matrix: an account owning one resource of every
 * kind an operation can address (a hired contract with its milestone and approval, a draft, a
 * conversation with a message, a top-up, a webhook, a token), one valid input per operation aimed
 * at such an account (its real ids, or made-up ids of the same kinds), and a snapshot of every row
 * of the account to prove another account's calls changed nothing.
 */
import { operations, SCOPES } from '@opentrain/api';
import { newId } from '@platform/kit';
import { sql } from 'kysely';
import { confirmOnPage, type Employer, employer, fundCredits, hireable } from '../money/test-fixtures';
import { type Harness, uniqueEmail } from '../testing/harness';

/** The ids of one account's resources, one of each kind an operation can take. */
export interface AccountIds {
  organizationId: string;
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
  messageId: string;
}

export interface OpenTrainCase {
  input(ids: AccountIds, freelancerId: string): Record<string, unknown>;
  /**
   * Set when the id the operation takes names no account's resource, so another account may read
   * it (the reason is the documented rule).
   */
  notAccountScoped?: string;
}

const JOB_TEXT = 'Label 500 photos of street signs with bounding boxes, paying $20 per hour, English speakers.';

/** One valid input per operation of the registry (a test fails when one is missing). */
export const opentrainCases: Record<string, OpenTrainCase> = {
  opentrain_auth_status: { input: () => ({}) },
  opentrain_capabilities: { input: () => ({}) },
  opentrain_create_job_draft: { input: () => ({ jobDescription: JOB_TEXT }) },
  opentrain_update_job_draft_fields: { input: (ids) => ({ jobId: ids.draftId, experienceLevel: 'EXPERT' }) },
  opentrain_publish_job: { input: (ids) => ({ jobId: ids.draftId }) },
  opentrain_update_published_job: { input: (ids) => ({ jobId: ids.jobId, experienceLevel: 'EXPERT' }) },
  opentrain_close_job: { input: (ids) => ({ jobId: ids.jobId }) },
  opentrain_list_jobs: { input: () => ({}) },
  opentrain_search_jobs: { input: () => ({ q: 'label' }) },
  opentrain_job_facets: { input: () => ({}) },
  opentrain_job_changes: { input: () => ({}) },
  opentrain_get_public_job: { input: (ids) => ({ jobId: ids.draftId }) },
  opentrain_list_proposals: { input: (ids) => ({ jobId: ids.jobId }) },
  opentrain_get_proposal: { input: (ids) => ({ proposalId: ids.proposalId }) },
  opentrain_get_proposal_interview: { input: (ids) => ({ proposalId: ids.proposalId }) },
  opentrain_get_freelancer_profile: { input: (_ids, freelancerId) => ({ idOrSlug: freelancerId }), notAccountScoped: 'freelancer profiles are public by design (docs/opentrain-auth.md, "Other accounts\' resources")' },
  opentrain_invite_freelancer: { input: (ids, freelancerId) => ({ jobId: ids.jobId, freelancerId }) },
  opentrain_update_proposal_status: { input: (ids) => ({ proposalId: ids.proposalId, status: 'DECLINED' }) },
  opentrain_read_messages: { input: (ids) => ({ conversationId: ids.conversationId }) },
  opentrain_send_message: { input: (ids) => ({ conversationId: ids.conversationId, content: 'Hello from another account' }) },
  opentrain_start_proposal_conversation: { input: (ids) => ({ proposalId: ids.proposalId }) },
  opentrain_hire_proposal: { input: (ids) => ({ proposalId: ids.proposalId, milestone: { name: 'Foreign hire', amount: 300 } }) },
  opentrain_list_contracts: { input: (ids) => ({ jobId: ids.jobId }) },
  opentrain_get_contract: { input: (ids) => ({ contractId: ids.contractId }) },
  opentrain_create_milestone: { input: (ids) => ({ contractId: ids.contractId, name: 'Foreign milestone', description: 'More clips', amountUsd: 100 }) },
  opentrain_request_milestone_funding: { input: (ids) => ({ milestoneId: ids.milestoneId }) },
  opentrain_request_milestone_approval: { input: (ids) => ({ milestoneId: ids.milestoneId }) },
  opentrain_get_approval: { input: (ids) => ({ approvalId: ids.approvalId }) },
  opentrain_end_contract: { input: (ids) => ({ contractId: ids.contractId }) },
  opentrain_get_credits: { input: () => ({}) },
  opentrain_list_credit_ledger: { input: () => ({}) },
  opentrain_create_credit_top_up: { input: () => ({ amountUsd: 50 }) },
  opentrain_get_credit_top_up: { input: (ids) => ({ topUpId: ids.topUpId }) },
  opentrain_list_pending_payments: { input: () => ({}) },
  opentrain_poll_updates: { input: () => ({}) },
  opentrain_create_webhook: { input: () => ({ url: 'http://127.0.0.1:9/probe', eventTypes: ['contract.created'] }) },
  opentrain_list_webhooks: { input: () => ({}) },
  opentrain_get_webhook: { input: (ids) => ({ webhookId: ids.webhookId }) },
  opentrain_delete_webhook: { input: (ids) => ({ webhookId: ids.webhookId }) },
  opentrain_list_webhook_deliveries: { input: (ids) => ({ webhookId: ids.webhookId }) },
  opentrain_get_team: { input: () => ({}) },
  opentrain_invite_team_member: { input: () => ({ email: uniqueEmail('mate') }) },
  opentrain_list_tokens: { input: () => ({}) },
  opentrain_create_token: { input: () => ({ name: 'probe token', scopes: [] }) },
  opentrain_revoke_token: { input: (ids) => ({ tokenId: ids.tokenId }) },
};

export const operationsWithoutCase = () => operations.filter((op) => !opentrainCases[op.name]).map((op) => op.name);

export interface SeededAccount {
  owner: Employer;
  /** A token of the account with every scope. */
  token: string;
  ids: AccountIds;
  /** A public freelancer profile (a person, not a resource of any account). */
  freelancerId: string;
}

/** A claimed account with a hire confirmed by its human, and one resource of every other kind. */
export async function seedAccount(h: Harness, name: string): Promise<SeededAccount> {
  const owner = await employer(h, name);
  const organizationId = owner.organizationId;
  const token = (await h.services.tokens.createFor({ organizationId, name: `${name} every scope`, scopes: [...SCOPES], origin: 'web' })).token as string;
  const { jobId, proposalId } = await hireable(h, owner);
  await fundCredits(h, organizationId, 200_000);
  const ok = async (what: string, res: Promise<{ status: number; body: unknown }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    // biome-ignore lint/suspicious/noExplicitAny: fixture bodies are read field by field.
    return r.body as any;
  };
  const hire = await ok('hire', h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token, body: { milestone: { name: 'First batch', amount: 500 } } }));
  const confirmed = await confirmOnPage(owner.web, hire.approval.approvalUrl);
  if (confirmed.status >= 400) throw new Error(`confirming the hire: ${confirmed.status}`);
  const contract = (await ok('contracts', h.api('/contracts', { token }))).contracts[0];
  const draft = await ok('draft', h.api('/job-drafts', { method: 'POST', token, body: { rawJobDescription: JOB_TEXT } }));
  const conversation = await ok('conversation', h.api(`/proposals/${proposalId}/conversation`, { method: 'POST', token }));
  const topUp = await ok('top-up', h.api('/credits/top-ups', { method: 'POST', token, body: { amountUsd: 50 } }));
  const webhook = await ok('webhook', h.api('/webhooks', { method: 'POST', token, body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['contract.created'] } }));
  const tokens = await ok('tokens', h.api('/tokens', { token }));
  const message = await ok('message', h.api('/messages', { method: 'POST', token, body: { conversationId: conversation.conversationId, content: 'Welcome aboard' } }));
  const ids: AccountIds = {
    organizationId,
    jobId,
    draftId: draft.jobId,
    proposalId,
    conversationId: conversation.conversationId,
    contractId: contract.id,
    milestoneId: contract.milestones[0].id,
    approvalId: hire.approval.id,
    topUpId: topUp.topUpId,
    webhookId: webhook.webhook.id,
    tokenId: tokens.tokens[0].id,
    messageId: message.message.id,
  };
  // A profile as the sandbox population has them (the money fixture's trainer is a bare row made for hiring).
  await h.services.sandboxMarketplace.seed();
  const [publicProfile] = await h.services.freelancers.availableSandboxProfiles();
  if (!publicProfile) throw new Error('no sandbox freelancer profile');
  return { owner, token, ids, freelancerId: publicProfile.user_id };
}

/** A claimed account with a token of every scope and one conversation of its own: the caller of the other-account cells. */
export async function callerAccount(h: Harness, name: string): Promise<{ token: string; conversationId: string }> {
  const owner = await employer(h, name);
  const token = (await h.services.tokens.createFor({ organizationId: owner.organizationId, name: `${name} every scope`, scopes: [...SCOPES], origin: 'web' })).token as string;
  const { proposalId } = await hireable(h, owner);
  const conversation = await h.api(`/proposals/${proposalId}/conversation`, { method: 'POST', token });
  if (conversation.status >= 300) throw new Error(`conversation: ${conversation.status} ${JSON.stringify(conversation.body)}`);
  return { token, conversationId: conversation.body.conversationId };
}

/** Made-up ids of the same kinds (same prefixes) as `ids`. */
export function ghostIds(h: Harness, ids: AccountIds): AccountIds {
  const ghostOf = (id: string) => newId(id.slice(0, id.lastIndexOf('_')), h.clock.now());
  return Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, ghostOf(v)])) as unknown as AccountIds;
}

/**
 * Every row of the account: rows whose account column names it, or whose resource column names one
 * of its resources (messages of its conversation, milestones of its contract, deliveries of its
 * webhook…), in every table that has such a column (later tables included). `scope` is the event log's account.
 */
export async function accountSnapshot(h: Harness, ids: AccountIds): Promise<Record<string, string[]>> {
  const db = h.services.db;
  const values: Record<string, string[]> = {
    organization_id: [ids.organizationId],
    account_id: [ids.organizationId],
    scope: [ids.organizationId],
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
  // One statement for every table: the snapshot runs after every probe.
  const parts = [...byTable].map(([table, cols]) => {
    const matches = cols.map((c) => sql`${sql.ref(`x.${c}`)}::text in (${sql.join(values[c])})`);
    return sql`select ${sql.lit(table)} as t, row_to_json(x)::text as r from ${sql.table(table)} x where ${sql.join(matches, sql` or `)}`;
  });
  const rows = await sql<{ t: string; r: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { t, r } of rows.rows) out[t] = [...(out[t] ?? []), r];
  for (const list of Object.values(out)) list.sort();
  return out;
}
