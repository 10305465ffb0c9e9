/**
 * @module Every refusal names its next step: a URL the human opens, or the tool the agent calls
 * next. The Public API wraps its operation server so that each error (pipeline or handler) leaves
 * with `details.nextStep` (one sentence) and, where one applies, `stepUpUrl` / `claimUrl` /
 * `nextTool` / `billingUrl` / `field` + `example`. A missing scope on a claimed account's token opens
 * (or reuses) a scope step-up request: see docs/opentrain-auth.md "Scope step-up".
 */
import { opentrainHasScope } from '@opentrain/api';
import { type AnyOperation, ApiError, type ErrorKind, type OperationServer, operationSchemas, usdText } from '@platform/kit';
import { type OpenTrainAuth, type OpenTrainContext, RETRY_AFTER_APPROVAL } from './context';
import { claimHelpUrl } from './gates';

export const CLAIM_TOOL = 'opentrain_claim_account';

type Details = Record<string, unknown>;
interface StepContext {
  publicUrl: string;
  op: AnyOperation;
}
/** The next step for one error: a sentence, plus any fields (URLs, tool names) to add to details. */
type NextStep<C = StepContext> = (details: Details, ctx: C) => { nextStep: string } & Details;
/** Reasons are specific enough on their own: their steps never need the operation (auth errors have none). */
type ReasonStep = NextStep<{ publicUrl: string }>;

const step = (nextStep: string, extra: Details = {}) => ({ nextStep, ...extra });
const tool = (name: string, sentence: string) => step(sentence, { nextTool: name });
/** The billing page, with the amount to top up prefilled when known. */
export const billingUrlFor = (publicUrl: string, amountCents?: number) =>
  amountCents && amountCents > 0 ? `${publicUrl}/billing?amount=${(amountCents / 100).toFixed(2)}` : `${publicUrl}/billing`;

/** The claim step, shared by claim-gated operations and tokens that cannot be stepped up before a claim. */
export const claimStep = (publicUrl: string) =>
  step(`Ask the human for their email and call ${CLAIM_TOOL} (CLI: opentrain auth claim --email <email>); they open the emailed link and enter the code, then opentrain_claim_status saves the post-claim token. Retry after that.`, {
    nextTool: CLAIM_TOOL,
    claimUrl: claimHelpUrl(publicUrl),
  });

