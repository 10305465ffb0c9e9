/**
 * Numbers as people write them in postings: "1,200", "1.200" (German/Spanish thousands),
 * "1.200,50", "1 200", "2.5k", "10 mil", "50k", and small number words in five languages.
 */

/** Matches a written number (digits with optional grouping and decimals). Use inside larger regexes. */
export const NUM = String.raw`(?:\d{1,3}(?:[,. ]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;

/** Multiplier words/suffixes that may follow a number ("2.5k", "10 mil", "1.2 million"). */
export const MULTIPLIER = String.raw`(?:(?:k|m)(?![\p{L}\p{N}])|\s(?:thousand|million|mil|tausend|tsd\.?|mille|millones|millionen|millions|mio\.?)(?![\p{L}\p{N}]))`;

/**
 * Parses a number token in any common grouping convention.
 * - Both separators present: the last one is the decimal mark ("1.200,50" = 1200.5, "1,200.50").
 * - One separator kind, every group after it exactly three digits and the first group not "0":
 *   grouping ("1,200", "1.200", "25.000", "1 200").
 * - Otherwise it is a decimal mark ("0,05", "2.5", "11.50").
 */
export function parseNumber(token: string): number | undefined {
  const t = token.trim().replace(/\s/g, ' ');
  if (!/^\d[\d., ]*$/.test(t)) return undefined;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    normalized = t.split(group).join('').replace(/ /g, '').replace(decimal, '.');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : t.includes(' ') ? ' ' : '';
    if (sep === '') normalized = t;
    else {
      const parts = t.split(sep);
      const grouped = parts.length > 1 && parts[0] !== '0' && parts.slice(1).every((p) => /^\d{3}$/.test(p));
      if (grouped) normalized = parts.join('');
      else if (sep === ' ' || parts.length > 2) return undefined;
      else normalized = `${parts[0]}.${parts[1]}`;
    }
  }
  const value = Number(normalized.replace(/ /g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** Applies a multiplier suffix captured after a number ("k", " mil", " million"). */
export function applyMultiplier(value: number, suffix: string | undefined): number {
  const s = (suffix ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (s === '') return value;
  if (s === 'k' || s === 'thousand' || s === 'mil' || s === 'tausend' || s === 'tsd' || s === 'mille') {
    return round(value * 1_000);
  }
  return round(value * 1_000_000);
}

/** Rounds away binary noise (0.1 * 3 style) to 6 decimals. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Cardinal number words (folded: lower case, no diacritics). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  // Spanish / Portuguese
  uno: 1,
  una: 1,
  um: 1,
  uma: 1,
  dos: 2,
  dois: 2,
  duas: 2,
  tres: 3,
  cuatro: 4,
  quatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  sete: 7,
  ocho: 8,
  oito: 8,
  nueve: 9,
  nove: 9,
  diez: 10,
  dez: 10,
  veinte: 20,
  vinte: 20,
  // German
  ein: 1,
  eine: 1,
  einen: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  zwolf: 12,
  zwanzig: 20,
  // French
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  vingt: 20,
};

/** Regex source for the number words above (longest first). */
export const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** Parses digits or a number word ("five", "zwei"); undefined for anything else. */
export function parseCount(token: string): number | undefined {
  const t = token.trim().toLowerCase();
  if (/^\d/.test(t)) return parseNumber(t);
  return NUMBER_WORDS[t];
}
