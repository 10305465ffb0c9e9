/**
 * @module Test setup for the money domain: a claimed employer with a `payments:write` token minted
 * by its human on /account (agents never get that scope on their own), a freelancer, an open job
 * and a proposal. The job, profile and proposal rows are inserted directly (the jobs/talent write
 * APIs were not available when these tests were written), with only the columns those tables require.
 */
import { newId } from '@platform/kit';
import { sql } from 'kysely';
import type { Harness } from '../testing/harness';
import { uniqueEmail } from '../testing/harness';
import type { WebClient } from '../testing/web-client';

export interface Employer {
  /** The post-claim agent token (no payments:write). */
  agentToken: string;
  /** Minted by the human on /account with every scope. */
  token: string;
  organizationId: string;
  ownerUserId: string;
  email: string;
  web: WebClient;
}

/** The human mints a token on /account (the documented path to payments:write). */
export async function mintOnAccountPage(web: WebClient, scopes: string[]): Promise<string> {
  await web.get('/account');
  const fields: Record<string, string> = { name: 'money test' };
  for (const s of scopes) fields[`scope_${s}`] = 'on';
  const res = await web.post('/account/tokens', fields);
  const secret = /data-new-token>([^<]+)</.exec(res.text)?.[1];
  if (res.status !== 201 || !secret) throw new Error(`minting on /account failed: ${res.status}`);
  return secret;
}

export const ALL_SCOPES = ['jobs:read', 'jobs:write', 'proposals:read', 'proposals:write', 'messages:read', 'messages:write', 'payments:read', 'payments:write', 'team:read', 'team:write'];

export async function employer(h: Harness, name = 'Money agent'): Promise<Employer> {
  const { token: agentToken, web, email } = await h.claimedAgent(name);
  const me = await h.api('/auth/me', { token: agentToken });
  if (me.status !== 200) throw new Error(`auth/me failed: ${me.status}`);
  const token = await mintOnAccountPage(web, ALL_SCOPES);
  return {
    agentToken,
    token,
    organizationId: me.body.account.organizationId,
    ownerUserId: me.body.actor.userId,
    email,
    web,
  };
}

export async function freelancer(h: Harness, firstName = 'Maria', lastName = 'Garcia') {
  const email = uniqueEmail('trainer');
  const { user } = await h.services.users.findOrCreate(h.services.db, {
    email,
    firstName,
    lastName,
  });
  const now = h.clock.now();
  await sql`INSERT INTO ot_freelancer_profiles (user_id, slug, first_name, last_name, availability, expertise_level, skills, languages, stats, created_at, updated_at)
    VALUES (${user.id}, ${`t-${user.id}`}, ${firstName}, ${lastName}, 'FULL_TIME', 'EXPERT', '{}'::jsonb, '[]'::jsonb, '{}'::jsonb, ${now}, ${now})`.execute(h.services.db);
  return { email, userId: user.id };
}

export async function openJob(
  h: Harness,
  organizationId: string,
  fields: Record<string, unknown> = {
    paymentType: 'FIXED_PRICE',
    fixedPrice: 500,
  },
  title = 'Label 1,000 audio clips',
) {
  const now = h.clock.now();
  const id = newId('job', now);
  await sql`INSERT INTO ot_jobs (id, organization_id, status, title, description, fields, slug, published_at, created_at, updated_at)
    VALUES (${id}, ${organizationId}, 'OPEN', ${title}, 'Test job', ${JSON.stringify(fields)}::jsonb, ${`job-${id}`}, ${now}, ${now}, ${now})`.execute(h.services.db);
  return id;
}

export async function proposal(h: Harness, organizationId: string, jobId: string, freelancerUserId: string, status = 'SHORTLISTED') {
  const now = h.clock.now();
  const id = newId('prop', now);
  await sql`INSERT INTO ot_proposals (id, job_id, organization_id, freelancer_user_id, status, source, bid_amount_usd, bid_unit, match_score, created_at, updated_at)
    VALUES (${id}, ${jobId}, ${organizationId}, ${freelancerUserId}, ${status}, 'application', 500, 'FIXED_PRICE', 80, ${now}, ${now})`.execute(h.services.db);
  return id;
}

/** Employer + freelancer + open job + proposal in one go. */
export async function hireable(h: Harness, e: Employer, jobFields?: Record<string, unknown>) {
  const trainer = await freelancer(h);
  const jobId = await openJob(h, e.organizationId, jobFields);
  const proposalId = await proposal(h, e.organizationId, jobId, trainer.userId);
  return { trainer, jobId, proposalId };
}

/** Credits for an account, as a paid top-up would add them. */
export async function fundCredits(h: Harness, organizationId: string, cents: number) {
  await h.services.credits.topUp(h.services.db, {
    accountId: organizationId,
    amountCents: cents,
    idempotencyKey: newId('test-topup'),
    memo: 'test credits',
  });
}

/** The human confirms on the approval page (signed-in web client). */
export async function confirmOnPage(web: WebClient, approvalUrl: string, fields: Record<string, string> = { source: 'credits' }) {
  const path = new URL(approvalUrl).pathname;
  const page = await web.get(path);
  if (page.status !== 200) throw new Error(`approval page: ${page.status}`);
  return web.post(`${path}/confirm`, fields);
}
