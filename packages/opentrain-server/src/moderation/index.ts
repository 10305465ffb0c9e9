/**
 * Moderation of job postings and messages: contact details, off-platform payment or contact,
 * prohibited work and spam, each reported with a stable reason code and an excerpt.
 * Policy and codes: docs/job-extraction.md "Moderation".
 */
export { DEFAULT_ALLOWED_DOMAINS } from './contact';
export { MAX_MODERATED_CHARS, moderateJobPosting, moderateText } from './moderate';
export { MAX_LINKS } from './spam';
export {
  MODERATION_REASON_CODES,
  type ModerationCategory,
  type ModerationOptions,
  type ModerationReason,
  type ModerationReasonCode,
  type ModerationResult,
  moderationReasonSchema,
  moderationResultSchema,
} from './types';
