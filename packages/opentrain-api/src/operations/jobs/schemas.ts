/**
 * @module Shared shapes of the jobs operations: the draft field catalog (PATCH keys, exact enum
 * values), the draft response, and the public marketplace Job object.
 */
import { z } from '@platform/kit';
import { DRAFT_ENUMS } from '../../catalog';
import { JOB_STATUSES, LABEL_TYPES, DATA_TYPES, SUBJECT_MATTERS, FREELANCER_TYPES, VISIBILITIES } from './vocabulary';

export * from './vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);
const positive = z.number().positive().max(1_000_000_000);
/** Hourly and per-label rates: at most one milestone's cap, $100,000 (docs/money.md). */
const rate = z.number().positive().max(100_000);

/**
 * Every key `PATCH /job-drafts/{jobId}` and `PATCH /jobs/{id}` accept (= DRAFT_UPDATE_KEYS, plus `currency`).
 * `null` clears a field. Unknown keys are refused (400 listing them).
 */
export const draftFieldShape = {
  jobTitle: text(200).nullable().optional().describe('Title shown in search results'),
  jobDescription: text(60_000).nullable().optional().describe('Plain-text description (at least 30 characters)'),
  paymentType: z.enum(DRAFT_ENUMS.paymentType).nullable().optional().describe('How the rate is paid'),
  pricePerHour: rate.nullable().optional().describe('USD per hour (with PAY_PER_HOUR)'),
  pricePerLabel: rate.nullable().optional().describe('USD per label/item (with PAY_PER_LABEL)'),
  fixedPrice: positive.nullable().optional().describe('USD for the whole job (with FIXED_PRICE)'),
  experienceLevel: z.enum(DRAFT_ENUMS.experienceLevel).nullable().optional().describe('Experience required'),
  dataVolume: positive.nullable().optional().describe('How much data, in dataVolumeUnit'),
  dataVolumeUnit: z.enum(DRAFT_ENUMS.dataVolumeUnit).nullable().optional().describe('Unit of dataVolume'),
  languages: z.array(text(60)).max(30).nullable().optional().describe('Languages workers need, e.g. ["English", "Spanish"] (names or ISO codes)'),
  countries: z.array(text(80)).max(60).nullable().optional().describe('Where workers must be, e.g. ["United States"] (names or ISO codes)'),
  labelTypes: z
    .array(z.enum(LABEL_TYPES))
    .min(1)
    .max(10)
    .nullable()
    .optional()
    .describe('Label types, e.g. ["BOUNDING_BOX"]'),
  headcount: z.number().int().min(1).max(10_000).nullable().optional().describe('How many AI trainers to hire'),
  labelingOverview: text(5_000).nullable().optional().describe('What the labelling involves, in a few sentences'),
  datasetDescription: text(5_000).nullable().optional().describe('What the data is'),
  dataType: z
    .enum(DATA_TYPES)
    .nullable()
    .optional()
    .describe('Primary data modality'),
  subjectMatter: z
    .enum(SUBJECT_MATTERS)
    .nullable()
    .optional()
    .describe('Domain of the data'),
  labelingSoftware: z.array(text(80)).max(20).nullable().optional().describe('Tools used, e.g. ["CVAT"]'),
  aiInterviewRequirements: text(5_000).nullable().optional().describe('What the AI screening interview should check'),
  budgetRange: z
    .object({
      min: positive.describe('Lowest USD rate'),
      max: positive.describe('Highest USD rate'),
    })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max' })
    .nullable()
    .optional()
    .describe('Stated USD range {min, max} for the rate'),
  workloadDesc: text(2_000).nullable().optional().describe('Expected workload, e.g. "10 hours a week"'),
  timeRequirement: text(100).nullable().optional().describe('Time commitment, e.g. "20 hours/week"'),
  projectDuration: text(100).nullable().optional().describe('How long the project runs, e.g. "3 months"'),
  freelancerType: z.enum(FREELANCER_TYPES).nullable().optional().describe('Who may apply'),
  projectScope: text(2_000).nullable().optional().describe('Scope of the project (one-off, ongoing, pilot …)'),
  currency: z.literal('USD').nullable().optional().describe('Confirms rates are US dollars (setting a rate does too)'),
  visibility: z.enum(VISIBILITIES).nullable().optional().describe('PUBLIC (in search, default) or PRIVATE (invite only)'),
};

