/**
 * @module OpenTrain over real HTTP for the fault tests: an employer agent claimed by its human
 * (sandbox mail read from /dev/mail), a token the human mints with every scope, published jobs with
 * sandbox applicants, credits paid on the sandbox checkout, hires and milestone approvals confirmed on
 * the approval page. Every step is safe to repeat after the app died under it (same terms = same
 * approval; a confirmed approval replays), so a scenario resumes on the restarted app.
 */
import { CLAIM_GRANT_TYPE } from '@opentrain/api';
import { WebClient } from '../../packages/opentrain-server/src/testing/web-client';
import { call, eventually, expectStatus } from './http';

export const JOB_TEXT =
  'We need experienced image annotation specialists to draw bounding boxes around retail products in catalog photos. The dataset has about 1,200 JPG files. Contributors should have prior image-labeling QA experience, write short edge-case notes, and report daily throughput. Pay is a fixed price of $500.';
const SCOPES = ['jobs:read', 'jobs:write', 'proposals:read', 'proposals:write', 'messages:read', 'payments:read', 'payments:write', 'webhooks:manage'];

export interface Employer {
  email: string;
  organizationId: string;
  token: string;
  /** The human's browser session (cookies survive restarts: sessions are rows). */
  web: WebClient;
}

/** The employer's base URL changes with every restart (port 0): rebind the session's client. */
export function rebind(employer: Employer, base: string): Employer {
  const web = new WebClient(base);
  for (const [k, v] of employer.web.cookies) web.cookies.set(k, v);
  return { ...employer, web };
}

