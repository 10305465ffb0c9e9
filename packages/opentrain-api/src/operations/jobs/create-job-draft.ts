import { defineOperation, z } from '@platform/kit';
import { DRAFT_IMPORT_FORMATS } from '../../catalog';
import { featureGate } from '../../gates';
import { draftStateSchema, summarizeDraft } from './schemas';

const key = z.string().trim().min(1).max(200);
const structured = {
  job: z.record(z.string(), z.unknown()).optional().describe('opentrain_canonical: the job object (title, description, paymentType, rateAmount, languages, …)'),
  jsonLd: z.unknown().optional().describe('schema_org_job_posting: the JobPosting JSON-LD (object or JSON string)'),
  xml: z.string().max(500_000).optional().describe('indeed_xml / hr_xml: the XML document'),
};

export const draftSourceSchema = z
  .object({
    type: z.enum(DRAFT_IMPORT_FORMATS).describe('text or one of the structured import formats'),
    text: z.string().max(60_000).optional().describe('type text: the plain-text job description'),
    title: z.string().max(200).optional().describe('type text: a title you already have'),
    ...structured,
    externalId: key.optional().describe('Your own id for this job'),
    idempotencyKey: key.optional().describe('Same key returns the same draft'),
  })
  .strict();

export default defineOperation({
  name: 'opentrain_create_job_draft',
  toolset: 'jobs',
  method: 'POST',
  path: '/job-drafts',
  description: 'Create a job draft from a plain-text description (or a structured import); returns extracted fields and an "ask:" question per missing field.',
  input: z
    .object({
      rawJobDescription: z.string().max(60_000).optional().describe('REST: the plain-text job description (max 60,000 characters)'),
      jobDescription: z.string().max(60_000).optional().describe('The plain-text job description, as the human wrote it (max 60,000 characters)'),
      title: z.string().max(200).optional().describe('A title, when you already have one'),
      source: draftSourceSchema.optional().describe('REST: {type:"text", text} or {type:<import format>, job|jsonLd|xml}'),
      format: z.enum(DRAFT_IMPORT_FORMATS).optional().describe('Structured import format (with job, jsonLd or xml)'),
      ...structured,
      canonicalJob: z.record(z.string(), z.unknown()).optional().describe('An OpenTrain canonical job object (same as format opentrain_canonical + job)'),
      importPayload: z
        .object({
          format: z.enum(DRAFT_IMPORT_FORMATS).describe('Import format'),
          ...structured,
          text: z.string().max(60_000).optional().describe('format text: the description'),
        })
        .strict()
        .optional()
        .describe('A structured import: {format, job|jsonLd|xml}'),
      externalId: key.optional().describe('Your own id for this job (kept on the draft)'),
      idempotencyKey: key.optional().describe('Retry-safe key: the same key returns the same draft instead of a duplicate'),
    })
    .strict(),
  // MCP clients get the documented tool parameters only; the REST aliases (rawJobDescription,
  // source, format + job|jsonLd|xml) stay on REST. Keeps tools/list small.
  mcpInput: z.object({
    jobDescription: z.string().max(60_000).optional().describe('The plain-text job description, as the human wrote it'),
    title: z.string().max(200).optional().describe('A title, when you already have one'),
    canonicalJob: z.record(z.string(), z.unknown()).optional().describe('An OpenTrain canonical job object (title, description, paymentType, rateAmount, languages, …)'),
    importPayload: z
      .object({
        format: z.enum(DRAFT_IMPORT_FORMATS),
        job: structured.job,
        jsonLd: structured.jsonLd,
        xml: structured.xml,
      })
      .strict()
      .optional()
      .describe('A structured import: {format, job|jsonLd|xml}'),
    externalId: key.optional().describe('Your own id for this job'),
    idempotencyKey: key.optional().describe('Retry-safe: the same key returns the same draft'),
  }),
  output: draftStateSchema.extend({
    created: z.boolean(),
    externalId: z.string().nullable(),
    warnings: z.array(
      z.object({
        code: z.string(),
        message: z.string(),
        field: z.string().optional(),
      }),
    ),
    unmappedFields: z.array(
      z.object({
        path: z.string(),
        reason: z.string(),
        valuePreview: z.string().optional(),
      }),
    ),
    lowConfidenceFields: z.array(z.string()),
  }),
  auth: 'required',
  scopes: ['jobs:write'],
  gates: [featureGate('public_api_job_drafting')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  successStatus: 201,
  cli: ['jobs', 'draft', 'create'],
  summarize: (out) => {
    const lines = [summarizeDraft(out, out.created ? 'created' : 'already existed (same idempotencyKey)')];
    if (out.lowConfidenceFields.length) lines.push(`Confirm with the human (low confidence): ${out.lowConfidenceFields.join(', ')}.`);
    for (const w of out.warnings) lines.push(`Warning ${w.code}: ${w.message}`);
    return lines.join('\n');
  },
});
