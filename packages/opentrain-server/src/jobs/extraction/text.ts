/**
 * Text plumbing shared by the field extractors: a folded copy of the input (lower case, no
 * diacritics, plain dashes and quotes) that keeps every index aligned with the raw text, and a
 * sentence splitter that knows a few abbreviations ("ca.", "approx.", "e.g.").
 */

const CHAR_MAP: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

/**
 * Lower-cases, strips diacritics and normalises dashes/quotes/spaces. The result has exactly the
 * same length as the input, so an index found in the folded text points at the same raw text.
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = CHAR_MAP[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (stripped.length === ch.length) out += stripped;
    else {
      const lower = ch.toLowerCase();
      out += lower.length === ch.length ? lower : ch;
    }
  }
  return out;
}

export interface Sentence {
  /** The sentence as written. */
  raw: string;
  /** `fold(raw)`. */
  folded: string;
  /** Offset of `raw` in the full text. */
  start: number;
}

const ABBREVIATIONS = new Set([
  'ca',
  'approx',
  'aprox',
  'env',
  'e.g',
  'i.e',
  'etc',
  'vs',
  'mind',
  'min',
  'max',
  'z.b',
  'bzw',
  'std',
  'dr',
  'mr',
  'ms',
  'mrs',
  'no',
  'nr',
  'inc',
  'ltd',
  'u.s',
  'esp',
  'sr',
  'sra',
]);

/** Splits on line breaks and on sentence punctuation followed by a space (not after abbreviations). */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (startIdx: number, endIdx: number) => {
    const slice = text.slice(startIdx, endIdx);
    const lead = slice.length - slice.trimStart().length;
    const raw = slice.trim();
    if (raw.length > 0) sentences.push({ raw, folded: fold(raw), start: startIdx + lead });
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? '')) {
      const before = text.slice(start, i);
      const lastWord = (/([\p{L}.]+)$/u.exec(before)?.[1] ?? '').toLowerCase();
      if (ch === '.' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
      push(start, i + 1);
      start = i + 1;
    }
  }
  push(start, text.length);
  return sentences;
}

/**
 * Caps the number of sentences by merging neighbours (each extractor's cost grows with the number
 * of sentences, and a 60,000-character input of one-character lines would otherwise cost seconds).
 * Real postings have a few hundred sentences and are returned unchanged.
 */
export function boundSentences(text: string, sentences: Sentence[], max = 1_000): Sentence[] {
  if (sentences.length <= max) return sentences;
  const size = Math.ceil(sentences.length / max);
  const merged: Sentence[] = [];
  for (let i = 0; i < sentences.length; i += size) {
    const first = sentences[i];
    const last = sentences[Math.min(i + size, sentences.length) - 1];
    const raw = text.slice(first.start, last.start + last.raw.length);
    merged.push({ raw, folded: fold(raw), start: first.start });
  }
  return merged;
}

/** A short, single-line quote of `raw` around [index, index+length) for evidence and warnings. */
export function excerpt(raw: string, index: number, length: number, pad = 25): string {
  const from = Math.max(0, index - pad);
  const to = Math.min(raw.length, index + length + pad);
  const body = raw.slice(from, to).replace(/\s+/g, ' ').trim();
  return (from > 0 ? '…' : '') + body + (to < raw.length ? '…' : '');
}

/** Escapes a literal for use inside a RegExp source. */
export function escapeRe(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `(?:a|b|c)` from alternatives, longest first so that prefixes do not shadow longer words. */
export function alt(alternatives: readonly string[]): string {
  return `(?:${[...alternatives].sort((a, b) => b.length - a.length).join('|')})`;
}

/** Word-ish boundaries that also work next to non-ASCII letters (JS `\b` is ASCII-only). */
export const B_START = '(?<![\\p{L}\\p{N}])';
export const B_END = '(?![\\p{L}\\p{N}])';

/** Builds a Unicode, global regex wrapped in letter boundaries. */
export function wordRe(source: string, flags = 'gu'): RegExp {
  return new RegExp(`${B_START}${source}${B_END}`, flags);
}

/** True when any of the regexes matches the string. */
export function anyMatch(text: string, regexes: readonly RegExp[]): boolean {
  return regexes.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/** Removes duplicates, keeping the first occurrence's position. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