/** Domain refusals by `details.reason`. A test fails when a reason the server throws is missing here. */
export const REASON_NEXT_STEPS: Record<string, ReasonStep> = {
  account_claim_required: (_d, c) => claimStep(c.publicUrl),
  feature_disabled: (d) => tool('opentrain_capabilities', `The ${d.featureKey} feature is off for this account: ask the OpenTrain operator to enable it; opentrain_capabilities shows what is available meanwhile.`),
  teams_not_enabled: () => tool('opentrain_capabilities', 'Teams are off for this account: ask the OpenTrain operator to enable public_api_team.'),
  owner_required: () => step('Only the organization owner can do this: ask them to do it signed in on /account/team.'),
  scope_not_covered: () => step('Request only scopes this token holds (see opentrain_auth_status), or ask the owner to mint the token on /account.'),
  token_limit_reached: () => tool('opentrain_revoke_token', 'Revoke a token you no longer use (opentrain_list_tokens, then opentrain_revoke_token) and retry.'),
  insufficient_credits: (d, c) => {
    const shortfall = Number(d.shortfallCents ?? 0);
    return step(`A human tops up at least ${usdText(shortfall)} at the billing page (or the agent calls opentrain_create_credit_top_up), then retry.`, { billingUrl: billingUrlFor(c.publicUrl, shortfall), nextTool: 'opentrain_create_credit_top_up' });
  },
  payment_method_required: (d, c) =>
    step(`A human adds a card or tops up ${typeof d.shortfallCents === 'number' ? `at least ${usdText(d.shortfallCents)}` : 'credits'} at the billing page, then retry.`, {
      billingUrl: typeof d.billingUrl === 'string' ? d.billingUrl : billingUrlFor(c.publicUrl),
    }),
  card_declined: (d, c) => step('Nothing was charged: the human updates the card through a top-up at the billing page, or pays with credits.', { billingUrl: typeof d.billingUrl === 'string' ? d.billingUrl : billingUrlFor(c.publicUrl) }),
  card_authentication_required: (d, c) =>
    step(`Nothing was charged: the human tops up ${typeof d.amountCents === 'number' ? usdText(d.amountCents) : 'the amount'} at the billing page (the bank can ask them there), then pays with credits.`, {
      billingUrl: typeof d.billingUrl === 'string' ? d.billingUrl : billingUrlFor(c.publicUrl),
    }),
  card_charge_mismatch: () => step('The charge stays in the credits: the human confirms the approval again.'),
  payment_provider_unavailable: () => step('The payment provider did not answer: retry the top-up in a minute.'),
  top_up_not_payable: () => tool('opentrain_create_credit_top_up', 'Create a new top-up with opentrain_create_credit_top_up and relay its checkout URL.'),
  top_up_completed: () => tool('opentrain_get_credits', 'Nothing to do: the top-up is paid; opentrain_get_credits shows the balance.'),
  provider_ref_mismatch: () => tool('opentrain_create_credit_top_up', 'Nothing was credited: create a new top-up.'),
  amount_mismatch: () => tool('opentrain_create_credit_top_up', 'Nothing was credited: create a new top-up.'),
  currency_mismatch: () => tool('opentrain_create_credit_top_up', 'Nothing was credited: create a new top-up in USD.'),
  idempotency_key_reused: () => step('Use a new idempotency key for a different operation.'),
  hold_not_open: () => tool('opentrain_get_contract', 'The money was already settled: opentrain_get_contract shows each milestone.'),
  hold_amount_exceeded: () => tool('opentrain_get_contract', 'Ask for at most the remaining amount (opentrain_get_contract shows it).'),
  nothing_to_refund: () => tool('opentrain_list_credit_ledger', 'Nothing is left to refund; opentrain_list_credit_ledger shows the entries.'),
  refund_exceeds_captured: () => tool('opentrain_list_credit_ledger', 'Refund at most the refundable amount in details.'),
  already_hired: () => tool('opentrain_list_contracts', 'This candidate is hired already: opentrain_list_contracts shows the contract.'),
  approval_not_pending: () => tool('opentrain_get_approval', 'This approval was decided already: opentrain_get_approval shows its result.'),
  milestone_not_fundable: () => tool('opentrain_get_contract', 'Check the milestone status with opentrain_get_contract; only an unfunded milestone can be funded.'),
  milestone_not_funded: () => tool('opentrain_request_milestone_funding', 'Fund the milestone first (opentrain_request_milestone_funding), then ask for approval of the work.'),
  contract_ended: () => tool('opentrain_list_contracts', 'The contract has ended; hire again (opentrain_hire_proposal) for more work.'),
  contract_rate_missing: () => tool('opentrain_create_milestone', 'Give the milestone a fixed amount instead of a volume.'),
  job_closed: () => tool('opentrain_update_published_job', 'Reopen the job (opentrain_update_published_job) before hiring.'),
  job_not_published: () => tool('opentrain_publish_job', 'Publish the job first (opentrain_publish_job).'),
  draft_not_publish_ready: () => tool('opentrain_update_job_draft_fields', 'Fill the fields listed in details with opentrain_update_job_draft_fields, then publish again.'),
  moderation_blocked: () => tool('opentrain_update_job_draft_fields', 'Rewrite the flagged text (details say which) with opentrain_update_job_draft_fields.'),
  publish_limit_reached: () => tool('opentrain_close_job', 'Close a job you no longer need (opentrain_close_job) or wait for the window in details.'),
  proposal_marked_not_a_fit: () => tool('opentrain_hire_proposal', 'Call opentrain_hire_proposal again with confirmNotAFit: true if the human really wants this candidate.'),
  proposal_not_hireable: () => tool('opentrain_list_proposals', 'Pick another proposal (opentrain_list_proposals).'),
  proposal_hired: () => tool('opentrain_list_contracts', 'The proposal is hired; manage the work with opentrain_list_contracts.'),
  already_applied: () => tool('opentrain_get_proposal', 'This freelancer already applied: open the existing proposal with opentrain_get_proposal.'),
  freelancer_unavailable: () => tool('opentrain_search_jobs', 'Invite another freelancer.'),
  invite_already_accepted: () => tool('opentrain_list_proposals', 'The invite was accepted: the proposal is in opentrain_list_proposals.'),
  invite_pending: () => tool('opentrain_list_proposals', 'An invite is already pending: wait for the freelancer (opentrain_poll_updates).'),
  not_a_freelancer: () => step('Create a freelancer profile on /freelancer first.'),
  not_job_owner: () => tool('opentrain_list_jobs', 'Use a job of this account (opentrain_list_jobs).'),
  interview_not_in_progress: () => tool('opentrain_get_proposal_interview', 'The interview is over or not started: opentrain_get_proposal_interview shows its state.'),
  employer_first_message_required: () => tool('opentrain_send_message', 'Wait for the employer to write first.'),
  proposal_not_ready_for_messaging: () => tool('opentrain_get_proposal', 'Wait until the candidate has submitted the proposal (opentrain_get_proposal shows its status).'),
  not_a_participant: () => tool('opentrain_read_messages', 'Use a conversation of this account (opentrain_read_messages lists them).'),
  read_only_conversation: () => tool('opentrain_start_proposal_conversation', 'This conversation is closed to new messages; start a new one if the candidate is still open.'),
  message_blocked: () => step('The freelancer blocked this conversation: contact another candidate.'),
  message_policy_blocked: () => tool('opentrain_send_message', 'Rewrite the message without the flagged content (details say what) and send it again.'),
  webhook_limit_reached: () => tool('opentrain_delete_webhook', 'Delete a webhook you no longer need (opentrain_list_webhooks, opentrain_delete_webhook) and retry.'),
  invite_email_send_failed: () => tool('opentrain_invite_team_member', 'Retry the invite in a minute.'),
  invalid_cursor: () => tool('opentrain_poll_updates', 'Call opentrain_poll_updates without cursor, or with a nextCursor it returned.'),
  dependency_unavailable: () => step('A dependency is down: retry in a minute.'),
  scope_request_not_pending: () => step('Nothing to do: the request was decided already (see /account).'),
  scope_request_expired: () => step('The agent gets a new link with its next refused call.'),
  scope_exceeds_parent: () => step('Open the step-up link the parent token gets (any refused call with it), or mint a new token on /account.'),
  scope_request_changed: () => step('Reload the page and review the request again.'),
  token_revoked: () => tool('opentrain_auth_status', 'Use an active token: register again (opentrain_register_agent) or have the owner mint one on /account.'),
  token_expired: () => tool('opentrain_auth_status', 'Use an active token: the owner mints one on /account.'),
  unknown_token: () => tool('opentrain_register_agent', 'Check the token; without one, register (opentrain_register_agent).'),
  malformed_token: () => tool('opentrain_register_agent', 'Check the token was copied whole; without one, register (opentrain_register_agent).'),
};

