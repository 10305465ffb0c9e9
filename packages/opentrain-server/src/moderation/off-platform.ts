/**
 * Attempts to take payment or contact off the platform.
 *
 * Payment: a payment word tied to a payment method ("pay via PayPal", "payment in USDT", "paid by
 * wire transfer"), an explicit "outside the platform" / "avoid the fees", or asking for someone's
 * PayPal/bank/wallet details. Contact: "contact me directly", "email me", "call me", "send your CV
 * to …", "let's continue off the platform".
 *
 * False-positive policy: payment methods named as *data* are fine ("classify PayPal transaction
 * disputes", "label Bitcoin price charts", "screenshots of payments made via Venmo"): a dataset
 * noun right before the payment phrase disarms it. "Message me here on OpenTrain" is fine.
 */
import type { NormalizedText } from './normalize';
import type { Hit } from './types';

const METHOD = String.raw`(?:paypal|venmo|zelle|cash\s?app|western union|moneygram|transferwise|wise|payoneer|skrill|neteller|revolut|crypto(?:currency|currencies)?|bitcoin|btc|usdt|usdc|tether|ethereum|eth|binance|litecoin|gift\s?cards?|amazon gift|itunes cards?|steam cards?|wire transfers?|bank transfers?|bank wire|cash|upi|paytm|gcash|m-?pesa|e-?transfer|interac)`;
const PAY = String.raw`(?:pay|pays|paid|paying|payment|payments|payout|payouts|compensat\w*|remunerat\w*|reward\w*|salary|wages?|send (?:you )?(?:the )?(?:money|funds|payment)|transfer (?:the )?(?:money|funds|payment)|settle)`;
const PAYMENT_VIA = new RegExp(
  String.raw`\b${PAY}\s+(?:(?:will|would|can|is|are|be|to|gets?|get|made|sent|done|handled|processed|only|directly|exclusively|weekly|daily|monthly)\s+){0,4}(?:via|through|thru|by|with|in|using|over|on|to your|into your)\s+(?:(?:a|an|the|my|your|our)\s+)?(?:[\w-]+\s+)?${METHOD}(?![a-z])`,
  'g',
);
const METHOD_ONLY = new RegExp(
  String.raw`\b${METHOD}\s+(?:payments?\s+only|only|payments? (?:accepted|preferred|only)|is (?:our|the) (?:payment method|preferred payment))\b|\b(?:pay(?:ment)?|paid)\s+(?:in|with)\s+(?:cash|crypto|bitcoin|usdt|gift cards?)\b`,
  'g',
);
const OUTSIDE = /\b(?:(?:outside|off)(?:\s+of)?\s+(?:the\s+|this\s+)?(?:platform|opentrain|site|website|app|marketplace|escrow)|off[\s-]platform|(?:not|never)\s+(?:through|via|on|using)\s+(?:the\s+)?(?:platform|opentrain|escrow)|instead of\s+(?:the\s+)?(?:platform|opentrain|escrow)|avoid(?:ing)?\s+(?:the\s+|paying\s+)?(?:platform\s+|opentrain\s+|service\s+|marketplace\s+|escrow\s+)?fees?|bypass(?:ing)?\s+(?:the\s+)?(?:platform|escrow|opentrain|fees?)|without\s+(?:the\s+)?(?:platform|escrow|opentrain)(?:'s)?\s+fees?|(?:send|share|give|provide|need)\s+(?:me\s+|us\s+)?your\s+(?:paypal|venmo|bank details|bank account|account number|iban|swift|routing number|wallet address|crypto wallet|btc address|usdt address))/g;
const DATA_NOUN_BEFORE =
  /\b(?:transactions?|receipts?|invoices?|records?|disputes?|tickets?|data|dataset|datasets|statements?|reviews?|messages?|emails?|screenshots?|chats?|posts?|logs?|charts?|prices?|fraud|complaints?|questions?)\s+(?:\w+\s+){0,3}$/;

const ON_PLATFORM = /\b(?:opentrain|escrow|the platform|platform's)\b/;

const CONTACT = /\b(?:(?:contact|reach|email|e-mail|mail|text|call|phone|ring|message|msg|dm|ping|write to)\s+(?:me|us)\s+(?:directly|privately|personally|outside|off|offline|on my (?:personal|private))|(?:email|e-mail|text|call|ring|phone|sms)\s+(?:me|us)\b(?!\s+(?:on|via|through|in|here|at opentrain|using)\b)|(?:send|forward|mail|email)\s+(?:me\s+|us\s+)?(?:your\s+)?(?:cv|resume|portfolio|contact (?:details|info)|phone number|number|email address)\s+(?:to|at)\s+(?!.{0,20}(?:opentrain|the platform))|(?:let'?s|we can|we'll|we will|i'?d like to|prefer to)\s+(?:talk|chat|continue|discuss|move (?:this|the conversation)?|connect|communicate|speak|deal)\s+(?:\w+\s+){0,3}?(?:outside|off(?:line)?|privately|elsewhere|directly|in private)|(?:give|share|send)\s+(?:me\s+|us\s+)(?:your\s+)(?:phone|mobile|cell|whatsapp|personal email|email address|number|contact (?:details|info))|contact[ae]me directamente|escribeme al|llamame al|kontaktier(?:e|en sie) (?:mich|uns) direkt|schreib(?:e|en sie)? mir (?:direkt|privat)|contactez-moi directement)/g;
const PLATFORM_AFTER = /^\s*(?:here|on opentrain|through opentrain|via opentrain|in opentrain|on the platform|through the platform|via the platform)/;

export function findOffPlatform(n: NormalizedText): Hit[] {
  const hits: Hit[] = [];
  const t = n.text;
  for (const re of [PAYMENT_VIA, METHOD_ONLY]) {
    for (const m of t.matchAll(re)) {
      if (DATA_NOUN_BEFORE.test(t.slice(Math.max(0, m.index - 60), m.index))) continue;
      // "Payments are released through OpenTrain escrow by bank transfer" is the platform's own payout.
      if (ON_PLATFORM.test(t.slice(Math.max(0, m.index - 80), m.index + m[0].length + 80))) continue;
      hits.push({
        code: 'off_platform_payment',
        start: m.index,
        end: m.index + m[0].length,
        message: 'Asks for payment outside OpenTrain (PayPal, crypto, wire …); all payments go through OpenTrain escrow.',
      });
    }
  }
  for (const m of t.matchAll(OUTSIDE)) {
    hits.push({
      code: 'off_platform_payment',
      start: m.index,
      end: m.index + m[0].length,
      message: 'Proposes working or paying outside OpenTrain or around its fees.',
    });
  }
  for (const m of t.matchAll(CONTACT)) {
    const end = m.index + m[0].length;
    if (PLATFORM_AFTER.test(t.slice(end, end + 30))) continue;
    hits.push({
      code: 'off_platform_contact',
      start: m.index,
      end,
      message: 'Asks to be contacted directly; conversations stay in OpenTrain messages until and after hiring.',
    });
  }
  return hits;
}
