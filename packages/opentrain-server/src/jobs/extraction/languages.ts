/**
 * Languages, reported as English names (ISO 639 reference names: "Spanish", "German").
 * Recognised from English, Spanish, German, French, Portuguese and Italian names, "francophone"-style
 * words, ISO 639-1 codes in locale form ("es-MX", "pt-BR") and on a "Languages:" line.
 *
 * A language adjective is also a nationality adjective ("German cars"), so a mention needs one of:
 * a language cue in the sentence (speak, native, fluent, translate, transcribe, dialect, "in X"…),
 * a neighbouring language ("English/Spanish"), or no blocking noun after it (market, company,
 * government, cuisine …). Mentions without a cue are kept with lower confidence.
 */
import type { Sentence } from './text';
import type { Finding } from './types';

interface Language {
  name: string;
  code: string;
  /** Folded regex source. */
  words: string;
  /** The name is also an ordinary word; require a capital letter in the raw text. */
  capitalised?: boolean;
}

export const LANGUAGES: Language[] = [
  { name: 'English', code: 'en', words: `english|ingles|englisch(?:e|en|er)?|anglais|inglese|anglophones?|englischkenntniss\\p{L}*|englischsprachig\\p{L}*` },
  { name: 'Spanish', code: 'es', words: `spanish|espanol(?:a|es)?|castellano|spanisch(?:e|en)?|espagnol|espanhol|hispanophones?|hispanohablantes?|spagnolo` },
  { name: 'French', code: 'fr', words: `french|frances(?:a)?|franzosisch(?:e|en)?|francais(?:e)?|francophones?|frances` },
  { name: 'German', code: 'de', words: `german|aleman|deutsch(?:e|en|er)?|allemand|alemao|germanophones?|deutschkenntniss\\p{L}*|deutschsprachig\\p{L}*|tedesc(?:o|a|hi|he)` },
  { name: 'Portuguese', code: 'pt', words: `portuguese|portugues(?:a)?|portugiesisch(?:e|en)?|portugais|lusophones?` },
  { name: 'Italian', code: 'it', words: `italian[oaie]?|italienisch(?:e|en)?|italophones?` },
  { name: 'Dutch', code: 'nl', words: `dutch|flemish|neerlandes|niederlandisch(?:e|en)?|neerlandais|holandes` },
  { name: 'Polish', code: 'pl', words: `polish|polaco|polnisch(?:e|en)?|polonais`, capitalised: true },
  { name: 'Russian', code: 'ru', words: `russian|ruso|russisch(?:e|en)?|russe` },
  { name: 'Ukrainian', code: 'uk', words: `ukrainian|ucraniano|ukrainisch(?:e|en)?|ukrainien` },
  { name: 'Arabic', code: 'ar', words: `arabic|arabe|arabisch(?:e|en)?` },
  { name: 'Hebrew', code: 'he', words: `hebrew|hebreo|hebraisch(?:e|en)?|hebreu` },
  { name: 'Turkish', code: 'tr', words: `turkish|turco|turkisch(?:e|en)?|turc` },
  { name: 'Persian', code: 'fa', words: `persian|farsi|persisch(?:e|en)?` },
  { name: 'Hindi', code: 'hi', words: 'hindi' },
  { name: 'Urdu', code: 'ur', words: 'urdu' },
  { name: 'Bengali', code: 'bn', words: 'bengali|bangla' },
  { name: 'Punjabi', code: 'pa', words: 'punjabi' },
  { name: 'Tamil', code: 'ta', words: 'tamil' },
  { name: 'Telugu', code: 'te', words: 'telugu' },
  { name: 'Marathi', code: 'mr', words: 'marathi' },
  { name: 'Gujarati', code: 'gu', words: 'gujarati' },
  { name: 'Kannada', code: 'kn', words: 'kannada' },
  { name: 'Malayalam', code: 'ml', words: 'malayalam' },
  { name: 'Chinese', code: 'zh', words: `chinese|mandarin|putonghua|chino|chinesisch(?:e|en)?|chinois` },
  { name: 'Cantonese', code: 'yue', words: 'cantonese|cantones|kantonesisch' },
  { name: 'Japanese', code: 'ja', words: `japanese|japones(?:a)?|japanisch(?:e|en)?|japonais` },
  { name: 'Korean', code: 'ko', words: `korean|coreano|koreanisch(?:e|en)?|coreen` },
  { name: 'Vietnamese', code: 'vi', words: 'vietnamese|vietnamita|vietnamesisch' },
  { name: 'Thai', code: 'th', words: 'thai|tailandes', capitalised: true },
  { name: 'Indonesian', code: 'id', words: 'indonesian|bahasa indonesia|indonesio' },
  { name: 'Malay', code: 'ms', words: 'malay|bahasa melayu' },
  { name: 'Tagalog', code: 'tl', words: 'tagalog' },
  { name: 'Cebuano', code: 'ceb', words: 'cebuano|bisaya' },
  { name: 'Ilocano', code: 'ilo', words: 'ilocano|ilokano' },
  { name: 'Swahili', code: 'sw', words: 'swahili|kiswahili' },
  { name: 'Amharic', code: 'am', words: 'amharic' },
  { name: 'Yoruba', code: 'yo', words: 'yoruba' },
  { name: 'Igbo', code: 'ig', words: 'igbo' },
  { name: 'Hausa', code: 'ha', words: 'hausa' },
  { name: 'Zulu', code: 'zu', words: 'zulu|isizulu' },
  { name: 'Afrikaans', code: 'af', words: 'afrikaans' },
  { name: 'Greek', code: 'el', words: `greek|griego|griechisch(?:e|en)?|grec` },
  { name: 'Czech', code: 'cs', words: 'czech|checo|tschechisch', capitalised: true },
  { name: 'Slovak', code: 'sk', words: 'slovak|slowakisch' },
  { name: 'Hungarian', code: 'hu', words: 'hungarian|hungaro|ungarisch' },
  { name: 'Romanian', code: 'ro', words: 'romanian|rumano|rumanisch|roumain' },
  { name: 'Bulgarian', code: 'bg', words: 'bulgarian|bulgaro|bulgarisch' },
  { name: 'Serbian', code: 'sr', words: 'serbian|serbio|serbisch' },
  { name: 'Croatian', code: 'hr', words: 'croatian|croata|kroatisch' },
  { name: 'Swedish', code: 'sv', words: `swedish|sueco|schwedisch(?:e|en)?|suedois` },
  { name: 'Norwegian', code: 'no', words: 'norwegian|noruego|norwegisch' },
  { name: 'Danish', code: 'da', words: 'danish|danes|danisch', capitalised: true },
  { name: 'Finnish', code: 'fi', words: 'finnish|finlandes|finnisch', capitalised: true },
  { name: 'Catalan', code: 'ca', words: 'catalan|catala|katalanisch' },
  { name: 'Basque', code: 'eu', words: 'basque|euskera|vasco' },
];