/** What to say when a refusal has no specific reason: by kind, naming a field, a tool or a wait. */
const KIND_NEXT_STEPS: Record<ErrorKind, NextStep> = {
  validation: (d, c) => validationStep(d, c.op),
  unauthorized: () => tool('opentrain_register_agent', 'Send a valid token: register (opentrain_register_agent) or, after a claim, call opentrain_claim_status.'),
  forbidden: () => tool('opentrain_auth_status', 'opentrain_auth_status shows this token, its scopes and its account.'),
  not_found: (d, c) => {
    const lister = listToolFor(String(d.resource ?? ''), c.op);
    return lister ? tool(lister, `Check the id: ${lister} returns the ones this account can use.`) : step('Check the id in the path: it belongs to another account or does not exist.');
  },
  conflict: (_d, c) => step(`Re-read the current state (the get or list tool for ${c.op.name.replace(/^opentrain_/, '')}) and retry if it still applies.`),
  payload_too_large: () => step('Send a smaller body (see the limits in the field descriptions).'),
  rate_limited: (d) => step(`Wait ${d.retryAfterSeconds ?? 'a few'} seconds and retry.`),
  unavailable: () => step('Retry in a minute.'),
  internal: () => step('Retry once; if it fails again, report the requestId.'),
};

function listToolFor(resource: string, op: AnyOperation): string | null {
  const word = resource.replace(/-/g, '_').replace(/s$/, '');
  const candidates = [`opentrain_list_${word}s`, `opentrain_list_${word}es`];
  const found = candidates.find((name) => LIST_TOOLS.has(name));
  if (found) return found;
  return op.name.startsWith('opentrain_get_') && LIST_TOOLS.has(op.name.replace('_get_', '_list_') + 's') ? `${op.name.replace('_get_', '_list_')}s` : null;
}
const LIST_TOOLS = new Set(['opentrain_list_jobs', 'opentrain_list_proposals', 'opentrain_list_contracts', 'opentrain_list_webhooks', 'opentrain_list_tokens', 'opentrain_list_pending_payments', 'opentrain_list_credit_ledger']);

/** A 400 names the field and shows an example value taken from the operation's own input schema. */
function validationStep(details: Details, op: AnyOperation) {
  const field = typeof details.field === 'string' ? details.field : null;
  if (!field || field === '(root)' || field === '(body)') return step('Send a JSON object with the fields this operation documents.', { example: exampleFor(operationSchemas(op).input, []) });
  const example = exampleFor(operationSchemas(op).input, field.split('.'));
  return step(`Fix ${field} and retry, e.g. ${field}: ${JSON.stringify(example)}.`, { example });
}

