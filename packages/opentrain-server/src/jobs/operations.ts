/** @module Handlers of the jobs operations (drafts, publishing, the tokenless marketplace). No SQL here. */
import { closeJob, createJobDraft, getPublicJob, jobChanges, jobFacets, listJobs, publishJob, searchJobs, updateJobDraftFields, updatePublishedJob } from '@opentrain/api';
import { unauthorized } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../platform/context';
import { implementJobs as implement } from './context';
import { mergePatchInput } from './drafts/draft-fields';
import type { JobActor } from './jobs-service';

function actor(ctx: Pick<OpenTrainContext, 'auth'>): JobActor & { auth: OpenTrainAuth } {
  if (!ctx.auth) throw unauthorized();
  return {
    auth: ctx.auth,
    organizationId: ctx.auth.organizationId,
    claimed: ctx.auth.claimed,
  };
}

export const jobsImplementations = [
  implement(createJobDraft, async (input, ctx) => {
    const { organizationId } = actor(ctx);
    const created = await ctx.services.drafts.create(organizationId, input);
    if (!created.created) ctx.scope.setStatus(200);
    return {
      ...ctx.services.drafts.state(created.row),
      created: created.created,
      externalId: created.row.external_id,
      warnings: created.warnings,
      unmappedFields: created.unmappedFields,
      lowConfidenceFields: created.lowConfidenceFields,
    };
  }),
  implement(updateJobDraftFields, async (input, ctx) => {
    const { organizationId } = actor(ctx);
    const row = await ctx.services.drafts.update(organizationId, input.jobId, mergePatchInput(input));
    return ctx.services.drafts.state(row);
  }),
  implement(publishJob, async (input, ctx) => {
    const result = await ctx.services.jobs.publish(actor(ctx), input.jobId);
    return {
      ok: true as const,
      jobId: result.view.id,
      status: 'OPEN' as const,
      alreadyPublished: result.alreadyPublished,
      jobUrl: result.view.jobUrl,
      publishAttemptId: result.publishAttemptId,
      warnings: [],
      sideEffects: { dispatched: result.dispatched, status: 'queued' as const },
    };
  }),
  implement(updatePublishedJob, async (input, ctx) => {
    const result = await ctx.services.jobs.updateLive(actor(ctx), input.jobId, mergePatchInput(input));
    return {
      ok: true as const,
      jobId: result.view.id,
      status: 'OPEN' as const,
      jobUrl: result.view.jobUrl,
      moderation: result.moderation,
    };
  }),
  implement(closeJob, async (input, ctx) => {
    const result = await ctx.services.jobs.close(actor(ctx), input.jobId);
    return {
      ok: true as const,
      jobId: result.jobId,
      status: 'ARCHIVED' as const,
      alreadyClosed: result.alreadyClosed,
    };
  }),
  implement(listJobs, async (input, ctx) => ctx.services.jobs.listMine(actor(ctx).organizationId, input)),
  // CORS and Cache-Control of the tokenless marketplace are declared on the contracts (`http`).
  implement(searchJobs, (input, ctx) => ctx.services.marketplace.search({ ...input, q: input.q ?? input.query })),
  implement(jobFacets, (_input, ctx) => ctx.services.marketplace.facets()),
  implement(jobChanges, (input, ctx) => ctx.services.marketplace.changes(input.since)),
  implement(getPublicJob, async (input, ctx) => {
    const job = await ctx.services.marketplace.getListed(input.jobId);
    if (job) return job;
    // The contract's documented 404 body (`otherResponses`), checked against its schema like any output.
    ctx.scope.setStatus(404);
    return { id: input.jobId, status: 'closed' } as never;
  }),
];
