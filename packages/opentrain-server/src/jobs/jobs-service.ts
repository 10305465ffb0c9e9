/**
 * @module Jobs after drafting: read any job, publish (validation → moderation → daily limit),
 * edit a live job with re-moderation, close, list the account's jobs. Publish listeners run after
 * the publishing transaction commits.
 */
import { type DraftFieldsPatch, JOB_STATUSES } from '@opentrain/api';
import { badRequest, type Clock, conflict, forbidden, type Logger, notFound } from '@platform/kit';
import { sql } from 'kysely';
import { iso } from '../platform/db';
import { allFields, applyPatch, validateContent } from './drafts/draft-fields';
import { contentOf } from './drafts/drafts-service';
import { moderateJobPosting } from '../moderation';
import { recordChange } from './changes';
import { cursorDate, decodeCursor, encodeCursor } from './cursor';
import type { JobsDb } from './db';
import { type JobRow, type JobView, toJobView } from './job-view';
import { type PublishedListener, PublishedListeners } from './listeners';
import { enforcePublishLimit, type PublishLimits } from './publish-limits';
import type { JobStatus } from './schema';
import { slugify } from './slug';

export interface JobsServiceDeps {
  db: JobsDb;
  clock: Clock;
  logger: Logger;
  publicUrl(): string;
  publishLimits: PublishLimits;
}

/** Who is acting: the account, and whether a human claimed it (publish limit). */
export interface JobActor {
  organizationId: string;
  claimed: boolean;
}

const notYours = (jobId: string) => notFound(`No job ${jobId} in this account.`, { resource: 'jobs', jobId });

export class JobsService {
  private readonly db: JobsDb;
  private readonly clock: Clock;
  private readonly listeners: PublishedListeners;
  private readonly publicUrl: () => string;

  constructor(private readonly deps: JobsServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.publicUrl = deps.publicUrl;
    this.listeners = new PublishedListeners(deps.logger);
  }

  /** Any job, any status, any account (callers enforce tenancy). */
  async get(jobId: string): Promise<JobView | undefined> {
    const row = await this.db.selectFrom('ot_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return row ? toJobView(row, this.publicUrl()) : undefined;
  }

  /** Registers a listener run after each publish commits (errors are logged, never fail the publish). */
  onPublished(listener: PublishedListener): void {
    this.listeners.add(listener);
  }

  view(row: JobRow): JobView {
    return toJobView(row, this.publicUrl());
  }

  /** POST /jobs/{id}/publish. Idempotent: an OPEN job answers alreadyPublished. */
  async publish(actor: JobActor, jobId: string) {
    const now = this.clock.now();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!row || row.organization_id !== actor.organizationId) throw notYours(jobId);
      if (row.status === 'OPEN') return { row, alreadyPublished: true, attemptId: null };
      if (row.status !== 'DRAFT') {
        throw conflict(`Job ${jobId} is ${row.status}; only drafts can be published.`, { jobId, status: row.status, requiredStatus: 'DRAFT' });
      }
      const content = contentOf(row);
      const { validation, missingFields } = validateContent(content);
      if (!validation.publishReady) {
        throw badRequest(`Draft ${jobId} is not ready to publish: ${[...validation.missingFields, ...validation.issues.map((i) => i.field)].join(', ')}.`, {
          reason: 'draft_not_publish_ready',
          jobId,
          validation,
          missingFields,
        });
      }
      const moderation = moderateJobPosting(allFields(content));
      if (!moderation.allowed) {
        throw forbidden(`The job post was blocked by moderation: ${moderation.reasons.map((r) => r.message).join(' ')}`, {
          reason: 'moderation_blocked',
          jobId,
          reasons: moderation.reasons,
        });
      }
      await enforcePublishLimit(trx, actor.organizationId, actor.claimed, this.deps.publishLimits, now);
      const published = await trx
        .updateTable('ot_jobs')
        .set({
          status: 'OPEN',
          published_at: now,
          closed_at: null,
          updated_at: now,
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const attemptId = await recordChange(trx, published, 'PUBLISHED', now);
      return {
        row: published,
        alreadyPublished: false,
        attemptId: `pub_${attemptId}`,
      };
    });
    const view = this.view(outcome.row);
    if (!outcome.alreadyPublished) await this.listeners.notify(view);
    return {
      view,
      alreadyPublished: outcome.alreadyPublished,
      publishAttemptId: outcome.attemptId,
      dispatched: !outcome.alreadyPublished,
    };
  }