function exampleFor(schema: Record<string, unknown> | undefined, path: string[]): unknown {
  if (!schema) return '…';
  if (path.length > 0) {
    const [head, ...rest] = path;
    const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
    const items = schema.items as Record<string, unknown> | undefined;
    const inner = props?.[head] ?? (items && /^\d+$/.test(head) ? items : undefined) ?? firstVariant(schema);
    return inner === schema ? '…' : exampleFor(inner, props?.[head] || items ? rest : path);
  }
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const variant = firstVariant(schema);
  if (variant) return exampleFor(variant, []);
  switch (schema.type) {
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' && schema.minimum > 0 ? schema.minimum : 100;
    case 'boolean':
      return true;
    case 'array':
      return [exampleFor(schema.items as Record<string, unknown>, [])];
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = (schema.required ?? Object.keys(props)) as string[];
      return Object.fromEntries(required.map((k) => [k, exampleFor(props[k], [])]));
    }
    default:
      return typeof schema.format === 'string' && schema.format === 'date' ? '2027-01-31' : typeof schema.description === 'string' ? `<${schema.description}>` : '<text>';
  }
}

function firstVariant(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  const variants = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  return variants?.find((v) => v.type !== 'null');
}

/** Rebuilds an ApiError with more details (and, optionally, a message suffix); the rest is kept. */
function enrich(err: ApiError, extra: Details, messageSuffix = ''): ApiError {
  return new ApiError({ kind: err.kind, code: err.code, status: err.status, headers: err.headers, message: err.message + messageSuffix, details: { ...err.details, ...extra } });
}

/** A missing scope: step-up for a claimed account's token, the claim step before a claim. */
async function scopeStep(err: ApiError, ctx: OpenTrainContext): Promise<ApiError> {
  const auth = ctx.auth as OpenTrainAuth;
  const details = err.details ?? {};
  const required = (details.requiredScopes as string[] | undefined) ?? [];
  const lacking = required.filter((s) => !opentrainHasScope(auth.scopes, s));
  // An any-of refusal asks for the first scope that would do, not all of them.
  const missing = details.anyOf ? lacking.slice(0, 1) : lacking;
  if (!auth.claimed) {
    const claim = claimStep(ctx.services.publicUrl());
    return enrich(err, { ...claim, nextStep: `A pre-claim token cannot be given more scopes. ${claim.nextStep} If the post-claim token still lacks ${missing.join(', ')}, its refusal links an approval page for the owner.` });
  }
  const offer = await ctx.services.stepUp.offer(auth, missing);
  if (!offer) return enrich(err, step('The owner mints a token with these scopes on /account.'));
  const nextStep = `Ask the account owner to open ${offer.stepUpUrl} and approve ${offer.missingScopes.join(', ')} for this token, then ${RETRY_AFTER_APPROVAL} (same token, no restart).`;
  return enrich(err, { nextStep, stepUpUrl: offer.stepUpUrl, stepUpRequestId: offer.stepUpRequestId, missingScopes: offer.missingScopes }, ` Owner approval: ${offer.stepUpUrl} (${RETRY_AFTER_APPROVAL}).`);
}

/** Adds the next step to one error; anything that is not an ApiError (a 500) passes through. */
export async function describeError(err: unknown, op: AnyOperation, ctx: OpenTrainContext): Promise<unknown> {
  if (!(err instanceof ApiError) || err.details?.nextStep) return err;
  try {
    const reason = typeof err.details?.reason === 'string' ? err.details.reason : null;
    if (reason === 'insufficient_scope' && ctx.auth) return await scopeStep(err, ctx);
    const publicUrl = ctx.services.publicUrl();
    const byReason = reason ? REASON_NEXT_STEPS[reason] : undefined;
    const next = (byReason ?? KIND_NEXT_STEPS[err.kind])(err.details ?? {}, { publicUrl, op });
    return enrich(err, next);
  } catch {
    return err;
  }
}

/** For errors raised before an operation is known (authentication): the reason's step, if any. */
export function describeAuthError(err: unknown, publicUrl: string): unknown {
  if (!(err instanceof ApiError) || err.details?.nextStep) return err;
  const reason = typeof err.details?.reason === 'string' ? err.details.reason : '';
  const byReason = REASON_NEXT_STEPS[reason];
  return byReason ? enrich(err, byReason(err.details ?? {}, { publicUrl })) : err;
}

/** The Public API's operation server, with every refusal carrying its next step. */
export function withNextSteps(server: OperationServer<OpenTrainAuth, OpenTrainContext>): OperationServer<OpenTrainAuth, OpenTrainContext> {
  return {
    ...server,
    async invoke(name, rawInput, scope) {
      try {
        return await server.invoke(name, rawInput, scope);
      } catch (err) {
        const impl = server.find(name);
        throw impl ? await describeError(err, impl.contract, server.binding.makeContext(scope)) : err;
      }
    },
  };
}
