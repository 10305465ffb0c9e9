/**
 * @module The sandbox marketplace: a seeded population of simulated trainers who apply to newly
 * published jobs over the next minutes (best fits first, plus a few weaker candidates), take the AI
 * interview, and accept invites. Runs through background jobs (`talent.sandbox.*`) so it survives
 * restarts and works with several instances; "immediate" mode (tests) does the same work inline.
 * Every record it creates is flagged `sandbox`.
 */
import type { JobHandlers, Logger } from '@platform/kit';
import { type Clock, enqueueJob } from '@platform/kit';
import type { JobView } from '../../jobs';
import type { TalentDb } from '../db';
import { candidateSkills } from '../freelancer-view';
import type { FreelancersService } from '../freelancers-service';
import type { InterviewsService } from '../interviews-service';
import { readJob } from '../job-reader';
import { matchScore } from '../matching';
import type { ProposalsService } from '../proposals-service';
import { DEFAULT_POPULATION_SEED, type TalentSettings } from '../settings';
import { sandboxAnswer, sandboxBid, sandboxCoverLetter, stableHash } from './answers';

export const APPLY_JOB = 'talent.sandbox.apply';
export const ACCEPT_INVITE_JOB = 'talent.sandbox.accept_invite';

/** Share of the applicants taken from the best matches; the rest are drawn from everyone else. */
const FIT_SHARE = 0.6;

export interface SimulatorDeps {
  db: TalentDb;
  clock: Clock;
  logger: Logger;
  settings: TalentSettings;
  freelancers: FreelancersService;
  proposals: ProposalsService;
  interviews: InterviewsService;
}

export class SandboxSimulator {
  private seeding: Promise<void> = Promise.resolve();
  constructor(private readonly deps: SimulatorDeps) {}

  /**
   * Seeds in the background so start-up is not held up (faker and a few hundred rows take a moment);
   * everything that needs the population awaits `ready()`, and the app's stop hook waits for it too.
   */
  startSeeding(): void {
    this.seeding = this.seed().then(
      (seeded) => {
        if (seeded) this.deps.logger.info({ seeded }, 'sandbox marketplace: seeded simulated freelancers');
      },
      (error) => this.deps.logger.error({ err: error }, 'sandbox marketplace: seeding failed'),
    );
  }

  ready(): Promise<void> {
    return this.seeding;
  }

  get enabled(): boolean {
    return this.deps.settings.sandboxMarketplace;
  }

  /** Seeds the population once (idempotent; a few hundred rows in two INSERTs). */
  async seed(): Promise<number> {
    if (!this.enabled || this.deps.settings.populationSize === 0) return 0;
    const { generatePopulation } = await import('./population');
    return this.deps.freelancers.seedSandbox(generatePopulation(this.deps.settings.populationSize, DEFAULT_POPULATION_SEED));
  }

  /** Who applies to a job: the best matches, plus a deterministic draw from the rest. */
  async chooseApplicants(jobId: string): Promise<string[]> {
    await this.ready();
    const job = await readJob(this.deps.db, jobId);
    if (!job) return [];
    const pool = await this.deps.freelancers.availableSandboxProfiles();
    const ranked = pool
      .map((p) => ({
        id: p.user_id,
        score: matchScore(job.requirements, candidateSkills(p)).score,
        tie: stableHash(`${jobId}:${p.user_id}`),
      }))
      .sort((a, b) => b.score - a.score || a.tie - b.tie);
    const count = Math.min(this.deps.settings.applicantsPerJob, ranked.length);
    const fits = ranked.slice(0, Math.ceil(count * FIT_SHARE));
    const others = ranked
      .slice(fits.length)
      .sort((a, b) => a.tie - b.tie)
      .slice(0, count - fits.length);
    return [...fits, ...others].map((c) => c.id);
  }

  /** The jobs domain calls this after a publish commits. */
  async onJobPublished(job: JobView): Promise<void> {
    if (!this.enabled) return;
    const applicants = await this.chooseApplicants(job.id);
    if (this.deps.settings.applyMode === 'immediate') {
      for (const userId of applicants) await this.apply(job.id, userId);
      return;
    }
    const now = this.deps.clock.now().getTime();
    const delayMs = this.deps.settings.applyDelaySeconds * 1000;
    await this.deps.db.transaction().execute(async (trx) => {
      for (const [i, userId] of applicants.entries()) {
        await enqueueJob(
          trx,
          {
            kind: APPLY_JOB,
            payload: { jobId: job.id, userId },
            runAt: new Date(now + delayMs * (i + 1)),
            dedupeKey: `${APPLY_JOB}:${job.id}:${userId}`,
            maxAttempts: 3,
          },
          this.deps.clock,
        );
      }
    });
  }

  /** After an invite to a sandbox trainer: they accept (later, or now in immediate mode). */
  async onInvited(proposalId: string, freelancerUserId: string): Promise<void> {
    if (!this.enabled || !(await this.deps.freelancers.isSandbox(freelancerUserId))) return;
    if (this.deps.settings.applyMode === 'immediate') {
      await this.acceptInvite(proposalId);
      return;
    }
    const runAt = new Date(this.deps.clock.now().getTime() + this.deps.settings.applyDelaySeconds * 1000);
    await enqueueJob(
      this.deps.db,
      {
        kind: ACCEPT_INVITE_JOB,
        payload: { proposalId },
        runAt,
        dedupeKey: `${ACCEPT_INVITE_JOB}:${proposalId}`,
        maxAttempts: 3,
      },
      this.deps.clock,
    );
  }

  /** One simulated application with a completed interview; skipped when the job closed or they already applied. */
  async apply(jobId: string, userId: string): Promise<void> {
    const job = await readJob(this.deps.db, jobId);
    const profile = await this.deps.freelancers.getProfile(userId);
    if (job?.status !== 'OPEN' || !profile?.sandbox) return;
    if (await this.deps.proposals.ownProposalForJob(userId, jobId)) return;
    const proposal = await this.deps.proposals.apply(userId, jobId, {
      bidAmountUsd: sandboxBid(profile, job.fields),
      coverLetter: sandboxCoverLetter(profile, job.requirements, job.title),
    });
    await this.completeInterview(proposal.id, userId);
  }

  async acceptInvite(proposalId: string): Promise<void> {
    const proposal = await this.deps.proposals.get(proposalId);
    if (proposal?.status !== 'INVITED') return;
    const job = await readJob(this.deps.db, proposal.jobId);
    const profile = await this.deps.freelancers.getProfile(proposal.freelancerUserId);
    if (job?.status !== 'OPEN' || !profile?.sandbox) return;
    await this.deps.proposals.acceptInvite(profile.user_id, proposalId, {
      bidAmountUsd: sandboxBid(profile, job.fields),
      coverLetter: sandboxCoverLetter(profile, job.requirements, job.title),
    });
    await this.completeInterview(proposalId, profile.user_id);
  }

  private async completeInterview(proposalId: string, userId: string): Promise<void> {
    const profile = await this.deps.freelancers.getProfile(userId);
    if (!profile) return;
    await this.deps.db.transaction().execute((trx) => this.deps.interviews.answerAll(trx, proposalId, (q) => sandboxAnswer(profile, q)));
  }

  jobHandlers(): JobHandlers {
    return {
      [APPLY_JOB]: async (job) => {
        const { jobId, userId } = job.payload as {
          jobId: string;
          userId: string;
        };
        await this.apply(jobId, userId);
      },
      [ACCEPT_INVITE_JOB]: async (job) => {
        await this.acceptInvite((job.payload as { proposalId: string }).proposalId);
      },
    };
  }
}
