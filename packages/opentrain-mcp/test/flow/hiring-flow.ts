/**
 * The whole OpenTrain flow an agent runs over MCP, written once and run per transport and client
 * generation (see e2e.test.ts and e2e-hosted.test.ts): register → draft from plain text → fill the
 * missing fields → publish → sandbox proposals (poll_updates) → proposal + interview → claim (the
 * human finishes it) → message → hire refused for payment → scope step-up granted by the human →
 * top-up → webhook → hire confirmed by the human → milestones funded and approved → contract ended,
 * ledger arithmetic → signed webhooks → team, job closed, token revoked. Every tool the transport
 * serves is called and its result checked; the last test fails naming any tool never called.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { waitForEventHorizon } from '@platform/kit';
import { toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, uniqueEmail } from '../../../opentrain-server/src/testing/harness';
import { text } from '../helpers';
import { type AgentFactory, type FlowAgent, ok } from './agents';
import type { FlowHuman, HumanFactory } from './humans';

export const JOB_TEXT =
  'We need experienced image annotation specialists to draw bounding boxes around retail products in catalog photos. The dataset has about 1,200 JPG files. Contributors should have prior image-labeling QA experience, write short edge-case notes, and report daily throughput. Pay is $25 per hour.';

export function hiringFlow(harness: () => Harness, agentFactory: AgentFactory, humanFactory: HumanFactory, label: string) {
  const called = new Set<string>();
  /** Every POST the webhook receiver got: headers and the raw body (signatures cover the raw bytes). */
  const deliveries: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let h: Harness;
  let agent: FlowAgent;
  let human: FlowHuman;
  let receiver: Server;
  let receiverUrl: string;
  const call = (name: string, args: Record<string, unknown> = {}) => agent.call(name, args);
  const state = {} as {
    email: string;
    jobId: string;
    proposalId: string;
    freelancerSlug: string;
    freelancerId: string;
    conversationId: string;
    topUpId: string;
    contractId: string;
    firstMilestoneId: string;
    secondMilestoneId: string;
    webhookId: string;
    webhookSecret: string;
  };

  describe(`MCP end to end: ${label}`, () => {
    beforeAll(async () => {
      h = harness();
      [agent, human] = await Promise.all([agentFactory(h, called), humanFactory(h)]);
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    }, 180_000);

    afterAll(async () => {
      await agent?.close();
      await human?.close();
      await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    });

    it('is told it is unauthenticated before it has credentials', async () => {
      await agent.withoutCredentials();
    });

    it('registers, searches public jobs and inspects its own account and capabilities', async () => {
      await agent.register();
      const search = await ok(call('opentrain_search_jobs', { limit: 5 }));
      expect(search.structuredContent.jobs).toBeInstanceOf(Array);
      const me = await ok(call('opentrain_auth_status'));
      expect(me.structuredContent.account).toMatchObject({ claimed: false, organizationName: 'E2E Labs' });
      const caps = await ok(call('opentrain_capabilities'));
      expect(JSON.stringify(caps.structuredContent).length).toBeGreaterThan(20);
    });

    it('drafts a job from plain text, fills the missing fields and publishes it', async () => {
      const externalId = `e2e-boxes-${label.replace(/\W+/g, '-')}`;
      const draft = await ok(call('opentrain_create_job_draft', { title: 'Image Annotation Specialist', jobDescription: JOB_TEXT, externalId, idempotencyKey: externalId }));
      state.jobId = draft.structuredContent.jobId;
      expect(draft.structuredContent.externalId).toBe(externalId);
      let current = draft.structuredContent;
      for (let round = 0; round < 3 && !current.validation.publishReady; round++) {
        expect(current.missingFields.length, JSON.stringify(current.validation)).toBeGreaterThan(0);
        // The human's answers: each missing field's documented example, under its update key.
        const fields = Object.fromEntries(current.missingFields.map((m: { updateKeys: string[]; example: unknown }) => [m.updateKeys[0], m.example]));
        current = (await ok(call('opentrain_update_job_draft_fields', { jobId: state.jobId, fields }))).structuredContent;
      }
      if (!called.has('opentrain_update_job_draft_fields')) {
        // Everything was extracted: still exercise the gap-filling tool on a real field.
        current = (await ok(call('opentrain_update_job_draft_fields', { jobId: state.jobId, fields: { workloadDesc: 'About 20 hours a week' } }))).structuredContent;
      }
      expect(current.validation.publishReady, JSON.stringify(current.validation)).toBe(true);
      const published = await ok(call('opentrain_publish_job', { jobId: state.jobId }));
      expect(published.structuredContent).toMatchObject({ jobId: state.jobId, status: 'OPEN' });
    });

    it('sees sandbox proposals arrive through poll_updates, and lists and edits its jobs', async () => {
      let cursor: string | undefined;
      const types: string[] = [];
      for (let i = 0; i < 10 && !types.includes('proposal.received'); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 300));
        const page = await ok(call('opentrain_poll_updates', cursor ? { cursor, limit: 50 } : { limit: 50 }));
        types.push(...page.structuredContent.events.map((e: { type: string }) => e.type));
        cursor = page.structuredContent.nextCursor ?? cursor;
      }
      expect(types).toContain('proposal.received');
      const mine = await ok(call('opentrain_list_jobs', { status: 'OPEN', limit: 10 }));
      expect(mine.structuredContent.jobs.map((j: { id?: string; jobId?: string }) => j.id ?? j.jobId)).toContain(state.jobId);
      const edited = await ok(call('opentrain_update_published_job', { jobId: state.jobId, fields: { workloadDesc: 'About 25 hours a week' } }));
      expect(JSON.stringify(edited.structuredContent)).toContain(state.jobId);
    });

    it('inspects a proposal, its AI interview and the masked freelancer profile', async () => {
      const list = await ok(call('opentrain_list_proposals', { jobId: state.jobId, limit: 20 }));
      const proposals = list.structuredContent.proposals;
      expect(proposals.length).toBeGreaterThan(0);
      state.proposalId = proposals[0].id;
      state.freelancerSlug = proposals[0].candidate.profileSlug;
      // Masked: first name (which may be two words, e.g. "Thuận Phương") and the last name's initial.
      const { displayName, firstName, lastNameInitial } = proposals[0].candidate;
      expect(displayName).toBe(`${firstName} ${lastNameInitial}.`);
      expect(lastNameInitial).toMatch(/^\S$/);
      const detail = await ok(call('opentrain_get_proposal', { proposalId: state.proposalId, includeInterview: true }));
      expect(detail.structuredContent.proposal.id).toBe(state.proposalId);
      expect(detail.structuredContent.proposal.interview?.messages.length ?? 0).toBeGreaterThan(0);
      const profile = await ok(call('opentrain_get_freelancer_profile', { idOrSlug: state.freelancerSlug }));
      expect(JSON.stringify(profile.structuredContent)).not.toMatch(/@/);
      const applicants = new Set(proposals.map((p: { candidate: { id: string } }) => p.candidate.id));
      // Someone who can be invited: not an applicant, and taking work (an UNAVAILABLE profile is a 409).
      const others = await h.services.db
        .selectFrom('ot_freelancer_profiles' as never)
        .select('user_id' as never)
        .where('availability' as never, '<>', 'UNAVAILABLE' as never)
        .orderBy('user_id' as never)
        .execute();
      state.freelancerId = (others as Array<{ user_id: string }>).map((r) => r.user_id).find((id) => !applicants.has(id)) as string;
      expect(state.freelancerId).toBeTruthy();
    });

    it('is told why a claimed-only write fails before the claim (403 with the envelope details), and reads messages', async () => {
      // Pre-claim tokens lack team:write, which claiming grants: the refusal carries the claimUrl.
      const denied = await call('opentrain_invite_team_member', { email: uniqueEmail('teammate') });
      expect(toolError(denied)).toMatchObject({ status: 403, code: 'FORBIDDEN', details: { reason: 'account_claim_required', claimUrl: `${h.url}/claim` } });
      expect(text(denied)).toMatch(/^Error \(HTTP 403 FORBIDDEN\): [\s\S]*\nDetails: \{[\s\S]*\nNext step: /);
      const inbox = await ok(call('opentrain_read_messages', {}));
      expect(inbox.structuredContent.conversations).toBeInstanceOf(Array);
    });

    it('claims the account: the human finishes it, the agent then holds the claimed token', async () => {
      state.email = uniqueEmail('e2e-owner');
      const claim = await agent.startClaim(state.email);
      await agent.claimPending();
      await human.claim(state.email, claim);
      h.clock.advance(11_000);
      await agent.finishClaim();
      expect((await ok(call('opentrain_auth_status'))).structuredContent.account.claimed).toBe(true);
    });

    it('messages a candidate before hiring and invites another freelancer', async () => {
      const conv = await ok(call('opentrain_start_proposal_conversation', { proposalId: state.proposalId }));
      state.conversationId = conv.structuredContent.conversationId;
      const sent = await ok(call('opentrain_send_message', { conversationId: state.conversationId, content: 'Hi! Could you share a sample of your bounding-box QA notes?' }));
      expect(sent.structuredContent.message.content).toContain('bounding-box');
      const thread = await ok(call('opentrain_read_messages', { conversationId: state.conversationId }));
      expect(thread.structuredContent.messages.map((m: { content: string }) => m.content).join('\n')).toContain('bounding-box');
      const invite = await ok(call('opentrain_invite_freelancer', { jobId: state.jobId, freelancerId: state.freelancerId }));
      expect(invite.structuredContent).toMatchObject({ jobId: state.jobId, freelancerId: state.freelancerId });
    });

    it('is told a hire needs a payment method or credits (409 payment_method_required with billingUrl)', async () => {
      const refused = await call('opentrain_hire_proposal', { proposalId: state.proposalId, milestone: { name: 'First 300 photos', amount: 300 } });
      expect(toolError(refused)).toMatchObject({
        status: 409,
        code: 'CONFLICT',
        // $300 + 10% + $9.95, nothing available yet: the billing page opens with that amount.
        details: { reason: 'payment_method_required', billingUrl: `${h.url}/billing?amount=339.95` },
      });
      expect(text(refused)).toContain('Next step: A human adds a card or tops up at least $339.95');
    });

    it('is refused a top-up for a missing scope with an owner approval URL; the human grants it; the same token retries', async () => {
      const refused = await call('opentrain_create_credit_top_up', { amountUsd: 1000 });
      expect(toolError(refused)).toMatchObject({ status: 403, details: { reason: 'insufficient_scope', missingScopes: ['payments:write'] } });
      expect(text(refused)).toContain('retry after the owner approves');
      // Only what the tool result says: the URL in its text.
      const stepUpUrl = /(http:\/\/\S+\/account\/scope-requests\/scr_[0-9A-Za-z]+)/.exec(text(refused))?.[1] as string;
      expect(stepUpUrl).toBeTruthy();
      // Capabilities list the missing scopes with a URL to the same page.
      const caps = await ok(call('opentrain_capabilities'));
      expect(caps.structuredContent.stepUp.missingScopes).toEqual(expect.arrayContaining(['payments:write', 'webhooks:manage']));
      expect(caps.structuredContent.stepUp.url).toBe(stepUpUrl);
      expect(text(caps)).toContain(stepUpUrl);
      await human.grant(stepUpUrl, 'payments:write');

      const topUp = await ok(call('opentrain_create_credit_top_up', { amountUsd: 1000 }));
      state.topUpId = topUp.structuredContent.topUpId;
      await human.pay(topUp.structuredContent.checkoutUrl);
      const status = await ok(call('opentrain_get_credit_top_up', { topUpId: state.topUpId }));
      expect(status.structuredContent.topUp.status).toBe('COMPLETED');
      const credits = await ok(call('opentrain_get_credits'));
      expect(credits.structuredContent.credits.availableCents).toBe(100_000);
      const ledger = await ok(call('opentrain_list_credit_ledger', { limit: 10 }));
      expect(ledger.structuredContent.entries[0]).toMatchObject({ type: 'TOP_UP', amountCents: 100_000 });
    });

    it('subscribes a webhook (webhooks:manage came with the same grant); the signing secret is shown once', async () => {
      const created = await ok(call('opentrain_create_webhook', { url: receiverUrl, eventTypes: ['contract.created', 'approval.confirmed', 'milestone.status_changed'] }));
      state.webhookId = created.structuredContent.webhook.id;
      state.webhookSecret = created.structuredContent.secret;
      expect(state.webhookSecret).toMatch(/^whsec_/);
      expect(text(created)).toContain(state.webhookSecret);
    });

    it('hires: a pending approval the human confirms creates the contract', async () => {
      const hire = await ok(call('opentrain_hire_proposal', { proposalId: state.proposalId, milestone: { name: 'First 300 photos', description: 'Boxes + QA notes', amount: 300 } }));
      const approval = hire.structuredContent.approval;
      expect(approval).toMatchObject({ type: 'proposal_hire', status: 'pending' });
      expect(text(hire)).toContain(approval.approvalUrl);
      // Credits cover the total, so credits pay.
      await human.confirm(approval.approvalUrl);
      const afterHire = await ok(call('opentrain_get_credits'));
      expect(afterHire.structuredContent.credits.availableCents).toBe(100_000 - 33_995);
      const confirmed = await ok(call('opentrain_get_approval', { approvalId: approval.id }));
      expect(confirmed.structuredContent.approval.status).toBe('confirmed');
      state.contractId = confirmed.structuredContent.approval.result.contractId;
      const contracts = await ok(call('opentrain_list_contracts', { jobId: state.jobId }));
      expect(contracts.structuredContent.contracts.map((c: { id: string }) => c.id)).toContain(state.contractId);
      const contract = await ok(call('opentrain_get_contract', { contractId: state.contractId }));
      expect(contract.structuredContent.contract).toMatchObject({ id: state.contractId, status: 'active' });
      state.firstMilestoneId = contract.structuredContent.contract.milestones[0].id;
    });

    it('adds, funds and approves milestones (each confirmed by the human), then ends the contract', async () => {
      // An hourly contract ($25/h): the milestone is sized by volume (hours), not a fixed amount.
      const created = await ok(call('opentrain_create_milestone', { contractId: state.contractId, name: 'Next 300 photos', description: 'Second batch', volume: 8 }));
      state.secondMilestoneId = created.structuredContent.milestone.id;
      expect(created.structuredContent.milestone.status).toBe('NOT_FUNDED');
      const fund = await ok(call('opentrain_request_milestone_funding', { milestoneId: state.secondMilestoneId }));
      const pending = await ok(call('opentrain_list_pending_payments'));
      expect(pending.structuredContent.payments.map((p: { milestone?: { id: string } }) => p.milestone?.id)).toContain(state.secondMilestoneId);
      await human.confirm(fund.structuredContent.approval.approvalUrl, 'credits');

      const approve = await ok(call('opentrain_request_milestone_approval', { milestoneId: state.firstMilestoneId }));
      await human.confirm(approve.structuredContent.approval.approvalUrl);
      const approved = await ok(call('opentrain_get_approval', { approvalId: approve.structuredContent.approval.id }));
      expect(approved.structuredContent.approval.status).toBe('confirmed');

      const end = await ok(call('opentrain_end_contract', { contractId: state.contractId }));
      if (end.structuredContent.approval) await human.confirm(end.structuredContent.approval.approvalUrl);
      const after = await ok(call('opentrain_get_contract', { contractId: state.contractId }));
      expect(after.structuredContent.contract.status).toBe('ended');
      // Ledger arithmetic: $1,000 − hire total $339.95; the second milestone's $220 (escrow + fee) came back at the end.
      const final = await ok(call('opentrain_get_credits'));
      expect(final.structuredContent.credits).toMatchObject({ availableCents: 66_005, reservedCents: 0 });
    });

    it('receives signed webhooks for the hire and the payments, verifiable with the secret; then deletes the webhook', async () => {
      const listed = await ok(call('opentrain_list_webhooks'));
      expect(JSON.stringify(listed.structuredContent)).toContain(state.webhookId);
      const one = await ok(call('opentrain_get_webhook', { webhookId: state.webhookId }));
      expect(JSON.stringify(one.structuredContent)).not.toContain(state.webhookSecret);
      const deadline = Date.now() + 30_000;
      const types = () => new Set(deliveries.map((d) => d.headers['x-opentrain-event']));
      // The app's worker fans events out and delivers them on the harness's manual clock: move it on.
      await waitForEventHorizon(h.services.db);
      while (Date.now() < deadline && !(types().has('contract.created') && types().has('approval.confirmed'))) {
        h.clock.advance(1000);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect([...types()]).toEqual(expect.arrayContaining(['contract.created', 'approval.confirmed']));
      for (const d of deliveries) {
        const header = String(d.headers['x-opentrain-signature']);
        const t = /t=(\d+)/.exec(header)?.[1] as string;
        const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1];
        expect(v1).toBe(createHmac('sha256', state.webhookSecret).update(`${t}.${d.body}`).digest('hex'));
        const event = JSON.parse(d.body);
        expect(event.type ?? event.eventType ?? d.headers['x-opentrain-event']).toBe(d.headers['x-opentrain-event']);
      }
      const contractEvent = deliveries.find((d) => d.headers['x-opentrain-event'] === 'contract.created') as { body: string };
      expect(contractEvent.body).toContain(state.contractId);
      await ok(call('opentrain_delete_webhook', { webhookId: state.webhookId }));
      expect(toolError(await call('opentrain_get_webhook', { webhookId: state.webhookId })).status).toBe(404);
    });

    it('manages the team, closes the job and finally revokes its own token', async () => {
      const mate = uniqueEmail('teammate');
      const invited = await ok(call('opentrain_invite_team_member', { email: mate }));
      expect(invited.structuredContent.status).toBe('invite_created');
      const team = await ok(call('opentrain_get_team'));
      expect(JSON.stringify(team.structuredContent)).toContain(mate);
      const closed = await ok(call('opentrain_close_job', { jobId: state.jobId }));
      expect(closed.structuredContent).toMatchObject({ jobId: state.jobId, status: 'ARCHIVED' });
      // The agent's one token lists itself; revoking it ends every later call with a 401.
      const tokens = await ok(call('opentrain_list_tokens'));
      expect(tokens.structuredContent.tokens).toHaveLength(1);
      const revoked = await ok(call('opentrain_revoke_token', { tokenId: tokens.structuredContent.tokens[0].id }));
      expect(revoked.structuredContent.token.status).toBe('revoked');
      await agent.refusedAfterRevoke();
    });

    it('called every tool the transport serves', () => {
      expect(agent.tools.filter((n) => !called.has(n))).toEqual([]);
    });
  });
}
