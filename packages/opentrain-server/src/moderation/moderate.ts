/**
 * Publish-time moderation of a job posting, reusable for messages: runs the contact, off-platform,
 * prohibited-work and spam checks over each text field and returns every reason with a stable
 * code and an excerpt of what was written. Deterministic; any reason blocks.
 */
import { DEFAULT_ALLOWED_DOMAINS, findContactDetails } from './contact';
import { excerptOf, normalizeForModeration } from './normalize';
import { findOffPlatform } from './off-platform';
import { findProhibited } from './prohibited';
import { findSpam } from './spam';
import { CATEGORY_OF, type Hit, type ModerationOptions, type ModerationReason, type ModerationResult } from './types';

/** At most this many reasons of one code per field (a pasted phone list is one problem). */
const MAX_PER_CODE = 3;
/** Longer input is checked in full but only up to this many characters (the draft limit). */
export const MAX_MODERATED_CHARS = 60_000;

function reasonsFor(text: string, options: ModerationOptions, field?: string): ModerationReason[] {
  const source = text.length > MAX_MODERATED_CHARS ? text.slice(0, MAX_MODERATED_CHARS) : text;
  const n = normalizeForModeration(source);
  const hits: Hit[] = [
    ...findProhibited(n),
    ...findContactDetails(n, options.allowedDomains ?? DEFAULT_ALLOWED_DOMAINS),
    ...findOffPlatform(n),
    ...findSpam(n, source),
  ];
  const reasons: ModerationReason[] = [];
  const perCode = new Map<string, number>();
  for (const hit of hits) {
    const count = perCode.get(hit.code) ?? 0;
    if (count >= MAX_PER_CODE) continue;
    const excerpt = excerptOf(n, hit.start, hit.end);
    if (reasons.some((r) => r.code === hit.code && r.excerpt === excerpt)) continue;
    perCode.set(hit.code, count + 1);
    reasons.push({ code: hit.code, category: CATEGORY_OF[hit.code], message: hit.message, excerpt, ...(field ? { field } : {}) });
  }
  return reasons;
}

function result(reasons: ModerationReason[]): ModerationResult {
  const allowed = reasons.length === 0;
  return { allowed, decision: allowed ? 'ALLOW' : 'BLOCK', reasons };
}

/** Moderates one piece of text (a message, a description). */
export function moderateText(text: string, options: ModerationOptions = {}): ModerationResult {
  return result(reasonsFor(text, options));
}

/**
 * Moderates every text in a posting: string values and arrays of strings, keyed by field name
 * (jobTitle, jobDescription, labelingOverview, …). Non-text values are ignored.
 */
export function moderateJobPosting(fields: Record<string, unknown>, options: ModerationOptions = {}): ModerationResult {
  const reasons: ModerationReason[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const text of texts) reasons.push(...reasonsFor(text, options, field));
  }
  return result(reasons);
}
