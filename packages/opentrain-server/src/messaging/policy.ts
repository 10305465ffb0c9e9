/**
 * @module The message content policy: plain text of 1–10,000 characters, screened for contact
 * details and off-platform payment or contact with the moderation module's detectors (the same
 * codes and excerpts a job posting gets). Prohibited-work and spam heuristics are tuned for job
 * postings and are not applied to chat ([I], docs/messaging.md).
 */
import { forbidden } from '@platform/kit';
import { moderateText, type ModerationReason } from '../moderation';

export const MAX_MESSAGE_CHARS = 10_000;

/** `details.policy` values of a 403 message_policy_blocked. */
export type MessagePolicy = 'contact_details' | 'off_platform_payment';

export interface PolicyVerdict {
  allowed: boolean;
  policy: MessagePolicy | null;
  reasons: Pick<ModerationReason, 'code' | 'message' | 'excerpt'>[];
}

/**
 * Chat is second person ("I'll pay you via PayPal", "let's skip the fees"), which the posting-tuned
 * detectors miss; these two patterns close that gap with the same reason code.
 */
const METHOD = String.raw`(?:paypal|venmo|zelle|cash\s?app|western union|moneygram|wise|payoneer|skrill|revolut|crypto\w*|bitcoin|btc|usdt|usdc|ethereum|eth|gift\s?cards?|wire|bank transfer|upi|paytm|gcash|m-?pesa)`;
const CHAT_OFF_PLATFORM = [
  new RegExp(
    String.raw`\b(?:pay|paying|send|sending|transfer|transferring|tip)\s+(?:you|me|u)\s+(?:\w+\s+){0,2}?(?:via|through|thru|by|with|on|over|using|in)\s+(?:\w+\s+)?${METHOD}\b`,
    'i',
  ),
  /\b(?:skip|skipping|avoid|avoiding|dodge|save on|saving on|cut out)\s+(?:the\s+|their\s+|all\s+)?(?:platform\s+|opentrain\s+|marketplace\s+|service\s+|site\s+)?(?:fees?|commission|cut)\b/i,
];

function chatOffPlatform(content: string): ModerationReason[] {
  const out: ModerationReason[] = [];
  for (const re of CHAT_OFF_PLATFORM) {
    const m = re.exec(content);
    if (m)
      out.push({
        code: 'off_platform_payment',
        category: 'off_platform',
        message: 'Proposes paying outside OpenTrain or around its fees; all payments go through OpenTrain escrow.',
        excerpt: m[0],
      });
  }
  return out;
}

export function screenMessage(content: string): PolicyVerdict {
  const found = moderateText(content).reasons.filter((r) => r.category === 'contact' || r.category === 'off_platform');
  const reasons = found.some((r) => r.code === 'off_platform_payment') ? found : [...found, ...chatOffPlatform(content)];
  if (reasons.length === 0) return { allowed: true, policy: null, reasons: [] };
  // Off-platform payment is the graver finding; it names the policy when both are present.
  const policy: MessagePolicy = reasons.some((r) => r.code === 'off_platform_payment') ? 'off_platform_payment' : 'contact_details';
  return {
    allowed: false,
    policy,
    reasons: reasons.map(({ code, message, excerpt }) => ({
      code,
      message,
      excerpt,
    })),
  };
}

/** Throws 403 message_policy_blocked when the content breaks the policy. */
export function assertMessageAllowed(content: string): void {
  const verdict = screenMessage(content);
  if (verdict.allowed) return;
  const what = verdict.policy === 'off_platform_payment' ? 'moves payment or contact off OpenTrain' : 'shares contact details';
  throw forbidden(`This message ${what}; keep contact and payment on OpenTrain. Remove it and send again.`, {
    reason: 'message_policy_blocked',
    policy: verdict.policy,
    reasons: verdict.reasons,
  });
}

/** Plain text only: NUL and other control characters (except tab and newlines) are refused, not stored. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(content: string): boolean {
  return CONTROL.test(content);
}
