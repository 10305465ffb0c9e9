/**
 * @module Job drafts: create one from plain text or a structured import (server-side extraction,
 * optional LLM refiner), idempotently per account and idempotencyKey; patch fields by name.
 */
import type { DraftFieldsPatch } from '@opentrain/api';
import { badRequest, type Clock, conflict, type Logger, newId, notFound } from '@platform/kit';
import { sql } from 'kysely';
import type { JobsDb } from '../db';
import type { JobRow } from '../job-view';
import { slugify } from '../slug';
import { applyPatch, contentFromExtraction, type DraftContent, normalizedForResponse, validateContent } from './draft-fields';
import { type ExtractionResult, importJobDraft, JobImportError, type LlmRefinerConfig, refineExtraction } from '../extraction';
import { type CreateDraftInput, resolveDraftSource } from './source';

export interface DraftsServiceDeps {
  db: JobsDb;
  clock: Clock;
  logger: Logger;
  publicUrl(): string;
  refiner?: LlmRefinerConfig;
  /** Jobs created by this app are sandbox jobs (embedded quick start). */
  sandbox: boolean;
}

export interface DraftExtractionReport {
  warnings: ExtractionResult['warnings'];
  unmappedFields: ExtractionResult['unmappedFields'];
  lowConfidenceFields: string[];
}

export const draftUrl = (publicUrl: string, jobId: string) => `${publicUrl}/job-post?jobId=${encodeURIComponent(jobId)}`;

export const contentOf = (row: Pick<JobRow, 'title' | 'description' | 'fields'>): DraftContent => ({
  title: row.title,
  description: row.description,
  fields: row.fields ?? {},
});

export class DraftsService {
  constructor(private readonly deps: DraftsServiceDeps) {}

  /** The response every draft endpoint shares. */
  state(row: JobRow) {
    const content = contentOf(row);
    const { validation, missingFields } = validateContent(content);
    const url = draftUrl(this.deps.publicUrl(), row.id);
    return {
      ok: true as const,
      jobId: row.id,
      status: row.status,
      draftUrl: url,
      reviewUrl: url,
      validation,
      missingFields,
      normalizedFields: normalizedForResponse(content),
    };
  }

  private report(row: JobRow): DraftExtractionReport {
    const e = (row.extraction ?? {}) as Partial<DraftExtractionReport>;
    return {
      warnings: e.warnings ?? [],
      unmappedFields: e.unmappedFields ?? [],
      lowConfidenceFields: e.lowConfidenceFields ?? [],
    };
  }

  private async extract(input: ReturnType<typeof resolveDraftSource>['input']): Promise<ExtractionResult> {
    let result: ExtractionResult;
    try {
      result = importJobDraft(input);
    } catch (error) {
      if (error instanceof JobImportError)
        throw badRequest(error.message, {
          field: input.format === 'text' ? 'rawJobDescription' : 'source',
          reason: error.code,
        });
      throw error;
    }
    if (input.format === 'text' && this.deps.refiner) {
      result = await refineExtraction(input.text, result, this.deps.refiner);
      if (result.refiner && result.refiner.status !== 'ok') this.deps.logger.warn({ refiner: result.refiner }, 'LLM refiner did not answer; deterministic extraction kept');
    }
    return result;
  }

  async create(organizationId: string, body: CreateDraftInput) {
    const source = resolveDraftSource(body);
    const { db, clock } = this.deps;
    if (source.idempotencyKey) {
      const existing = await this.findByIdempotencyKey(organizationId, source.idempotencyKey);
      if (existing) return { row: existing, created: false, ...this.report(existing) };
    }
    const result = await this.extract(source.input);
    const content = contentFromExtraction(result.normalizedFields);
    const report: DraftExtractionReport = {
      warnings: result.warnings,
      unmappedFields: result.unmappedFields,
      lowConfidenceFields: result.lowConfidenceFields,
    };
    const now = clock.now();
    const inserted = await db
      .insertInto('ot_jobs')
      .values({
        id: newId('job', now),
        organization_id: organizationId,
        status: 'DRAFT',
        title: content.title,
        description: content.description,
        fields: sql`${JSON.stringify(content.fields)}::jsonb`,
        extraction: sql`${JSON.stringify({ ...report, fieldConfidence: result.fieldConfidence, refiner: result.refiner ?? null })}::jsonb`,
        slug: slugify(content.title),
        source_format: source.input.format,
        idempotency_key: source.idempotencyKey,
        external_id: source.externalId,
        sandbox: this.deps.sandbox,
        published_at: null,
        closed_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['organization_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true, ...report };
    // A concurrent request with the same key won the insert: answer with its draft.
    const winner = await this.findByIdempotencyKey(organizationId, source.idempotencyKey as string);
    if (!winner) throw new Error('idempotent insert lost but no draft found');
    return { row: winner, created: false, ...this.report(winner) };
  }

  private findByIdempotencyKey(organizationId: string, key: string) {
    return this.deps.db.selectFrom('ot_jobs').selectAll().where('organization_id', '=', organizationId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** PATCH /job-drafts/{jobId}: only the account's own unpublished drafts. */
  async update(organizationId: string, jobId: string, patch: DraftFieldsPatch) {
    if (Object.keys(patch).length === 0) throw badRequest('Send at least one field to change (keys from capabilities draft.updateKeys).', { field: '(body)' });
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_jobs').selectAll().where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!row || row.organization_id !== organizationId)
        throw notFound(`No draft ${jobId} in this account.`, {
          resource: 'job-drafts',
          jobId,
        });
      if (row.status !== 'DRAFT') {
        throw conflict(`Job ${jobId} is ${row.status}; only drafts change here (live jobs: PATCH /jobs/${jobId}).`, { jobId, status: row.status, requiredStatus: 'DRAFT' });
      }
      const next = applyPatch(contentOf(row), patch);
      return trx
        .updateTable('ot_jobs')
        .set({
          title: next.title,
          description: next.description,
          fields: sql`${JSON.stringify(next.fields)}::jsonb`,
          slug: slugify(next.title),
          updated_at: this.deps.clock.now(),
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }
}
