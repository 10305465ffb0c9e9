/**
 * Finds money amounts in a sentence: "$25", "25 USD", "€0,05", "EUR 1.200,50", "£300", "25 dollars",
 * "5 cents", "$20-30", "₹400", "R$ 35", "CA$19", "25$/h", "12/hr (usd)". Only amounts and currencies
 * here; what they pay for (hour, label, fixed) is decided in currency.ts.
 */
import type { Currency } from './types';
import { applyMultiplier, MULTIPLIER, NUM, NUMBER_WORD, parseCount, parseNumber, round } from './numbers';
import { alt, type Sentence } from './text';

export interface MoneyMention {
  amount: number;
  /** Upper end when a range was written ("$20-30"). */
  amountMax?: number;
  /** Resolved currency; undefined when only a bare number with a rate unit was written. */
  currency?: Currency;
  /** `$` / "dollars" without a country marker: read as USD but could be CAD, AUD, … */
  dollarAmbiguous: boolean;
  /** The match itself carried the unit (a bare number such as "12/hr" or "0.15/photo"). */
  unitInMatch?: 'HOUR' | 'LABEL';
  /** Offsets inside `sentence.folded`. */
  index: number;
  end: number;
  sentence: Sentence;
}

/** Folded prefix symbols and codes → currency. Order does not matter (alt() sorts longest first). */
const PREFIX: Record<string, Currency> = {
  'us$': 'USD',
  'u.s.$': 'USD',
  usd: 'USD',
  $: 'USD',
  'ca$': 'CAD',
  'c$': 'CAD',
  'cad$': 'CAD',
  cad: 'CAD',
  'a$': 'AUD',
  'au$': 'AUD',
  aud: 'AUD',
  'nz$': 'NZD',
  nzd: 'NZD',
  'r$': 'BRL',
  brl: 'BRL',
  'mx$': 'MXN',
  mxn: 'MXN',
  's$': 'SGD',
  sgd: 'SGD',
  'hk$': 'HKD',
  hkd: 'HKD',
  '€': 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  '₹': 'INR',
  inr: 'INR',
  'rs.': 'INR',
  '¥': 'JPY',
  jpy: 'JPY',
  cny: 'CNY',
  rmb: 'CNY',
  '₩': 'KRW',
  krw: 'KRW',
  '₱': 'PHP',
  '₦': 'NGN',
  ngn: 'NGN',
  chf: 'CHF',
  pln: 'PLN',
  sek: 'SEK',
  nok: 'NOK',
  dkk: 'DKK',
  zar: 'ZAR',
  kes: 'KES',
  clp: 'CLP',
  ars: 'ARS',
  cop: 'COP',
  php: 'PHP',
  '₺': 'TRY',
};

