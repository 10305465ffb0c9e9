/**
 * Job-draft extraction: plain text or structured imports → normalized fields, per-field
 * confidence, warnings, unmapped input, and an "ask:" question for every field still needed to
 * publish. Pure and deterministic; the optional LLM refiner is the only code that does I/O.
 * Reference: docs/job-extraction.md.
 */
import { FIELD_NAMES } from './types';

export { extractJobDraft, MAX_DESCRIPTION_CHARS, type TextDraftInput } from './extract';
export {
  CANONICAL_KEYS,
  IMPORT_FORMATS,
  type ImportErrorCode,
  type ImportFormat,
  type ImportInput,
  importInputSchema,
  importJobDraft,
  JobImportError,
  normalizePaymentType,
  normalizeVolumeUnit,
} from './importers';
export { DEFAULT_REFINER_TIMEOUT_MS, type LlmRefinerConfig, loadLlmRefinerConfig } from './refiner/config';
export { REFINABLE_FIELDS, type RefineOptions, refineExtraction } from './refiner/refine';
export { validateDraft } from './requirements';
export { normalizeCountry } from './countries';
export { normalizeDataType } from './data-type';
export { normalizeSubjectMatter } from './domain';
export { normalizeExperienceLevel } from './experience';
export { normalizeLabelType } from './labels';
export { normalizeLanguage } from './languages';
export { normalizeTool } from './tools';
export * from './types';

/** The draft PATCH keys this module understands (identical to the normalized field names). */
export const DRAFT_UPDATE_KEYS = FIELD_NAMES;
