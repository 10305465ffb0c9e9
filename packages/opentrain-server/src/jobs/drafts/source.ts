/**
 * @module Which draft source a `POST /job-drafts` body carries. REST bodies use
 * `rawJobDescription`, `source:{type,…}` or top-level `format` + `job|jsonLd|xml`; the MCP tool uses
 * `jobDescription` (+ `title`), `canonicalJob` or `importPayload`. The first present wins, in the
 * order: source, importPayload, canonicalJob, format, plain text.
 */
import type { createJobDraft } from '@opentrain/api';
import { badRequest, type z } from '@platform/kit';
import type { ImportInput } from '../extraction';

export type CreateDraftInput = z.output<typeof createJobDraft.input>;

export interface ResolvedSource {
  input: ImportInput;
  externalId: string | null;
  idempotencyKey: string | null;
}

interface Structured {
  job?: Record<string, unknown>;
  jsonLd?: unknown;
  xml?: string;
  text?: string;
  title?: string;
}

function structured(format: ImportInput['format'], payload: Structured, prefix: string, fallbackText?: string, fallbackTitle?: string): ImportInput {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  switch (format) {
    case 'text': {
      const text = payload.text ?? fallbackText;
      if (!text?.trim())
        throw badRequest(`${at('text')} is required for type "text".`, {
          field: at('text'),
        });
      const title = payload.title ?? fallbackTitle;
      return { format: 'text', text, ...(title?.trim() ? { title } : {}) };
    }
    case 'opentrain_canonical': {
      if (!payload.job) throw badRequest(`${at('job')} is required for format opentrain_canonical.`, { field: at('job') });
      const job = { ...payload.job };
      if (job.description === undefined && fallbackText?.trim()) job.description = fallbackText;
      if (job.title === undefined && fallbackTitle?.trim()) job.title = fallbackTitle;
      return { format, job };
    }
    case 'schema_org_job_posting':
      if (payload.jsonLd === undefined) throw badRequest(`${at('jsonLd')} is required for format schema_org_job_posting.`, { field: at('jsonLd') });
      return { format, jsonLd: payload.jsonLd };
    case 'indeed_xml':
    case 'hr_xml':
      if (!payload.xml?.trim())
        throw badRequest(`${at('xml')} is required for format ${format}.`, {
          field: at('xml'),
        });
      return { format, xml: payload.xml };
  }
}

export function resolveDraftSource(body: CreateDraftInput): ResolvedSource {
  const text = body.rawJobDescription ?? body.jobDescription;
  const keys = {
    externalId: body.externalId ?? body.source?.externalId ?? null,
    idempotencyKey: body.idempotencyKey ?? body.source?.idempotencyKey ?? null,
  };
  if (body.source)
    return {
      input: structured(body.source.type, body.source, 'source', text, body.title),
      ...keys,
    };
  if (body.importPayload)
    return {
      input: structured(body.importPayload.format, body.importPayload, 'importPayload', text, body.title),
      ...keys,
    };
  if (body.canonicalJob)
    return {
      input: structured('opentrain_canonical', { job: body.canonicalJob }, 'canonicalJob', text, body.title),
      ...keys,
    };
  if (body.format && body.format !== 'text')
    return {
      input: structured(body.format, body, '', text, body.title),
      ...keys,
    };
  if (!text?.trim()) {
    throw badRequest('Send the job as plain text in rawJobDescription (MCP: jobDescription), or a structured import in source.', { field: 'rawJobDescription' });
  }
  return {
    input: {
      format: 'text',
      text,
      ...(body.title?.trim() ? { title: body.title } : {}),
    },
    ...keys,
  };
}