/** Folded words/codes written after the number. `null` = cents of the surrounding currency. */
const SUFFIX: Record<string, Currency | null> = {
  ...Object.fromEntries(Object.entries(PREFIX).filter(([k]) => !k.endsWith('$') || k === '$')),
  ars: 'ARS',
  cop: 'COP',
  php: 'PHP',
  lira: 'TRY',
  dollar: 'USD',
  dollars: 'USD',
  dolar: 'USD',
  dolares: 'USD',
  'us dollars': 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  rupee: 'INR',
  rupees: 'INR',
  yen: 'JPY',
  yuan: 'CNY',
  reais: 'BRL',
  pesos: 'MXN',
  zloty: 'PLN',
  franken: 'CHF',
  francs: 'CHF',
  'canadian dollars': 'CAD',
  '$ ca': 'CAD',
  '$ can': 'CAD',
  '$ au': 'AUD',
  'australian dollars': 'AUD',
  cents: null,
  cent: null,
  c: null,
  ct: null,
  cts: null,
  centavos: null,
  centimos: null,
  centimes: null,
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIX_RE = alt(Object.keys(PREFIX).map(esc));
const SUFFIX_RE = alt(Object.keys(SUFFIX).map(esc));
/** "20-30", "20 to 30", "bis"; "and"/"y"/"und"/"et" only after "between"/"entre"/"zwischen". */
const RANGE_SEP = String.raw`\s?(?:-|to|bis|à|(?<=(?:between|entre|zwischen)\s\S{1,14}\s?)(?:and|y|e|und|et))\s?`;
const AMOUNT = `(${NUM})(${MULTIPLIER})?`;

/** "$25", "US$ 1.200,50", "€0.04-0.06", "$45-$60", "EUR 1.200,50 EUR"(sic). */
const PREFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${PREFIX_RE})\s?${AMOUNT}(?:${RANGE_SEP}(?:${PREFIX_RE})?\s?${AMOUNT})?`,
  'gu',
);
/** "25 USD", "18 €", "50 bucks", "5 cents", "10c", "20-30 euros". */
const SUFFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥₹.,])${AMOUNT}(?:${RANGE_SEP}${AMOUNT})?\s?(${SUFFIX_RE})(?![\p{L}\p{N}])`,
  'gu',
);
/** "twenty dollars an hour": a spelled-out amount with a currency word. */
const WORD_AMOUNT = new RegExp(String.raw`(?<![\p{L}])(${NUMBER_WORD})\s+(dollars|bucks|euros|pounds)(?![\p{L}])`, 'gu');
const RAND = new RegExp(String.raw`(?<![\p{L}\p{N}])r\s?${AMOUNT}(?![\p{L}\p{N}])`, 'gu');
/** "12/hr", "20 per hour", "0.15/photo" with no currency at all (needs a pay word in the sentence). */
const BARE_RATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥₹.,])${AMOUNT}(?:${RANGE_SEP}${AMOUNT})?\s?(?:/|per\s|an?\s)\s?(?:(hour|hr|h)|(label|image|img|photo|picture|item|task|word|document|doc|file|page|clip|frame|sentence|annotation|review|comparison|record|sample))(?![\p{L}])`,
  'gu',
);
const PAY_WORD =
  /\b(?:pay|paying|paid|payment|rate|wage|salary|compensation|budget|remuneration|pago|pagamos|pagamento|verguetung|vergutung|lohn|gehalt|remuneration|tarif|salario)/;
const CURRENCY_CODE_IN_SENTENCE = /\b(usd|eur|gbp|cad|aud|inr|dollars?|euros?)\b/;

/** Whether `$` / "dollar" should be flagged: the text mentions a non-US dollar country. */
const OTHER_DOLLAR_COUNTRY =
  /\b(canada|canadian|australia|australian|new zealand|singapore|hong kong|mexico|mexican|taiwan)\b/;

function amountOf(num: string | undefined, mult: string | undefined): number | undefined {
  if (num === undefined) return undefined;
  const parsed = parseNumber(num);
  return parsed === undefined ? undefined : applyMultiplier(parsed, mult);
}

function push(
  out: MoneyMention[],
  sentence: Sentence,
  m: RegExpExecArray,
  amount: number | undefined,
  amountMax: number | undefined,
  currency: Currency | undefined,
  dollarAmbiguous: boolean,
  unitInMatch?: 'HOUR' | 'LABEL',
): void {
  if (amount === undefined || amount <= 0) return;
  const index = m.index;
  const end = m.index + m[0].length;
  if (out.some((o) => o.sentence === sentence && index < o.end && end > o.index)) return;
  const max = amountMax !== undefined && amountMax > amount ? amountMax : undefined;
  out.push({ amount, amountMax: max, currency, dollarAmbiguous, unitInMatch, index, end, sentence });
}

/** All money mentions in the sentences, in reading order. */
export function findMoney(sentences: readonly Sentence[], fullFolded: string): MoneyMention[] {
  const otherDollarCountry = OTHER_DOLLAR_COUNTRY.test(fullFolded);
  const yuanContext = /\b(china|chinese|rmb|yuan|cny)\b/.test(fullFolded);
  const randContext = /\b(zar|rand|south africa|south african)\b/.test(fullFolded);
  const out: MoneyMention[] = [];
  for (const s of sentences) {
    const text = s.folded;
    for (const m of text.matchAll(PREFIXED)) {
      const symbol = m[1];
      let currency = PREFIX[symbol];
      if (symbol === '¥' && yuanContext) currency = 'CNY';
      const ambiguous = symbol === '$' && otherDollarCountry;
      push(out, s, m, amountOf(m[2], m[3]), amountOf(m[4], m[5]), currency, ambiguous);
    }
    for (const m of text.matchAll(SUFFIXED)) {
      const word = m[5];
      const currency = SUFFIX[word];
      let amount = amountOf(m[1], m[2]);
      let amountMax = amountOf(m[3], m[4]);
      if (currency === null) {
        // "c" alone is too short to trust unless glued to the digits ("10c").
        if (word === 'c' && /\s/.test(m[0].slice(-2, -1))) continue;
        amount = amount === undefined ? undefined : round(amount / 100);
        amountMax = amountMax === undefined ? undefined : round(amountMax / 100);
        const centsCurrency: Currency = /€|\beur|\beuro/.test(text) ? 'EUR' : 'USD';
        push(out, s, m, amount, amountMax, centsCurrency, false);
        continue;
      }
      const ambiguous = /dollar|dolar|bucks|^\$$/.test(word) && otherDollarCountry;
      push(out, s, m, amount, amountMax, currency, ambiguous);
    }
    for (const m of text.matchAll(WORD_AMOUNT)) {
      const amount = parseCount(m[1]);
      if (amount !== undefined && amount > 1) push(out, s, m, amount, undefined, SUFFIX[m[2]] ?? undefined, false);
    }
    // "R120" is South African rand only when the posting says so (ZAR, rand, South Africa).
    if (randContext) {
      for (const m of text.matchAll(RAND)) push(out, s, m, amountOf(m[1], m[2]), undefined, 'ZAR', false);
    }
    if (!PAY_WORD.test(text)) continue;
    for (const m of text.matchAll(BARE_RATE)) {
      const code = CURRENCY_CODE_IN_SENTENCE.exec(text)?.[1];
      const currency = code ? (SUFFIX[code] ?? undefined) : undefined;
      push(out, s, m, amountOf(m[1], m[2]), amountOf(m[3], m[4]), currency, false, m[5] ? 'HOUR' : 'LABEL');
    }
  }
  return out.sort((a, b) => a.sentence.start + a.index - (b.sentence.start + b.index));
}