export const draftFieldsSchema = z.object(draftFieldShape).strict();
export type DraftFieldsPatch = z.infer<typeof draftFieldsSchema>;

export const validationIssueSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export const draftValidationSchema = z.object({
  publishReady: z.boolean(),
  issueCount: z.number().int(),
  missingFieldCount: z.number().int(),
  missingFields: z.array(z.string()),
  issues: z.array(validationIssueSchema),
});
export type DraftValidationOutput = z.infer<typeof draftValidationSchema>;

export const missingFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  message: z.string(),
  code: z.string(),
  prompt: z.string(),
  type: z.string(),
  enumValues: z.array(z.string()).optional(),
  updateKeys: z.array(z.string()),
  example: z.unknown(),
  hint: z.string(),
});
export type MissingFieldOutput = z.infer<typeof missingFieldSchema>;

export const draftStateSchema = z.object({
  ok: z.literal(true),
  jobId: z.string(),
  status: z.enum(JOB_STATUSES),
  draftUrl: z.string(),
  reviewUrl: z.string(),
  validation: draftValidationSchema,
  missingFields: z.array(missingFieldSchema),
  normalizedFields: z.record(z.string(), z.unknown()),
});

/** Summary an agent acts on: what is missing (the "ask:" questions) and the next call to make. */
export function summarizeDraft(out: z.infer<typeof draftStateSchema>, verb: string): string {
  const lines = [`Draft ${out.jobId} ${verb} (status ${out.status}).`];
  if (out.validation.publishReady) {
    lines.push(`Publish-ready. Next: opentrain_publish_job with jobId ${out.jobId}.`);
  } else {
    lines.push(`Not publish-ready: ${out.validation.missingFieldCount} missing field(s), ${out.validation.issueCount} issue(s).`);
    for (const m of out.missingFields) lines.push(`- ${m.field} (${m.type}${m.enumValues ? `: ${m.enumValues.join('|')}` : ''}): ${m.prompt}`);
    for (const i of out.validation.issues) lines.push(`- issue ${i.field}: ${i.message}`);
    lines.push(`Next: ask the human these questions, then opentrain_update_job_draft_fields with jobId ${out.jobId} and fields {${out.missingFields.map((m) => m.updateKeys[0]).join(', ')}}.`);
  }
  lines.push(`Review: ${out.reviewUrl}`);
  return lines.join('\n');
}

export const publicPaySchema = z.object({
  paymentType: z.string().nullable(),
  currency: z.literal('USD'),
  hourlyRate: z.number().nullable(),
  hourlyMin: z.number().nullable(),
  hourlyMax: z.number().nullable(),
  fixedPrice: z.number().nullable(),
  perLabelRate: z.number().nullable(),
});

/** Tokenless marketplace answers: readable from any origin, cacheable by shared caches. */
export const MARKETPLACE_HTTP = { cors: true, cacheControl: 'public, s-maxage=300, stale-while-revalidate=3600' };

/** The public marketplace Job object (tokenless endpoints). */
export const publicJobSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  companyName: z.string(),
  descriptionText: z.string(),
  descriptionHtml: z.string(),
  seoTitle: z.string(),
  summary: z.string(),
  status: z.string(),
  datePosted: z.string().nullable(),
  validThrough: z.string().nullable(),
  updatedAt: z.string(),
  employmentTypes: z.array(z.string()),
  countries: z.array(z.string()),
  languages: z.array(z.string()),
  category: z.string().nullable(),
  dataType: z.string().nullable(),
  labelTypes: z.array(z.string()),
  labelingSoftware: z.array(z.string()),
  experienceLevel: z.string().nullable(),
  skills: z.array(z.string()),
  pay: publicPaySchema,
  url: z.string(),
  applyUrl: z.string(),
});
export type PublicJob = z.infer<typeof publicJobSchema>;

export const jobIdInput = z.string().trim().min(1).max(64).describe('Job id (from opentrain_create_job_draft or opentrain_list_jobs)');
