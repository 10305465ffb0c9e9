/**
 * Moderation result shape and the stable reason codes (docs/job-extraction.md "Moderation").
 * Codes are part of the API: add new ones, never rename or reuse.
 */
import { z } from 'zod';

export const MODERATION_REASON_CODES = [
  // Contact details and off-platform moves
  'contact_email',
  'contact_phone',
  'contact_obfuscated',
  'contact_messaging_handle',
  'contact_external_link',
  'off_platform_contact',
  'off_platform_payment',
  // Prohibited or unsafe work
  'prohibited_csam',
  'prohibited_weapons',
  'prohibited_malware',
  'prohibited_doxxing',
  'prohibited_academic_dishonesty',
  'prohibited_fake_reviews',
  'prohibited_harassment',
  'prohibited_fraud',
  // Spam
  'spam_shouting',
  'spam_repetition',
  'spam_excessive_links',
  'spam_link_shortener',
  'spam_gibberish',
] as const;

export type ModerationReasonCode = (typeof MODERATION_REASON_CODES)[number];
export type ModerationCategory = 'contact' | 'off_platform' | 'prohibited' | 'spam';

export const moderationReasonSchema = z.object({
  code: z.enum(MODERATION_REASON_CODES),
  category: z.enum(['contact', 'off_platform', 'prohibited', 'spam']),
  message: z.string(),
  /** The offending text as written, with a little context, on one line. */
  excerpt: z.string(),
  /** Which field of a posting it came from (moderateJobPosting only). */
  field: z.string().optional(),
});
export type ModerationReason = z.infer<typeof moderationReasonSchema>;

export const moderationResultSchema = z.object({
  allowed: z.boolean(),
  decision: z.enum(['ALLOW', 'BLOCK']),
  reasons: z.array(moderationReasonSchema),
});
export type ModerationResult = z.infer<typeof moderationResultSchema>;

export interface ModerationOptions {
  /**
   * E-mail/URL domains that are never contact details (the platform's own). Defaults to
   * opentrain.ai and opentrain.work plus the reserved example domains (RFC 2606).
   */
  allowedDomains?: readonly string[];
}

/** A finding before it is attached to a field: [start, end) in the normalised text. */
export interface Hit {
  code: ModerationReasonCode;
  start: number;
  end: number;
  message: string;
}

export const CATEGORY_OF: Record<ModerationReasonCode, ModerationCategory> = Object.fromEntries(
  MODERATION_REASON_CODES.map((code) => [
    code,
    code.startsWith('contact_') ? 'contact' : code.startsWith('off_platform') ? 'off_platform' : code.startsWith('prohibited_') ? 'prohibited' : 'spam',
  ]),
) as Record<ModerationReasonCode, ModerationCategory>;
