/**
 * End to end with the money domain, over HTTP: talk to a sandbox applicant before hiring, hire
 * (the human confirms on the approval page), find the job DM on the contract, get the sandbox
 * trainer's reply there, end the contract (confirmed by the human) and see the DM turn read-only.
 */
import { seconds } from '@platform/kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { confirmOnPage, employer, fundCredits } from '../money/test-fixtures';
import { publishJob } from '../talent/test-support';
import { type Harness, startHarness } from '../testing/harness';
import { send } from './test-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startWorker: false, settings: { sandboxMarketplace: true, sandboxApplyMode: 'immediate', sandboxApplicantsPerJob: 2, sandboxReplyDelaySeconds: 5 } });
});
afterAll(async () => h?.close());

it('pre-hire room → hire → job DM with replies → contract ends → read-only', async () => {
  const e = await employer(h);
  await fundCredits(h, e.organizationId, 100_000);
  const jobId = await publishJob(h, e.agentToken);
  const [proposal] = (await h.api(`/jobs/${jobId}/proposals`, { token: e.agentToken })).body.proposals;

  const preHire = (await h.api(`/proposals/${proposal.id}/conversation`, { method: 'POST', token: e.agentToken })).body.conversationId;
  expect((await send(h, e.agentToken, preHire, 'Hi! Could you start this week?')).status).toBe(201);

  const hire = await h.api(`/proposals/${proposal.id}/hire`, { method: 'POST', token: e.agentToken, body: { milestone: { name: 'Batch 1', amount: 100 } } });
  expect(hire.status, JSON.stringify(hire.body)).toBe(202);
  expect((await confirmOnPage(e.web, hire.body.approval.approvalUrl, { source: 'credits', amount: '100.00' })).status).toBe(200);
  const { contractId } = (await h.api(`/approvals/${hire.body.approval.id}`, { token: e.agentToken })).body.approval.result;
  const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
  const dm = contract.jobDmConversationId;
  expect(dm).toEqual(expect.any(String));
  expect(dm).not.toBe(preHire);

  const jobs = (await h.api('/messages?filter=job', { token: e.agentToken })).body.conversations;
  expect(jobs).toHaveLength(1);
  expect(jobs[0]).toMatchObject({ id: dm, bucket: 'job', jobId, contractId, proposalId: proposal.id, sandbox: true, status: 'open' });
  expect(jobs[0].channelName).toBe(`${proposal.candidate.displayName} · Bounding boxes for agricultural drone images`);

  expect((await send(h, e.agentToken, dm, 'Welcome aboard! Guidelines are attached to the job.')).status).toBe(201);
  h.clock.advance(seconds(5));
  await h.worker.runOnce();
  await h.worker.runOnce();
  const thread = await h.api(`/messages?conversationId=${dm}`, { token: e.agentToken });
  expect(thread.body.messages.map((m: { isFromViewer: boolean }) => m.isFromViewer)).toEqual([true, false]);
  // Both rooms got their answer.
  expect((await h.api(`/messages?conversationId=${preHire}`, { token: e.agentToken })).body.messages).toHaveLength(2);

  const end = await h.api(`/contracts/${contractId}/end`, { method: 'POST', token: e.token });
  expect(end.status).toBe(202);
  await confirmOnPage(e.web, end.body.approval.approvalUrl);
  expect((await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract.status).toBe('ended');
  const late = await send(h, e.agentToken, dm, 'Thanks again!');
  expect(late.status).toBe(409);
  expect(late.body.details).toMatchObject({ reason: 'read_only_conversation', statusReason: 'contract_ended' });
  expect((await h.api(`/messages?conversationId=${dm}`, { token: e.agentToken })).body.conversation.status).toBe('read_only');
  // The pre-hire room is a different conversation and stays open.
  expect((await send(h, e.agentToken, preHire, 'Would you be up for another project later?')).status).toBe(201);
});
