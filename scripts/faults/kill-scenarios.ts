/**
 * @module SIGKILL in the middle of an operation, then a restart on the same database: each scenario
 * starts the app with FAULT_KILL_AT at its point (or kills it from outside while the webhook receiver
 * holds a delivery open), drives the operation over HTTP until the process dies, starts the app again
 * without the fault, checks what the caller can see (nothing half done, nothing done twice), and
 * finishes the operation the way a person or the worker would (confirm again, stop again, wait for
 * the job). The database-wide invariants are checked at the end (invariants.ts).
 */
import type { KillPoint } from '@platform/kit';
import { expectKilled, type RunningApp, startApp, stopApp, type Target } from './app';
import { eventually, expectStatus, sleep } from './http';
import * as ot from './opentrain';
import type { Receiver } from './receiver';
import * as ta from './trainar';

const HIRE_USD = 100;
/** A later milestone, funded on a contract after the hire. */
const FUND_USD = 40;

export interface KillState {
  target: Target;
  employer: ot.Employer;
  /** What GET /credits must say: every confirmed operation applied exactly once. */
  expected: { availableCents: number; reservedCents: number };
  receiver: Receiver;
  webhookId: string;
  tenant: ta.Tenant;
  /** TrainAR's own receiver and endpoint (its event ids are its own outbox's, so they are kept apart from OpenTrain's). */
  trainarReceiver: Receiver;
  trainarWebhookId: string;
  /** Funded milestones (by a hire or a funding), oldest first, waiting for a capture or a contract end. */
  funded: Array<{ contractId: string; milestoneId: string; escrowCents: number }>;
  /** Contracts still active, oldest first: a funding adds a milestone to the first, an end ends it. */
  contracts: string[];
  /** Applicants not hired, for the webhook scenarios' events (a hire request, then declined). */
  spareProposals: string[];
  round: number;
}

type Context = Record<string, unknown>;

