/**
 * One entry point for every accepted draft source (spec §3.2 importFormats). Structured values win;
 * the description text then fills whatever the structure did not say.
 */
import { z } from 'zod';
import { extractInto, MAX_DESCRIPTION_CHARS } from '../extract';
import { ResultBuilder } from '../result';
import type { ExtractionResult } from '../types';
import { applyCanonicalJob, settlePendingRate } from './canonical';
import { importJsonLd } from './json-ld';
import { JobImportError } from './shared';
import { importHrXml, importIndeedXml } from './xml-feeds';

export { CANONICAL_KEYS, normalizePaymentType, normalizeVolumeUnit } from './canonical';
export { JobImportError, type ImportErrorCode } from './shared';

export const IMPORT_FORMATS = ['text', 'opentrain_canonical', 'schema_org_job_posting', 'indeed_xml', 'hr_xml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const importInputSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('text'),
    text: z.string().trim().min(1).max(MAX_DESCRIPTION_CHARS),
    title: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ format: z.literal('opentrain_canonical'), job: z.record(z.string(), z.unknown()) }),
  z.object({ format: z.literal('schema_org_job_posting'), jsonLd: z.unknown() }),
  z.object({ format: z.literal('indeed_xml'), xml: z.string().min(1) }),
  z.object({ format: z.literal('hr_xml'), xml: z.string().min(1) }),
]);
export type ImportInput = z.infer<typeof importInputSchema>;

/**
 * Imports a draft from any supported format. Throws JobImportError for payloads that cannot be
 * read at all (bad XML, no JobPosting node, wrong shape); everything else is reported in the
 * result (unmappedFields, warnings, missingFields).
 */
export function importJobDraft(input: ImportInput): ExtractionResult {
  const parsed = importInputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new JobImportError('invalid_payload', `${first.path.join('.') || 'input'}: ${first.message}`);
  }
  const data = parsed.data;
  const b = new ResultBuilder();
  switch (data.format) {
    case 'text':
      extractInto(b, data.text, { title: data.title });
      break;
    case 'opentrain_canonical': {
      const pending = applyCanonicalJob(b, data.job, 'job');
      extractInto(b, b.fields.jobDescription ?? '');
      settlePendingRate(b, pending, 'job.rateAmount');
      break;
    }
    case 'schema_org_job_posting':
      importJsonLd(b, data.jsonLd);
      break;
    case 'indeed_xml':
      importIndeedXml(b, data.xml);
      break;
    case 'hr_xml':
      importHrXml(b, data.xml);
      break;
  }
  return b.finish();
}
