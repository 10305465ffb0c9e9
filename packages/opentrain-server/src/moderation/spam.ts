/**
 * Spam signals: shouting, repeated characters/words/lines, too many links, link shorteners and
 * keyboard-mash gibberish. Thresholds are set so that normal postings with acronyms (RLHF, NER,
 * CVAT), bullet lists, "!!!" and a few links pass (docs/job-extraction.md "Moderation").
 */
import { findUrls, SHORTENER_HOSTS } from './contact';
import type { NormalizedText } from './normalize';
import type { Hit } from './types';

/** More links than this is spam. */
export const MAX_LINKS = 5;

/** Keyboard-row runs that do not occur inside ordinary words ("erty" would catch "property"). */
const KEYBOARD_RUNS = /(?:qwer|uiop|asdf|sdfg|dfgh|fghj|ghjk|hjkl|zxcv|xcvb|cvbn|vbnm|poiu|lkjh|mnbv)/;

function shouting(original: string): { start: number; end: number } | undefined {
  const words = [...original.matchAll(/\p{L}{4,}/gu)];
  if (words.length < 8) return undefined;
  const upper = words.filter((w) => w[0] === w[0].toUpperCase() && w[0] !== w[0].toLowerCase());
  if (upper.length / words.length < 0.6) return undefined;
  return { start: upper[0].index, end: upper[Math.min(upper.length - 1, 5)].index + upper[Math.min(upper.length - 1, 5)][0].length };
}

function gibberishToken(token: string): boolean {
  if (token.length < 5 || /\d/.test(token)) return false;
  if (!/[aeiouy]/.test(token)) return true;
  if (/[bcdfghjklmnpqrstvwxz]{6,}/.test(token)) return true;
  return KEYBOARD_RUNS.test(token);
}

/** `original` is used for case (shouting); everything else reads the normalised text. */
export function findSpam(n: NormalizedText, original: string): Hit[] {
  const hits: Hit[] = [];
  const t = n.text;
  const toNormalized = (originalIndex: number) => Math.max(0, n.map.findIndex((o) => o >= originalIndex));

  const shout = shouting(original);
  if (shout) {
    hits.push({
      code: 'spam_shouting',
      start: toNormalized(shout.start),
      end: toNormalized(shout.end),
      message: 'Mostly written in capital letters.',
    });
  }

  const repeatedChar = /(\p{L})\1{5,}|([!?$€*#.])\2{5,}|(\p{Extended_Pictographic})(?:\ufe0f?\3){5,}/u.exec(t);
  if (repeatedChar && !/^[.#*]+$/.test(repeatedChar[0])) {
    hits.push({ code: 'spam_repetition', start: repeatedChar.index, end: repeatedChar.index + repeatedChar[0].length, message: 'Repeats the same character many times.' });
  }
  const repeatedWord = /(?<!\p{L})(\p{L}{2,})(?:[\s,.!-]+\1(?!\p{L})){3,}/u.exec(t);
  if (repeatedWord) {
    hits.push({ code: 'spam_repetition', start: repeatedWord.index, end: repeatedWord.index + repeatedWord[0].length, message: 'Repeats the same word over and over.' });
  }
  const lines = new Map<string, number>();
  let offset = 0;
  for (const line of t.split('\n')) {
    const key = line.trim();
    if (key.length >= 12) {
      const count = (lines.get(key) ?? 0) + 1;
      lines.set(key, count);
      if (count === 3) hits.push({ code: 'spam_repetition', start: offset, end: offset + line.length, message: 'Repeats the same line several times.' });
    }
    offset += line.length + 1;
  }
  const words = t.match(/\p{L}{3,}/gu) ?? [];
  if (words.length >= 25) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    const STOP = new Set(['the', 'and', 'for', 'you', 'with', 'are', 'des', 'der', 'die', 'und', 'los', 'las', 'que', 'per']);
    const [top, count] = [...counts.entries()].filter(([w]) => !STOP.has(w)).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (count / words.length > 0.3) {
      const at = t.indexOf(top);
      hits.push({ code: 'spam_repetition', start: at, end: at + top.length, message: `The word "${top}" makes up most of the text.` });
    }
  }

  const urls = findUrls(t);
  if (urls.length > MAX_LINKS) {
    const last = urls[MAX_LINKS];
    hits.push({ code: 'spam_excessive_links', start: last.index, end: last.index + last.url.length, message: `Contains ${urls.length} links (at most ${MAX_LINKS}).` });
  }
  for (const u of urls) {
    if (SHORTENER_HOSTS.test(u.host)) {
      hits.push({ code: 'spam_link_shortener', start: u.index, end: u.index + u.url.length, message: 'Uses a link shortener that hides where it leads.' });
    }
  }

  const tokens = [...t.matchAll(/(?<![\p{L}\p{N}@./])[a-z]+(?![\p{L}\p{N}@./])/gu)].filter((m) => m[0].length >= 4);
  const gibberish = tokens.filter((m) => gibberishToken(m[0]));
  if (gibberish.length >= 5 && gibberish.length / Math.max(tokens.length, 1) >= 0.3) {
    hits.push({ code: 'spam_gibberish', start: gibberish[0].index, end: gibberish[Math.min(4, gibberish.length - 1)].index + 8, message: 'Much of the text is not words.' });
  }
  return hits;
}