  /**
   * PATCH /jobs/{id}: edits a live job. Re-moderated: a refused edit is still saved but the job goes
   * back to DRAFT (leaves the marketplace) and the call answers 409 moderation_blocked.
   */
  async updateLive(actor: JobActor, jobId: string, patch: DraftFieldsPatch) {
    if (Object.keys(patch).length === 0)
      throw badRequest('Send at least one field to change.', {
        field: '(body)',
      });
    const now = this.clock.now();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!row || row.organization_id !== actor.organizationId) throw notYours(jobId);
      if (row.status !== 'OPEN') {
        throw conflict(`Job ${jobId} is ${row.status}; only OPEN jobs can be edited here${row.status === 'DRAFT' ? ` (drafts: PATCH /job-drafts/${jobId})` : ''}.`, {
          jobId,
          status: row.status,
          requiredStatus: 'OPEN',
        });
      }
      const next = applyPatch(contentOf(row), patch);
      const { validation, missingFields } = validateContent(next);
      if (!validation.publishReady) {
        throw badRequest(`The edit would leave job ${jobId} incomplete; nothing was changed.`, {
          reason: 'draft_not_publish_ready',
          jobId,
          validation,
          missingFields,
        });
      }
      const moderation = moderateJobPosting(allFields(next));
      const status: JobStatus = moderation.allowed ? 'OPEN' : 'DRAFT';
      const updated = await trx
        .updateTable('ot_jobs')
        .set({
          title: next.title,
          description: next.description,
          fields: sql`${JSON.stringify(next.fields)}::jsonb`,
          slug: slugify(next.title),
          status,
          updated_at: now,
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordChange(trx, updated, moderation.allowed ? 'UPDATED' : 'CLOSED', now);
      return { row: updated, moderation };
    });
    if (!outcome.moderation.allowed) {
      throw conflict(`The edit was saved but blocked by moderation, so job ${jobId} was unpublished (now DRAFT). Fix the listed reasons, then publish again.`, {
        jobId,
        reason: 'moderation_blocked',
        reasons: outcome.moderation.reasons,
        status: 'DRAFT',
      });
    }
    return {
      view: this.view(outcome.row),
      moderation: { decision: 'ALLOW' as const, reasons: [] },
    };
  }

  /** POST /jobs/{id}/close: any status → ARCHIVED; idempotent. Contracts are not touched. */
  async close(actor: JobActor, jobId: string) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!row || row.organization_id !== actor.organizationId) throw notYours(jobId);
      if (row.status === 'ARCHIVED') return { jobId, alreadyClosed: true };
      await trx.updateTable('ot_jobs').set({ status: 'ARCHIVED', closed_at: now, updated_at: now }).where('id', '=', jobId).execute();
      if (row.published_at) await recordChange(trx, row, 'CLOSED', now);
      return { jobId, alreadyClosed: false };
    });
  }

  /** GET /jobs/mine: newest first, drafts included, with proposal counts. */
  async listMine(organizationId: string, options: { status?: string; limit: number; cursor?: string }) {
    let status: JobStatus | undefined;
    if (options.status !== undefined) {
      const wanted = options.status
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
      if (!(JOB_STATUSES as readonly string[]).includes(wanted)) {
        throw badRequest(`status must be one of ${JOB_STATUSES.join(', ')}.`, {
          field: 'status',
          supportedStatuses: [...JOB_STATUSES],
        });
      }
      status = wanted as JobStatus;
    }
    let query = this.db
      .selectFrom('ot_jobs as j')
      .selectAll('j')
      .select([
        sql<string>`(select count(*) from ot_proposals p where p.job_id = j.id)`.as('proposals_total'),
        sql<string>`(select count(*) from ot_proposals p where p.job_id = j.id and p.status = 'UNREVIEWED')`.as('proposals_unreviewed'),
      ])
      .where('j.organization_id', '=', organizationId)
      .orderBy('j.created_at', 'desc')
      .orderBy('j.seq', 'desc')
      .limit(options.limit + 1);
    if (status) query = query.where('j.status', '=', status);
    if (options.cursor) {
      const [createdAt, seq] = decodeCursor(options.cursor, ['s', 'n']);
      query = query.where(sql<boolean>`(j.created_at, j.seq) < (${cursorDate(createdAt)}, ${seq})`);
    }
    const rows = await query.execute();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      jobs: page.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        published: r.status === 'OPEN',
        acceptingApplicants: r.status === 'OPEN',
        createdAt: iso(r.created_at) as string,
        updatedAt: iso(r.updated_at) as string,
        jobUrl: this.view(r).jobUrl,
        proposalCounts: {
          total: Number(r.proposals_total),
          unreviewed: Number(r.proposals_unreviewed),
        },
      })),
      nextCursor: rows.length > options.limit && last ? encodeCursor([iso(last.created_at) as string, Number(last.seq)]) : null,
    };
  }
}