export interface KillScenario {
  name: string;
  /** The FAULT_KILL_AT point, or null when the scenario kills the process itself. */
  point: KillPoint | null;
  drive(app: RunningApp, s: KillState): Promise<Context>;
  /** On the restarted app: checks and completes the operation; returns the line for the report. */
  recover(app: RunningApp, s: KillState, ctx: Context): Promise<string>;
  /** Armed only in an app of its own (see KILL_SCENARIOS). */
  ownStart?: boolean;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** The request the process dies under: its failure is the expected outcome. */
async function dying(request: Promise<unknown>): Promise<void> {
  await request.catch(() => undefined);
}

async function expectCredits(app: RunningApp, s: KillState, when: string) {
  const now = await ot.credits(app.opentrain, ot.rebind(s.employer, app.opentrain));
  check(now.availableCents === s.expected.availableCents && now.reservedCents === s.expected.reservedCents, `${when}: credits ${JSON.stringify(now)}, expected ${JSON.stringify(s.expected)}`);
}

function hireScenario(point: 'opentrain.approval.before-commit:proposal_hire' | 'opentrain.approval.after-commit:proposal_hire'): KillScenario {
  const committed = point.includes('after-commit');
  return {
    name: `hire confirmation, killed ${committed ? 'after the commit' : 'before the commit'}`,
    point,
    async drive(app, s) {
      const e = ot.rebind(s.employer, app.opentrain);
      const { jobId, proposalId } = await ot.publishedJobWithProposal(app.opentrain, e, `r${s.round}-${committed ? 'b' : 'a'}`);
      await expectCredits(app, s, 'before the hire');
      const approval = await ot.requestHire(app.opentrain, e, proposalId, HIRE_USD);
      await dying(ot.confirm(e, approval.id));
      return { approvalId: approval.id, jobId, proposalId };
    },
    async recover(app, s, ctx) {
      const e = ot.rebind(s.employer, app.opentrain);
      const approvalId = ctx.approvalId as string;
      const money = ot.hireCents(HIRE_USD);
      const after = await ot.approval(app.opentrain, e, approvalId);
      if (committed) {
        check(after.status === 'confirmed', `the hire committed before the kill, but the approval reads ${after.status}`);
        s.expected.availableCents -= money.total;
        s.expected.reservedCents += money.escrow;
        await expectCredits(app, s, 'after the restart (charged once)');
      } else {
        check(after.status === 'pending', `the hire was killed before its commit, but the approval reads ${after.status}`);
        await expectCredits(app, s, 'after the restart (nothing charged)');
      }
      // The human presses Confirm again (the page they had open): applied now, or replayed.
      const status = await ot.confirm(e, approvalId);
      check(status === 'confirmed', `confirming again showed ${status}`);
      if (!committed) {
        s.expected.availableCents -= money.total;
        s.expected.reservedCents += money.escrow;
      }
      await expectCredits(app, s, 'after confirming again');
      const confirmed = await ot.approval(app.opentrain, e, approvalId);
      const contract = await ot.contract(app.opentrain, e, confirmed.result?.contractId as string);
      check(contract.milestones.length === 1 && contract.milestones[0].status === 'ACTIVE_FUNDED', `the contract's milestones: ${JSON.stringify(contract.milestones)}`);
      s.funded.push({ contractId: contract.id, milestoneId: contract.milestones[0].id, escrowCents: money.escrow });
      s.contracts.push(contract.id);
      const list = await expectStatus(200, 'GET', `${app.opentrain}/api/public/v1/jobs/${ctx.jobId}/proposals?limit=20`, { token: e.token });
      s.spareProposals.push(...(list.proposals as Array<{ id: string; status: string }>).filter((p) => p.id !== ctx.proposalId && p.status !== 'HIRED').map((p) => p.id));
      return `approval ${committed ? 'confirmed once (the retry replayed)' : 'still pending, nothing charged; confirmed on retry'}; credits ${s.expected.availableCents}/${s.expected.reservedCents} cents`;
    },
  };
}

/**
 * On the restarted app, after a kill while confirming a milestone's approval (`ctx`: approvalId,
 * contractId, milestoneId): the approval and milestone read as committed or untouched, credits moved
 * once or not at all; the human confirms again, which applies it or replays it.
 */
async function recoverMilestoneDecision(
  app: RunningApp,
  s: KillState,
  ctx: Context,
  o: { what: string; committed: boolean; from: string; to: string; move: { availableCents: number; reservedCents: number } },
): Promise<void> {
  const e = ot.rebind(s.employer, app.opentrain);
  const milestone = async () => (await ot.contract(app.opentrain, e, ctx.contractId as string)).milestones.find((m) => m.id === ctx.milestoneId)?.status;
  const apply = () => {
    s.expected.availableCents += o.move.availableCents;
    s.expected.reservedCents += o.move.reservedCents;
  };
  const after = await ot.approval(app.opentrain, e, ctx.approvalId as string);
  const [approvalWanted, milestoneWanted] = o.committed ? ['confirmed', o.to] : ['pending', o.from];
  check(
    after.status === approvalWanted && (await milestone()) === milestoneWanted,
    `the ${o.what} ${o.committed ? 'committed before the kill' : 'was killed before its commit'}, but the approval reads ${after.status}, the milestone ${await milestone()}`,
  );
  if (o.committed) apply();
  await expectCredits(app, s, 'after the restart');
  const status = await ot.confirm(e, ctx.approvalId as string);
  check(status === 'confirmed', `confirming again showed ${status}`);
  if (!o.committed) apply();
  await expectCredits(app, s, 'after confirming again');
  check((await milestone()) === o.to, `the milestone is ${await milestone()} after the ${o.what}`);
}

function captureScenario(point: 'opentrain.approval.before-commit:milestone_approve' | 'opentrain.approval.after-commit:milestone_approve'): KillScenario {
  const committed = point.includes('after-commit');
  return {
    name: `milestone capture (escrow paid out), killed ${committed ? 'after the commit' : 'before the commit'}`,
    point,
    async drive(app, s) {
      const e = ot.rebind(s.employer, app.opentrain);
      const target = s.funded.shift();
      if (!target) throw new Error('no funded milestone to capture');
      const approval = await ot.requestMilestoneApproval(app.opentrain, e, target.milestoneId);
      await dying(ot.confirm(e, approval.id));
      return { approvalId: approval.id, ...target };
    },
    async recover(app, s, ctx) {
      const escrow = ctx.escrowCents as number;
      await recoverMilestoneDecision(app, s, ctx, { what: 'capture', committed, from: 'ACTIVE_FUNDED', to: 'PAID', move: { availableCents: 0, reservedCents: -escrow } });
      return `escrow captured exactly once (${committed ? 'the retry replayed' : 'nothing moved before the retry'}); credits ${s.expected.availableCents}/${s.expected.reservedCents} cents`;
    },
  };
}

function fundScenario(point: 'opentrain.approval.before-commit:milestone_fund' | 'opentrain.approval.after-commit:milestone_fund'): KillScenario {
  const committed = point.includes('after-commit');
  return {
    name: `milestone funding (escrow held), killed ${committed ? 'after the commit' : 'before the commit'}`,
    point,
    async drive(app, s) {
      const e = ot.rebind(s.employer, app.opentrain);
      const contractId = s.contracts[0];
      if (!contractId) throw new Error('no active contract to fund a milestone on');
      const { milestoneId, approval } = await ot.requestFunding(app.opentrain, e, contractId, FUND_USD);
      await dying(ot.confirm(e, approval.id));
      return { approvalId: approval.id, contractId, milestoneId };
    },
    async recover(app, s, ctx) {
      const { escrow } = ot.fundCents(FUND_USD);
      await recoverMilestoneDecision(app, s, ctx, { what: 'funding', committed, from: 'NOT_FUNDED', to: 'ACTIVE_FUNDED', move: { availableCents: -escrow, reservedCents: escrow } });
      s.funded.push({ contractId: ctx.contractId as string, milestoneId: ctx.milestoneId as string, escrowCents: escrow });
      return `escrow held exactly once (${committed ? 'the retry replayed' : 'nothing held before the retry'}); credits ${s.expected.availableCents}/${s.expected.reservedCents} cents`;
    },
  };
}

function endScenario(point: 'opentrain.approval.before-commit:contract_end' | 'opentrain.approval.after-commit:contract_end'): KillScenario {
  const committed = point.includes('after-commit');
  return {
    name: `contract end (escrow returned), killed ${committed ? 'after the commit' : 'before the commit'}`,
    point,
    async drive(app, s) {
      const e = ot.rebind(s.employer, app.opentrain);
      const contractId = s.contracts.find((id) => s.funded.some((f) => f.contractId === id));
      if (!contractId) throw new Error('no active contract with funded work to end');
      const funded = (await ot.contract(app.opentrain, e, contractId)).milestones.filter((m) => m.status === 'ACTIVE_FUNDED');
      const escrow = funded.reduce((sum, m) => sum + ot.fundCents(m.amountUsd).escrow, 0);
      const approval = await ot.requestContractEnd(app.opentrain, e, contractId);
      await dying(ot.confirm(e, approval.id));
      return { approvalId: approval.id, contractId, escrow, milestoneIds: funded.map((m) => m.id) };
    },
    async recover(app, s, ctx) {
      const e = ot.rebind(s.employer, app.opentrain);
      const escrow = ctx.escrow as number;
      const milestoneIds = ctx.milestoneIds as string[];
      const state = async () => {
        const c = await ot.contract(app.opentrain, e, ctx.contractId as string);
        return { contract: c.status, milestones: c.milestones.filter((m) => milestoneIds.includes(m.id)).map((m) => m.status) };
      };
      const after = await ot.approval(app.opentrain, e, ctx.approvalId as string);
      const seen = await state();
      if (committed) {
        check(after.status === 'confirmed' && seen.contract === 'ended' && seen.milestones.every((m) => m === 'REFUNDED'), `the end committed before the kill, but the approval reads ${after.status}, the contract ${JSON.stringify(seen)}`);
        s.expected.availableCents += escrow;
        s.expected.reservedCents -= escrow;
      } else {
        check(after.status === 'pending' && seen.contract === 'active' && seen.milestones.every((m) => m === 'ACTIVE_FUNDED'), `the end was killed before its commit, but the approval reads ${after.status}, the contract ${JSON.stringify(seen)}`);
      }
      await expectCredits(app, s, 'after the restart');
      const status = await ot.confirm(e, ctx.approvalId as string);
      check(status === 'confirmed', `confirming again showed ${status}`);
      if (!committed) {
        s.expected.availableCents += escrow;
        s.expected.reservedCents -= escrow;
      }
      await expectCredits(app, s, 'after confirming again');
      const ended = await state();
      check(ended.contract === 'ended' && ended.milestones.every((m) => m === 'REFUNDED'), `after the end: ${JSON.stringify(ended)}`);
      s.contracts = s.contracts.filter((id) => id !== ctx.contractId);
      s.funded = s.funded.filter((f) => f.contractId !== ctx.contractId);
      return `${milestoneIds.length} funded milestone(s), ${escrow} cents returned exactly once (${committed ? 'the retry replayed' : 'nothing returned before the retry'}); credits ${s.expected.availableCents}/${s.expected.reservedCents} cents`;
    },
  };
}

/** An event for the webhook: a hire request on a spare applicant, declined by the human (approval.confirmed, status declined). */
async function declinedHire(app: RunningApp, s: KillState): Promise<string> {
  const e = ot.rebind(s.employer, app.opentrain);
  const proposalId = s.spareProposals.shift();
  if (!proposalId) throw new Error('no spare applicant left for a webhook event');
  const approval = await ot.requestHire(app.opentrain, e, proposalId, 50);
  await e.web.get(`/approvals/${approval.id}`);
  const declined = await e.web.post(`/approvals/${approval.id}/decline`, {});
  if (!declined.text.includes('data-approval-status="declined"')) throw new Error(`declining ${approval.id}: ${declined.status}`);
  return approval.id;
}

/** The delivery the process died during (or just after) arrives again, with the same delivery id, and is logged as succeeded. */
async function redelivered(app: RunningApp, s: KillState, deliveryId: string, eventType: string): Promise<string> {
  const e = ot.rebind(s.employer, app.opentrain);
  const started = Date.now();
  await eventually(
    `the redelivery of ${deliveryId}`,
    async () => {
      const answered = s.receiver.received.filter((r) => r.deliveryId === deliveryId && r.answered);
      const log = await ot.webhookDeliveries(app.opentrain, e, s.webhookId);
      return answered.length > 0 && log.some((d) => d.deliveryId === deliveryId && d.outcome === 'succeeded') ? true : undefined;
    },
    120_000,
    500,
  );
  const copies = s.receiver.received.filter((r) => r.deliveryId === deliveryId).length;
  return `${eventType} delivery ${deliveryId} received ${copies}× with one delivery id (at least once), logged succeeded ${Math.round((Date.now() - started) / 1000)} s after the restart`;
}

const webhookAfterSend: KillScenario = {
  name: 'webhook delivery, killed after the receiver answered and before the attempt was logged',
  point: 'opentrain.webhook.after-send',
  async drive(app, s) {
    const before = s.receiver.received.length;
    let approvalId: string | undefined;
    await dying(declinedHire(app, s).then((id) => (approvalId = id)));
    return { before, approvalId };
  },
  async recover(app, s, ctx) {
    const sent = s.receiver.received.slice(ctx.before as number);
    check(sent.length > 0, 'the app died without sending a delivery');
    const last = sent[sent.length - 1];
    check(last.answered, 'the receiver answered the delivery sent before the kill');
    return redelivered(app, s, last.deliveryId, last.type);
  },
};

const webhookInFlight: KillScenario = {
  name: 'webhook delivery, kill -9 while the receiver holds the request open',
  point: null,
  async drive(app, s) {
    const held = s.receiver.holdNext();
    await declinedHire(app, s);
    const request = await Promise.race([held, sleep(60_000).then(() => null)]);
    if (!request) throw new Error('no delivery reached the receiver within 60 s');
    app.process.child.kill('SIGKILL');
    return { deliveryId: request.deliveryId, type: request.type };
  },
  recover: (app, s, ctx) => redelivered(app, s, ctx.deliveryId as string, ctx.type as string),
};

const trainarWebhookInFlight: KillScenario = {
  name: 'TrainAR webhook delivery, kill -9 while the receiver holds the request open',
  point: null,
  async drive(app, s) {
    const held = s.trainarReceiver.holdNext();
    const taskId = await ta.createTask(app.trainar, s.tenant, `Fault round ${s.round}`);
    const request = await Promise.race([held, sleep(60_000).then(() => null)]);
    if (!request) throw new Error('no TrainAR delivery reached the receiver within 60 s');
    app.process.child.kill('SIGKILL');
    return { deliveryId: request.deliveryId, taskId };
  },
  async recover(app, s, ctx) {
    const started = Date.now();
    const deliveryId = ctx.deliveryId as string;
    await eventually(`the redelivery of TrainAR event ${deliveryId}`, async () => (s.trainarReceiver.received.some((r) => r.deliveryId === deliveryId && r.answered) ? true : undefined), 120_000, 500);
    const copies = s.trainarReceiver.received.filter((r) => r.deliveryId === deliveryId);
    check(copies.every((r) => JSON.parse(r.body).data?.task_id === ctx.taskId), `the redelivered body is not task ${ctx.taskId}'s task.created`);
    const endpoint = await ta.webhook(app.trainar, s.tenant, s.trainarWebhookId);
    check(endpoint.is_active && endpoint.failure_count === 0, `the endpoint reads ${JSON.stringify(endpoint)} after the redelivery`);
    return `task.created ${deliveryId} received ${copies.length}× with one webhook-id (at least once), answered ${Math.round((Date.now() - started) / 1000)} s after the restart; the endpoint has no failures`;
  },
};

function sessionStopScenario(point: 'trainar.session.before-commit:stop' | 'trainar.session.after-commit:stop'): KillScenario {
  const committed = point.includes('after-commit');
  return {
    name: `training session stop (minute accounting), killed ${committed ? 'after the commit' : 'before the commit'}`,
    point,
    async drive(app, s) {
      const sessionId = await ta.startSession(app.trainar, s.tenant);
      await sleep(1500);
      const pool = await ta.minutes(app.trainar, s.tenant);
      await dying(expectStatus(200, 'POST', `${app.trainar}/v1/device/sessions/${sessionId}/stop`, { token: s.tenant.device }));
      return { sessionId, pool };
    },
    async recover(app, s, ctx) {
      const sessionId = ctx.sessionId as string;
      const pool = ctx.pool as number;
      const charged = (seconds: number) => Math.round((pool - seconds / 60) * 10000) / 10000;
      const after = await ta.session(app.trainar, s.tenant, sessionId);
      if (committed) {
        check(after.stopped_at !== null && after.duration_seconds !== null, `the stop committed before the kill, but the session reads ${JSON.stringify(after)}`);
        check(Math.abs((await ta.minutes(app.trainar, s.tenant)) - charged(after.duration_seconds as number)) < 0.0002, 'the pool after the committed stop is not the pool minus the session time');
      } else {
        check(after.stopped_at === null && after.status === 'in_progress', `the stop was killed before its commit, but the session reads ${JSON.stringify(after)}`);
        check((await ta.minutes(app.trainar, s.tenant)) === pool, 'the pool changed although the stop never committed');
      }
      // The glasses retry the stop.
      const stopped = await expectStatus(200, 'POST', `${app.trainar}/v1/device/sessions/${sessionId}/stop`, { token: s.tenant.device });
      check(stopped.duration_seconds !== null && (!committed || stopped.duration_seconds === after.duration_seconds), `the retried stop reads ${JSON.stringify(stopped)}`);
      const left = await ta.minutes(app.trainar, s.tenant);
      check(Math.abs(left - charged(stopped.duration_seconds)) < 0.0002, `pool ${left} after a ${stopped.duration_seconds} s session; expected ${charged(stopped.duration_seconds)} (charged exactly once)`);
      return `session of ${stopped.duration_seconds} s charged once (${pool} → ${left} min)${committed ? '; the retried stop changed nothing' : '; still running after the restart, stopped on retry'}`;
    },
  };
}

function knowledgeScenario(point: 'trainar.knowledge.after-chunks' | 'trainar.knowledge.after-embed-batch', sections: number): KillScenario {
  return {
    name: `knowledge processing, killed ${point.endsWith('chunks') ? 'after chunking (nothing embedded yet)' : 'after the first embedding batch'}`,
    point,
    async drive(app, s) {
      const knowledgeId = await ta.uploadKnowledge(app.trainar, s.tenant, `r${s.round}-${point.slice(-6)}`, sections);
      return { knowledgeId };
    },
    async recover(app, s, ctx) {
      const started = Date.now();
      const item = await eventually(
        'the document to be ready',
        async () => {
          const k = await ta.knowledge(app.trainar, s.tenant, ctx.knowledgeId as string);
          if (k.status === 'failed') throw new Error(`processing failed: ${k.files.map((f) => f.error).join('; ')}`);
          return k.status === 'ready' ? k : undefined;
        },
        150_000,
        500,
      );
      return `the job resumed after its lease expired: ready with ${item.chunk_count} chunks ${Math.round((Date.now() - started) / 1000)} s after the restart`;
    },
  };
}

/**
 * In this order, each scenario's point is armed in the app that recovers the previous one (one start
 * per scenario): no recovery reaches the next point (a hire is recovered while a session stop is
 * armed, and so on). The after-send webhook point would fire on any delivery, so it gets a start
 * of its own (`ownStart`) once the previous recovery is done.
 */
export const KILL_SCENARIOS: KillScenario[] = [
  hireScenario('opentrain.approval.before-commit:proposal_hire'),
  sessionStopScenario('trainar.session.before-commit:stop'),
  fundScenario('opentrain.approval.before-commit:milestone_fund'),
  captureScenario('opentrain.approval.before-commit:milestone_approve'),
  sessionStopScenario('trainar.session.after-commit:stop'),
  hireScenario('opentrain.approval.after-commit:proposal_hire'),
  fundScenario('opentrain.approval.after-commit:milestone_fund'),
  knowledgeScenario('trainar.knowledge.after-chunks', 20),
  captureScenario('opentrain.approval.after-commit:milestone_approve'),
  endScenario('opentrain.approval.before-commit:contract_end'),
  knowledgeScenario('trainar.knowledge.after-embed-batch', 100),
  endScenario('opentrain.approval.after-commit:contract_end'),
  trainarWebhookInFlight,
  webhookInFlight,
  { ...webhookAfterSend, ownStart: true },
];

/** Runs every scenario `rounds` times on one database; returns the app left running (clean). */
export async function runKillScenarios(target: Target, rounds: number, setup: (app: RunningApp) => Promise<KillState>, log: (line: string) => void): Promise<RunningApp> {
  const armed = (scenario: KillScenario | undefined) => (scenario && !scenario.ownStart ? (scenario.point ?? undefined) : undefined);
  let app = await startApp(target, armed(KILL_SCENARIOS[0]));
  try {
    const s = await setup(app);
    for (s.round = 1; s.round <= rounds; s.round++) {
      for (const [i, scenario] of KILL_SCENARIOS.entries()) {
        if (scenario.ownStart) {
          await stopApp(app);
          app = await startApp(target, scenario.point ?? undefined);
        }
        const started = Date.now();
        const ctx = await scenario.drive(app, s);
        await expectKilled(app, scenario.point ?? 'external SIGKILL');
        app = await startApp(target, armed(KILL_SCENARIOS[i + 1] ?? (s.round < rounds ? KILL_SCENARIOS[0] : undefined)));
        const line = await scenario.recover(app, s, ctx);
        log(`  [${target.label}] round ${s.round}: ${scenario.name}: ${line} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
  } catch (err) {
    // What the app said last (LOG_LEVEL=error: its errors) explains a 500; then it must not be left running.
    log(`  [${target.label}] the app's last output:\n${app.process.output().slice(-4000)}`);
    await app.process.stop('SIGKILL').catch(() => undefined);
    throw err;
  }
  return app;
}