const api = (base: string) => `${base}/api/public/v1`;
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** The newest link containing `part` in the sandbox mail to `to` (the /dev/mail page, as a person reads it). */
async function mailLink(web: WebClient, to: string, part: string): Promise<string> {
  return eventually(`a ${part} mail to ${to}`, async () => {
    const page = await web.get(`/dev/mail?to=${encodeURIComponent(to)}`);
    const links = [...page.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    return links.find((l) => l.includes(part));
  });
}

export async function createEmployer(base: string, label: string): Promise<Employer> {
  const agent = await expectStatus(200, 'POST', `${base}/api/agent/identity`, { body: { agent_name: `Fault ${label}` } });
  const email = `faults.${label}.${Date.now().toString(36)}@example.test`;
  const claim = await expectStatus(200, 'POST', `${base}/api/agent/identity/claim`, { body: { claim_token: agent.claim_token, email } });
  const web = new WebClient(base);
  const next = pathOf(claim.verification_uri);
  await web.get(`/signup?next=${encodeURIComponent(next)}`);
  const sent = await web.post('/signup', { email, first_name: 'Fault', last_name: 'Tester', next });
  if (sent.status !== 200) throw new Error(`signup: ${sent.status}`);
  const link = await mailLink(web, email, '/signin/verify');
  await web.get(pathOf(link));
  const landed = await web.post('/signin/verify', { token: new URL(link).searchParams.get('token') as string });
  if (!landed.text.includes('name="user_code"')) throw new Error(`claim page did not ask for the code: ${landed.status}`);
  const done = await web.post('/claim', { token: new URL(claim.verification_uri).searchParams.get('token') as string, user_code: claim.user_code });
  if (!done.text.includes('Agent claimed')) throw new Error(`claim failed: ${done.status}`);
  const polled = await fetch(`${base}/api/agent/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: CLAIM_GRANT_TYPE, claim_token: agent.claim_token }),
  });
  if (polled.status !== 200) throw new Error(`token poll: ${polled.status} ${await polled.text()}`);
  await web.get('/account');
  const fields: Record<string, string> = { name: 'fault tests' };
  for (const s of SCOPES) fields[`scope_${s}`] = 'on';
  const minted = await web.post('/account/tokens', fields);
  const token = /data-new-token>([^<]+)</.exec(minted.text)?.[1];
  if (minted.status !== 201 || !token) throw new Error(`minting a token on /account: ${minted.status}`);
  const me = await expectStatus(200, 'GET', `${api(base)}/auth/me`, { token });
  return { email, organizationId: me.account.organizationId, token, web };
}

/** A published fixed-price job and one of its sandbox applicants' proposal ids. */
export async function publishedJobWithProposal(base: string, e: Employer, label: string): Promise<{ jobId: string; proposalId: string }> {
  const externalId = `faults-${label}`;
  // The same idempotency key after a restart returns the same draft.
  const created = await call('POST', `${api(base)}/job-drafts`, { token: e.token, body: { title: `Bounding boxes (${label})`, jobDescription: JOB_TEXT, externalId, idempotencyKey: externalId } });
  if (created.status !== 201 && created.status !== 200) throw new Error(`job draft: ${created.status} ${JSON.stringify(created.body)}`);
  let draft = created.body;
  const jobId = draft.jobId as string;
  for (let round = 0; round < 3 && !draft.validation?.publishReady; round++) {
    const fields = Object.fromEntries(draft.missingFields.map((m: { updateKeys: string[]; example: unknown }) => [m.updateKeys[0], m.example]));
    draft = await expectStatus(200, 'PATCH', `${api(base)}/job-drafts/${jobId}`, { token: e.token, body: { fields } });
  }
  const published = await call('POST', `${api(base)}/jobs/${jobId}/publish`, { token: e.token });
  if (published.status !== 200 && published.status !== 409) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const proposalId = await eventually(`a sandbox proposal for ${jobId}`, async () => {
    const list = await expectStatus(200, 'GET', `${api(base)}/jobs/${jobId}/proposals?limit=20`, { token: e.token });
    return (list.proposals as Array<{ id: string; status: string }>).find((p) => p.status !== 'HIRED' && p.status !== 'DECLINED' && p.status !== 'WITHDRAWN')?.id;
  });
  return { jobId, proposalId };
}

/** Credits paid by the human on the sandbox checkout. */
export async function topUp(base: string, e: Employer, amountUsd: number): Promise<void> {
  const created = await expectStatus(201, 'POST', `${api(base)}/credits/top-ups`, { token: e.token, body: { amountUsd } });
  const path = new URL(created.checkoutUrl).pathname;
  if ((await e.web.get(path)).status !== 200) throw new Error('sandbox checkout page');
  const paid = await e.web.post(`${path}/pay`, { saveCard: '0' });
  if (paid.status >= 400) throw new Error(`sandbox pay: ${paid.status}`);
}

export async function credits(base: string, e: Employer): Promise<{ availableCents: number; reservedCents: number }> {
  return (await expectStatus(200, 'GET', `${api(base)}/credits`, { token: e.token })).credits;
}

/** The agent's hire request (same terms again = the same pending approval). */
export async function requestHire(base: string, e: Employer, proposalId: string, amountUsd: number) {
  const body = await expectStatus(202, 'POST', `${api(base)}/proposals/${proposalId}/hire`, { token: e.token, body: { milestone: { name: 'First batch', description: 'Boxes and QA notes', amount: amountUsd } } });
  return body.approval as { id: string; approvalUrl: string };
}

/** The agent asks for the milestone's approval (payout). */
export async function requestMilestoneApproval(base: string, e: Employer, milestoneId: string) {
  const body = await expectStatus(202, 'POST', `${api(base)}/milestones/${milestoneId}/approve`, { token: e.token });
  return body.approval as { id: string; approvalUrl: string };
}

/** A new unfunded milestone on the contract, and the agent's request to fund it. */
export async function requestFunding(base: string, e: Employer, contractId: string, amountUsd: number) {
  const created = await expectStatus(201, 'POST', `${api(base)}/contracts/${contractId}/milestones`, { token: e.token, body: { name: 'Next batch', description: 'More boxes and QA notes', amountUsd } });
  const milestoneId = created.milestone.id as string;
  const body = await expectStatus(202, 'POST', `${api(base)}/milestones/${milestoneId}/fund`, { token: e.token });
  return { milestoneId, approval: body.approval as { id: string; approvalUrl: string } };
}

/** The agent asks to end a contract with funded work (an approval: the escrow returns on confirm). */
export async function requestContractEnd(base: string, e: Employer, contractId: string) {
  const body = await expectStatus(202, 'POST', `${api(base)}/contracts/${contractId}/end`, { token: e.token });
  return body.approval as { id: string; approvalUrl: string };
}

/** The human confirms on the approval page, paying with credits; resolves with the page's approval status. */
export async function confirm(e: Employer, approvalId: string): Promise<string> {
  const path = `/approvals/${approvalId}`;
  const page = await e.web.get(path);
  if (page.status !== 200) throw new Error(`approval page: ${page.status}`);
  const done = await e.web.post(`${path}/confirm`, { source: 'credits' });
  return /data-approval-status="([a-z]+)"/.exec(done.text)?.[1] ?? `HTTP ${done.status}`;
}

export async function approval(base: string, e: Employer, approvalId: string) {
  return (await expectStatus(200, 'GET', `${api(base)}/approvals/${approvalId}`, { token: e.token })).approval as { status: string; result: Record<string, string> | null; contractId: string | null };
}

export async function contract(base: string, e: Employer, contractId: string) {
  return (await expectStatus(200, 'GET', `${api(base)}/contracts/${contractId}`, { token: e.token })).contract as { id: string; status: string; milestones: Array<{ id: string; status: string; amountUsd: number }> };
}

export async function createWebhook(base: string, e: Employer, url: string): Promise<{ id: string; secret: string }> {
  const body = await expectStatus(201, 'POST', `${api(base)}/webhooks`, { token: e.token, body: { url, eventTypes: ['contract.created', 'approval.confirmed', 'milestone.status_changed'] } });
  return { id: body.webhook.id, secret: body.secret };
}

export async function webhookDeliveries(base: string, e: Employer, webhookId: string) {
  const body = await expectStatus(200, 'GET', `${api(base)}/webhooks/${webhookId}/deliveries?limit=200`, { token: e.token });
  return body.deliveries as Array<{ deliveryId: string; eventId: string; outcome: string; attempt: number }>;
}

/** Money of a hire of `amountUsd`: what leaves the available balance and what stays reserved in escrow. */
export function hireCents(amountUsd: number) {
  const { escrow } = fundCents(amountUsd);
  return { total: escrow + 995, escrow };
}

/** Money of funding a milestone of `amountUsd`: the milestone and its 10 % fee, both held (returned if the contract ends). */
export function fundCents(amountUsd: number) {
  const milestone = Math.round(amountUsd * 100);
  return { escrow: milestone + Math.round(milestone / 10) };
}