const CUE =
  /(?<![\p{L}])(?:speak\p{L}*|spoken|native|natives?|fluen\p{L}*|bilingual|multilingual|language\p{L}*|proficien\p{L}*|mother tongue|dialects?|accents?|translat\p{L}*|transcri\p{L}*|written|c1|c2|nativos?|nativas?|hablantes?|idiomas?|lenguas?|muttersprach\p{L}*|sprache\p{L}*|sprech\p{L}*|kenntnisse|langues?|parl\p{L}*|falantes?|lingua|ubersetz\p{L}*|tradu\p{L}*|linguists?|speakers?|[\p{L}]+-speaking|code-switching|madrelingua|parlanti|kenntniss\p{L}*)(?![\p{L}])/u;
const BLOCK_AFTER =
  /^[\s-]*(?:market|markets|company|companies|client|clients|startup|government|law|laws|cuisine|food|restaurants?|cars?|brands?|businesses|citizens?|nationals?|passports?|football|history|shepherd|army|police|banks?|court|courts|universit\p{L}*)(?![\p{L}])/u;
const LANG_BEFORE = /(?:in|into|from|to|en|al|ins|vom|auf|em|para|speak|speaks|fluent in|native)\s+$/u;
const LOCALE = /(?<![\p{L}])([a-z]{2})[-_]([A-Z]{2})(?![\p{L}])/gu;
const LANGUAGES_LINE = /(?:languages?|idiomas?|sprachen?|langues?)\s*:\s*([^.\n]+)/u;

