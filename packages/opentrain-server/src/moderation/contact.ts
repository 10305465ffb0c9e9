/**
 * Contact details: e-mail addresses (plain and obfuscated), phone numbers, messaging handles and
 * links to messaging/meeting/profile services.
 *
 * False-positive policy:
 * - Naming a messaging app is fine ("transcribe WhatsApp voice notes", "label Discord chat logs");
 *   it is a contact detail only with a handle/number/ID or an invitation ("WhatsApp me",
 *   "add me on Discord").
 * - Numbers are phone numbers only in phone shape: a leading "+"/"00", a "(555)" area code, or 10+
 *   digits in separated groups; 7–9 digits need a phone word nearby ("call", "tel", "mobile" …).
 *   Dates, year ranges, thousands ("1 200 000"), money and NANP 555 fiction numbers are skipped.
 * - The platform's own and reserved example domains are allowed.
 */
import type { NormalizedText } from './normalize';
import type { Hit } from './types';

export const DEFAULT_ALLOWED_DOMAINS = ['opentrain.ai', 'opentrain.work', 'example.com', 'example.org', 'example.net'];

const EMAIL = /(?<![\w.+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}(?![\w-])/g;
const TLD = '(?:com|net|org|io|co|ai|me|info|biz|edu|gov|us|uk|de|es|fr|it|nl|in|ph|ng|ke|br|mx|ca|au|ru|cn|pk|bd|app|dev|xyz)';
/** "at"/"dot" written as words must stand apart (brackets or spaces), so "datatracker.ietf.org" is not "dat at racker". */
const AT = String.raw`(?:\s*[([{<]\s*(?:at|@|arroba)\s*[)\]}>]\s*|\s+(?:at|arroba|chez)\s+|\s*@\s*)`;
const DOT = String.raw`(?:\s*[([{<]\s*(?:dot|\.|punto|punkt|point)\s*[)\]}>]\s*|\s+(?:dot|punto|punkt|point)\s+|\s*\.\s*)`;
const OBFUSCATED_EMAIL = new RegExp(String.raw`(?<![\w.])([a-z0-9][a-z0-9._+-]{1,63})${AT}([a-z0-9-]{2,63})((?:${DOT}[a-z0-9-]{2,63})*?)${DOT}${TLD}(?![a-z])`, 'g');
const PROVIDER = new RegExp(String.raw`(?<![\w.])[a-z0-9][a-z0-9._+-]{1,63}${AT}(?:gmail|googlemail|yahoo|hotmail|outlook|live|protonmail|proton|icloud|aol|gmx|yandex|mail\.ru|qq|163|zoho)(?![a-z])`, 'g');

const PHONE_CANDIDATE = /(?<![\w.,/:$€£-])(?:\+|00)?\(?\d[\d\s().-]{5,22}\d(?![\w%])/g;
const PHONE_WORD =
  /(?:call|text|sms|phone|tel|telephone|mobile|cell|whats\s?app|viber|signal|telegram|contact|reach|ring|dial|number|llama(?:me|r)?|telefono|celular|movil|handy|anrufen|appel(?:ez|le)?|numero)/;
const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  cero: '0',
  uno: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
};
const SPELLED_DIGITS = new RegExp(`(?:\\b(?:${Object.keys(DIGIT_WORDS).join('|')}|\\d)\\b[\\s,.-]*){8,}`, 'g');

const APPS = String.raw`(?:whats\s?app|telegram|skype|discord|signal|wechat|weixin|viber|kik|snapchat|wickr|threema|kakao(?:talk)?|zalo|instagram|insta|facebook|messenger|line id|ig|fb|tg|wa)`;
/** Handles that cannot be ordinary words: @name, a 9+ digit number, live:…, name#1234. */
const HANDLE = String.raw`(?:@[a-z0-9_.]{3,32}|\+?\d(?:[\s-]?\d){8,14}|live:[a-z0-9_.:-]{3,40}|[a-z0-9_.]{2,32}#\d{4})`;
const APP_HANDLE = new RegExp(
  String.raw`(?<![a-z])${APPS}\s*(?:id|handle|username|user ?name|number|no\.?|#|contact)?\s*(?::|=|-|is|at|->|→)?\s*${HANDLE}(?![a-z0-9_])`,
  'g',
);
/** A handle-looking word (digits, "_" or ".") after an explicit label or separator: "tg: data_boss". */
const APP_HANDLE_WORD = new RegExp(
  String.raw`(?<![a-z])${APPS}\s*(?:(?:id|handle|username|user ?name)\s*(?::|=|is)?|:|=|->|→)\s*[a-z_.]*[0-9_.][a-z0-9_.]*[a-z0-9_](?![a-z0-9_])`,
  'g',
);
/** "Telegram: johnsmith" / "Skype ID johnsmith": a bare word only when labelled and ending the clause. */
const APP_LABELLED = new RegExp(
  String.raw`(?<![a-z])${APPS}\s*(?:(?:id|handle|username|user ?name)\s*(?::|=|is)?|:)\s*[a-z][a-z0-9_.]{2,31}(?=\s*(?:$|[\n,;!)]|\.(?:\s|$)))`,
  'g',
);
const APP_INVITE = new RegExp(
  String.raw`(?<![a-z])(?:(?:whats\s?app|telegram|skype|viber|signal|wechat|discord|dm|message|msg|text|ping|contact|reach|add|hit up|find|call|write|chat with|talk to|follow)\s+(?:me|us)\s+(?:up\s+)?(?:on|via|through|at|over|@|in)\s+${APPS}|(?:whats\s?app|telegram|skype|viber|wechat)\s+(?:me|us)\b|(?:let'?s|we can|we'll|we will|i'?ll|i will|you can|please)\s+(?:talk|chat|continue|move|discuss|connect|speak|communicate)\s+(?:\w+\s+){0,3}?(?:on|via|over|through)\s+${APPS}(?![a-z]))`,
  'g',
);

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|me|gg|ly|us|link|io|co|at|to)\/[^\s<>"')\]]*/g;
const CONTACT_HOSTS =
  /^(?:wa\.me|wa\.link|(?:api|chat|web)\.whatsapp\.com|whatsapp\.com|t\.me|telegram\.(?:me|dog)|discord\.gg|(?:discord|discordapp)\.com\/invite|join\.skype\.com|signal\.(?:me|group)|m\.me|(?:www\.)?messenger\.com|line\.me|u\.wechat\.com|weixin\.qq\.com|calendly\.com|(?:[\w-]+\.)?zoom\.us\/j|meet\.google\.com|teams\.microsoft\.com\/l\/meetup-join|(?:[a-z]{2,3}\.)?linkedin\.com\/in|viber\.click|invite\.viber\.com)/;
export const SHORTENER_HOSTS =
  /^(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|shorturl\.at|tiny\.cc|rb\.gy|s\.id|t\.ly|lnkd\.in)$/;

/** Identifiers that look like phone numbers in data descriptions ("order numbers like 4839-2201-7713"). */
const IDENTIFIER_BEFORE =
  /(?:order|invoice|ticket|case|reference|ref|tracking|serial|account|policy|claim|patient|record|isbn|sku|part|model|id)\s*(?:numbers?|nos?\.?|ids?|#|codes?)?\s*(?:like|such as|e\.g\.?|format|look like|:|is|are)?\s*(?:"|')?$/;

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

const allowedDomain = (domain: string, allowed: readonly string[]) =>
  allowed.some((d) => domain === d || domain.endsWith(`.${d}`)) || /\.(?:example|test|invalid|localhost)$/.test(domain);

function phoneShaped(raw: string, context: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (/^(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d$/.test(raw)) return false;
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(raw.trim())) return false;
  if (/^\d{1,3}(?: \d{3})+$/.test(raw.trim())) return false;
  if (/(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d/.test(raw)) return false;
  if (/^1?\d{3}555\d{4}$/.test(digits) || /^(?:0123456789|1234567890|(\d)\1{6,})$/.test(digits)) return false;
  const international = /^(?:\+|00)/.test(raw);
  const areaCode = /^\(\d{2,4}\)/.test(raw);
  const grouped = /[\s().-]/.test(raw) && digits.length >= 10;
  return international || areaCode || grouped || PHONE_WORD.test(context);
}

export function findContactDetails(n: NormalizedText, allowedDomains: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const t = n.text;
  const taken = (start: number, end: number) => hits.some((h) => start < h.end && end > h.start);
  const push = (code: Hit['code'], start: number, end: number, message: string) => {
    if (!taken(start, end)) hits.push({ code, start, end, message });
  };

  for (const m of t.matchAll(EMAIL)) {
    if (allowedDomain(domainOf(m[0]), allowedDomains)) continue;
    push('contact_email', m.index, m.index + m[0].length, 'Contains an e-mail address; contact happens through OpenTrain messages.');
  }
  for (const re of [OBFUSCATED_EMAIL, PROVIDER]) {
    for (const m of t.matchAll(re)) {
      if (/^(?:look|meet|aim|stare|arrive|hit|be|is|are|work|paid|pay|start|end)$/.test(m[1] ?? '')) continue;
      // A plain address is the e-mail check's business (with its allow-list).
      if (/^[^\s()[\]{}<>]+@[^\s()[\]{}<>]+$/.test(m[0]) && !/\b(?:at|dot)\b/.test(m[0])) continue;
      push('contact_obfuscated', m.index, m.index + m[0].length, 'Contains a disguised e-mail address ("name at gmail dot com").');
    }
  }
  for (const re of [APP_HANDLE, APP_HANDLE_WORD, APP_LABELLED]) {
    for (const m of t.matchAll(re)) {
      push('contact_messaging_handle', m.index, m.index + m[0].length, 'Contains a messaging-app handle or number.');
    }
  }
  for (const m of t.matchAll(APP_INVITE)) {
    push('contact_messaging_handle', m.index, m.index + m[0].length, 'Asks to move the conversation to a messaging app.');
  }
  for (const m of t.matchAll(URL)) {
    const host = m[0].replace(/^(?:https?:\/\/)?(?:www\.)?/, '');
    if (CONTACT_HOSTS.test(host)) {
      push('contact_external_link', m.index, m.index + m[0].length, 'Links to a messaging, meeting or profile page outside OpenTrain.');
    }
  }
  for (const m of t.matchAll(/\b(?:mailto|tel|skype|sms|whatsapp):[^\s]+/g)) {
    push('contact_external_link', m.index, m.index + m[0].length, 'Contains a contact link (mailto:, tel:, skype: …).');
  }
  for (const m of t.matchAll(PHONE_CANDIDATE)) {
    const raw = m[0].trim();
    const context = t.slice(Math.max(0, m.index - 40), m.index + m[0].length + 15);
    if (!phoneShaped(raw, context)) continue;
    if (IDENTIFIER_BEFORE.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
    push('contact_phone', m.index, m.index + m[0].length, 'Contains a phone number; contact happens through OpenTrain messages.');
  }
  for (const m of t.matchAll(SPELLED_DIGITS)) {
    const digits = m[0].split(/[\s,.-]+/).filter(Boolean);
    const spelled = digits.filter((d) => DIGIT_WORDS[d] !== undefined).length;
    if (spelled >= 3) push('contact_obfuscated', m.index, m.index + m[0].trimEnd().length, 'Contains a phone number spelled out in words.');
  }
  return hits;
}

/** Every URL in the normalised text (used by the spam checks). */
export function findUrls(text: string): { url: string; index: number; host: string }[] {
  return [...text.matchAll(URL)].map((m) => ({
    url: m[0],
    index: m.index,
    host: m[0].replace(/^(?:https?:\/\/)?(?:www\.)?/, '').split(/[/?#]/)[0],
  }));
}
