/**
 * Canonical vocabulary of a job draft: enums, the normalized field shape and the extraction result,
 * each with a zod schema (the schemas are the contract; the TypeScript types are inferred from them).
 * Field names equal the draft PATCH keys so an agent can send a value straight back.
 * docs/job-extraction.md explains every value.
 */
import { DATA_TYPES, LABEL_TYPES, SUBJECT_MATTERS } from '@opentrain/api';
import { z } from 'zod';

/** What a worker produces, the data's modality, its domain: one vocabulary, owned by the API contract. */
export { DATA_TYPES, LABEL_TYPES, SUBJECT_MATTERS };

export const PAYMENT_TYPES = ['PAY_PER_HOUR', 'PAY_PER_LABEL', 'FIXED_PRICE'] as const;
export const EXPERIENCE_LEVELS = ['EXPERT', 'ENTRY_LEVEL', 'INTERMEDIATE', 'ANY_EXPERIENCE_LEVEL'] as const;
export const DATA_VOLUME_UNITS = [
  'HOURS_OF_RECORDING_AUDIO_VIDEO',
  'NUMBER_OF_FILES',
  'NUMBER_OF_WORDS',
  'UNKNOWN_NOT_SPECIFIED',
] as const;

/** ISO 4217 codes the money parser recognises. The platform settles in USD; see warnings. */
export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'CHF',
  'INR',
  'JPY',
  'CNY',
  'KRW',
  'BRL',
  'MXN',
  'ARS',
  'COP',
  'CLP',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
  'ZAR',
  'NGN',
  'KES',
  'PHP',
  'SGD',
  'HKD',
  'TRY',
] as const;

export const paymentTypeSchema = z.enum(PAYMENT_TYPES);
export const experienceLevelSchema = z.enum(EXPERIENCE_LEVELS);
export const dataVolumeUnitSchema = z.enum(DATA_VOLUME_UNITS);
export const labelTypeSchema = z.enum(LABEL_TYPES);
export const dataTypeSchema = z.enum(DATA_TYPES);
export const subjectMatterSchema = z.enum(SUBJECT_MATTERS);
export const currencySchema = z.enum(CURRENCIES);

export type PaymentType = z.infer<typeof paymentTypeSchema>;
export type ExperienceLevel = z.infer<typeof experienceLevelSchema>;
export type DataVolumeUnit = z.infer<typeof dataVolumeUnitSchema>;
export type LabelType = z.infer<typeof labelTypeSchema>;
export type DataType = z.infer<typeof dataTypeSchema>;
export type SubjectMatter = z.infer<typeof subjectMatterSchema>;
export type Currency = z.infer<typeof currencySchema>;

/** A stated range of pay: the price field holds `min`; see docs ("Ranges"). */
export const budgetRangeSchema = z
  .object({ min: z.number().positive(), max: z.number().positive() })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

export const normalizedJobFieldsSchema = z
  .object({
    jobTitle: z.string().trim().min(1).max(200),
    jobDescription: z.string().trim().min(1).max(60_000),
    paymentType: paymentTypeSchema,
    pricePerHour: z.number().positive(),
    pricePerLabel: z.number().positive(),
    fixedPrice: z.number().positive(),
    currency: currencySchema,
    budgetRange: budgetRangeSchema,
    dataVolume: z.number().positive(),
    dataVolumeUnit: dataVolumeUnitSchema,
    labelTypes: z.array(labelTypeSchema).min(1),
    dataType: dataTypeSchema,
    languages: z.array(z.string().min(1)).min(1),
    countries: z.array(z.string().min(1)).min(1),
    experienceLevel: experienceLevelSchema,
    headcount: z.number().int().positive().max(10_000),
    labelingSoftware: z.array(z.string().min(1)).min(1),
    projectDuration: z.string().min(1).max(100),
    timeRequirement: z.string().min(1).max(100),
    subjectMatter: subjectMatterSchema,
  })
  .partial()
  .strict();

export type NormalizedJobFields = z.infer<typeof normalizedJobFieldsSchema>;
export type FieldName = keyof NormalizedJobFields;

/** Every normalized field name, in display order. These are also the draft PATCH keys. */
export const FIELD_NAMES = Object.keys(normalizedJobFieldsSchema.shape) as FieldName[];

export const WARNING_CODES = [
  'currency_assumed',
  'ambiguous_currency',
  'non_usd_currency',
  'conflicting_rates',
  'conflicting_payment_types',
  'rate_range',
  'unsupported_rate_unit',
  'payment_type_inferred',
  'headcount_range',
  'multiple_data_volumes',
  'title_inferred',
  'import_multiple_jobs',
  'llm_disagrees',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export const extractionWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  field: z.string().optional(),
});
export type ExtractionWarning = z.infer<typeof extractionWarningSchema>;

export const unmappedFieldSchema = z.object({
  path: z.string(),
  reason: z.enum(['unknown_key', 'unrecognized_value', 'not_supported']),
  valuePreview: z.string().optional(),
});
export type UnmappedField = z.infer<typeof unmappedFieldSchema>;

export const missingFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  message: z.string(),
  code: z.literal('missing_required_field'),
  prompt: z.string(),
  type: z.enum(['string', 'text', 'number', 'enum', 'enum[]']),
  enumValues: z.array(z.string()).optional(),
  updateKeys: z.array(z.string()).min(1),
  example: z.unknown(),
  hint: z.string(),
});
export type MissingField = z.infer<typeof missingFieldSchema>;

export const validationIssueSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const draftValidationSchema = z.object({
  publishReady: z.boolean(),
  issueCount: z.number().int(),
  missingFieldCount: z.number().int(),
  missingFields: z.array(z.string()),
  issues: z.array(validationIssueSchema),
});
export type DraftValidation = z.infer<typeof draftValidationSchema>;

export const refinerReportSchema = z.object({
  status: z.enum(['disabled', 'ok', 'timeout', 'http_error', 'invalid_output', 'network_error']),
  model: z.string().optional(),
  filledFields: z.array(z.string()),
  rejected: z.array(z.object({ field: z.string(), reason: z.string() })),
  durationMs: z.number().optional(),
});
export type RefinerReport = z.infer<typeof refinerReportSchema>;

export const extractionResultSchema = z.object({
  normalizedFields: normalizedJobFieldsSchema,
  fieldConfidence: z.record(z.string(), z.number().min(0).max(1)),
  lowConfidenceFields: z.array(z.string()),
  evidence: z.record(z.string(), z.string()),
  warnings: z.array(extractionWarningSchema),
  unmappedFields: z.array(unmappedFieldSchema),
  missingFields: z.array(missingFieldSchema),
  validation: draftValidationSchema,
  refiner: refinerReportSchema.optional(),
});
export type ExtractionResult = z.infer<typeof extractionResultSchema>;

/** Below this a field is listed in `lowConfidenceFields` (the agent should confirm it with the human). */
export const LOW_CONFIDENCE_THRESHOLD = 0.6;

/** One sub-extractor's answer for one field. */
export interface Finding<T> {
  value: T;
  confidence: number;
  evidence?: string;
  warnings?: ExtractionWarning[];
}
