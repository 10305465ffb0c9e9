/**
 * Text normalisation for moderation: defeats cheap evasions (full-width letters, zero-width
 * characters, Cyrillic look-alikes, accents, fancy dashes) and keeps a map from every normalised
 * character back to the original, so excerpts quote what the author actually wrote.
 */

/** Zero-width, joiner, bidi-control and other invisible code points. */
const INVISIBLE = new Set(
  [0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0xfeff]
    .concat([0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e])
    .concat([0x2060, 0x2061, 0x2062, 0x2063, 0x2064]),
);

/** Cyrillic and Greek letters that render like Latin ones. */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};

const PUNCTUATION: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

export interface NormalizedText {
  /** The text as written. */
  original: string;
  /** Lower case, NFKC, accents and invisible characters removed, look-alikes mapped to Latin. */
  text: string;
  /** `map[i]` = index in `original` of normalised character `i` (plus one sentinel at the end). */
  map: number[];
}

export function normalizeForModeration(original: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  let index = 0;
  for (const ch of original) {
    const at = index;
    index += ch.length;
    if (INVISIBLE.has(ch.codePointAt(0) ?? 0)) continue;
    let out = PUNCTUATION[ch];
    if (out === undefined) {
      const compat = ch.normalize('NFKC').toLowerCase();
      out = [...compat]
        .map((c) => CONFUSABLES[c] ?? c)
        .join('')
        .normalize('NFD')
        .replace(/\p{M}+/gu, '');
    }
    for (let i = 0; i < out.length; i++) {
      text += out[i];
      map.push(at);
    }
  }
  map.push(original.length);
  return { original, text, map };
}

/** The original text behind normalised [start, end), widened by `pad` characters, on one line. */
export function excerptOf(n: NormalizedText, start: number, end: number, pad = 20): string {
  const from = n.map[Math.max(0, start)] ?? 0;
  const to = end >= n.map.length - 1 ? n.original.length : (n.map[end] ?? n.original.length);
  const a = Math.max(0, from - pad);
  const b = Math.min(n.original.length, to + pad);
  let s = n.original.slice(a, b).replace(/\s+/g, ' ').trim();
  if (s.length > 160) s = `${s.slice(0, 157)}…`;
  return (a > 0 ? '…' : '') + s + (b < n.original.length ? '…' : '');
}

/** Sentence-ish spans of the normalised text (split on line breaks and . ! ? ;). */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /[^\n.!?;]+[.!?;]*/g;
  for (const m of text.matchAll(re)) {
    if (m[0].trim()) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
