/**
 * @module How a draft's fields are stored and changed. `ot_jobs.title`/`description` hold jobTitle
 * and jobDescription; `ot_jobs.fields` holds every other field by its PATCH key (plus `currency`
 * from extraction). Patches are merged key by key (`null` clears); friendly language, country and
 * tool names are canonicalised, unknown ones refused with 400 naming the field.
 */
import type { DraftFieldsPatch } from '@opentrain/api';
import { badRequest } from '@platform/kit';
import { type DraftValidation, FIELD_NAMES, type MissingField, type NormalizedJobFields, normalizeCountry, normalizeLanguage, normalizeTool, validateDraft } from '../extraction';

export interface DraftContent {
  title: string | null;
  description: string | null;
  fields: Record<string, unknown>;
}

const PRICE_KEYS = ['pricePerHour', 'pricePerLabel', 'fixedPrice'] as const;

/** Extraction output → stored content. */
export function contentFromExtraction(normalized: NormalizedJobFields): DraftContent {
  const { jobTitle, jobDescription, ...rest } = normalized;
  return {
    title: jobTitle ?? null,
    description: jobDescription ?? null,
    fields: { ...rest },
  };
}

/** Stored content → the fields validation and moderation read (jobTitle/jobDescription included). */
export function allFields(content: DraftContent): Record<string, unknown> {
  const out: Record<string, unknown> = { ...content.fields };
  if (content.title) out.jobTitle = content.title;
  if (content.description) out.jobDescription = content.description;
  return out;
}

/** Publish readiness; keys outside the extraction vocabulary (labelingOverview, visibility, …) are not required. */
export function validateContent(content: DraftContent): {
  validation: DraftValidation;
  missingFields: MissingField[];
} {
  const all = allFields(content);
  const known = Object.fromEntries(FIELD_NAMES.filter((k) => all[k] !== undefined).map((k) => [k, all[k]])) as NormalizedJobFields;
  return validateDraft(known);
}

function canonicalList(field: string, values: string[], normalize: (v: string) => string | undefined, what: string): string[] {
  const out: string[] = [];
  for (const value of values) {
    const canonical = normalize(value);
    if (!canonical) throw badRequest(`${field}: "${value}" is not a ${what} we know; use an English name or ISO code.`, { field, value });
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}

/** Merges a validated patch into stored content. Returns the new content and the keys that changed. */
export function applyPatch(content: DraftContent, patch: DraftFieldsPatch): DraftContent {
  const next: DraftContent = {
    title: content.title,
    description: content.description,
    fields: { ...content.fields },
  };
  for (const [key, raw] of Object.entries(patch)) {
    if (raw === undefined) continue;
    let value: unknown = raw;
    if (value !== null && key === 'languages') value = canonicalList(key, value as string[], normalizeLanguage, 'language');
    if (value !== null && key === 'countries') value = canonicalList(key, value as string[], normalizeCountry, 'country');
    if (value !== null && key === 'labelingSoftware') value = [...new Set((value as string[]).map(normalizeTool))];
    if (value !== null && key === 'labelTypes') value = [...new Set(value as string[])];
    if (key === 'jobTitle') next.title = (value as string | null) ?? null;
    else if (key === 'jobDescription') next.description = (value as string | null) ?? null;
    else if (value === null) delete next.fields[key];
    else next.fields[key] = value;
    // Amounts set through the API are USD (the documented unit), which settles a non-USD extraction.
    if ((PRICE_KEYS as readonly string[]).includes(key) && value !== null) next.fields.currency = 'USD';
  }
  return next;
}

/** The patch keys an MCP call sends in `fields` and a REST call sends at the top level, merged. */
export function mergePatchInput<T extends { jobId: string; fields?: DraftFieldsPatch }>(input: T): DraftFieldsPatch {
  const { jobId: _jobId, fields, ...topLevel } = input;
  return { ...(fields ?? {}), ...(topLevel as DraftFieldsPatch) };
}

/** normalizedFields as answered to agents: stored fields plus jobTitle (the description is what they sent). */
export function normalizedForResponse(content: DraftContent): Record<string, unknown> {
  return {
    ...(content.title ? { jobTitle: content.title } : {}),
    ...content.fields,
  };
}