const ALL = LANGUAGES.map((l) => ({ lang: l, re: new RegExp(`(?<![\\p{L}])(?:${l.words})(?![\\p{L}])`, 'gu') }));

interface Hit {
  name: string;
  start: number;
  end: number;
  position: number;
  evidence: string;
}

function hitsIn(s: Sentence): Hit[] {
  const hits: Hit[] = [];
  for (const { lang, re } of ALL) {
    for (const m of s.folded.matchAll(re)) {
      const raw = s.raw.slice(m.index, m.index + m[0].length);
      if (lang.capitalised && !/^\p{Lu}/u.test(raw)) continue;
      hits.push({ name: lang.name, start: m.index, end: m.index + m[0].length, position: s.start + m.index, evidence: raw });
    }
  }
  for (const m of s.raw.matchAll(LOCALE)) {
    const lang = LANGUAGES.find((l) => l.code === m[1]);
    if (lang) hits.push({ name: lang.name, start: m.index, end: m.index + m[0].length, position: s.start + m.index, evidence: m[0] });
  }
  const line = LANGUAGES_LINE.exec(s.folded);
  if (line) {
    const offset = line.index + line[0].length - line[1].length;
    for (const m of line[1].matchAll(/(?<![\p{L}])([a-z]{2})(?![\p{L}])/gu)) {
      const lang = LANGUAGES.find((l) => l.code === m[1]);
      if (lang) {
        const start = offset + m.index;
        hits.push({ name: lang.name, start, end: start + 2, position: s.start + start, evidence: m[0] });
      }
    }
  }
  return hits;
}

export function extractLanguages(sentences: readonly Sentence[]): Finding<string[]> | undefined {
  const accepted: { hit: Hit; confidence: number }[] = [];
  for (const s of sentences) {
    const hits = hitsIn(s).sort((a, b) => a.start - b.start);
    const cue = CUE.test(s.folded);
    for (const [i, h] of hits.entries()) {
      const after = s.folded.slice(h.end, h.end + 20);
      const before = s.folded.slice(Math.max(0, h.start - 15), h.start);
      const neighbour = hits.some(
        (o, j) => j !== i && (/^\s*(?:\/|\+|,|&|and|y|und|et|e|or|-|–|→|->)?\s*$/u.test(s.folded.slice(Math.min(h.end, o.end), Math.max(h.start, o.start)))),
      );
      if (BLOCK_AFTER.test(after) && !cue) continue;
      const strong = cue || neighbour || LANG_BEFORE.test(before);
      accepted.push({ hit: h, confidence: strong ? 0.85 : 0.55 });
    }
  }
  if (accepted.length === 0) return undefined;
  accepted.sort((a, b) => a.hit.position - b.hit.position);
  const names: string[] = [];
  let confidence = 1;
  for (const a of accepted) {
    if (!names.includes(a.hit.name)) names.push(a.hit.name);
  }
  for (const name of names) {
    confidence = Math.min(confidence, Math.max(...accepted.filter((a) => a.hit.name === name).map((a) => a.confidence)));
  }
  return { value: names, confidence, evidence: accepted.map((a) => a.hit.evidence).join(', ') };
}

/** "es", "es-MX", "Spanish", "español", "SPANISH" → "Spanish"; undefined when unknown. */
export function normalizeLanguage(input: string): string | undefined {
  const t = input.trim();
  const code = /^([a-z]{2,3})(?:[-_][a-z]{2})?$/i.exec(t)?.[1]?.toLowerCase();
  if (code) {
    const byCode = LANGUAGES.find((l) => l.code === code);
    if (byCode) return byCode.name;
  }
  const folded = t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return ALL.find(({ lang }) => new RegExp(`^(?:${lang.words})$`, 'u').test(folded))?.lang.name;
}
