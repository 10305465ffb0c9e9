/**
 * Project duration and time requirement, as canonical strings:
 * - projectDuration: "2 weeks", "3 months", "1-2 days", "ongoing".
 * - timeRequirement: "10 hours/week", "10-15 hours/week", "3 hours/day", "full-time", "part-time",
 *   "flexible". Stated hours beat full-/part-time words ("Teilzeit (ca. 15 Std./Woche)" →
 *   "15 hours/week").
 * Years that describe experience ("3+ years of experience") and the "a week" in "15 hours a week"
 * are not durations.
 */
import { NUMBER_WORD, parseCount } from './numbers';
import type { Sentence } from './text';
import type { Finding } from './types';

type Unit = 'day' | 'week' | 'month' | 'year';
const UNIT_WORDS: [Unit, string][] = [
  ['day', `days?|dias?|tagen?|tage|jours?|giorni|giorno`],
  ['week', `weeks?|wks?|semanas?|wochen?|semaines?|settiman[ae]`],
  ['month', `months?|mos?|meses|mes|monaten?|monate|monat|mois|mesi|mese`],
  ['year', `years?|yrs?|anos?|jahren?|jahre|ans`],
];
const UNIT_RE = UNIT_WORDS.map(([, re]) => `(${re})`).join('|');
const COUNT = `(\\d{1,3}(?:[.,]\\d)?|${NUMBER_WORD})`;

const DURATION = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/$€£¥₹])${COUNT}(?:\s?(?:-|to|or|a|bis|o|ou)\s?${COUNT})?[\s-]+(?:${UNIT_RE})(?![\p{L}])`,
  'gu',
);
const A_OR_TWO = new RegExp(String.raw`(?<![\p{L}])(?:a|one)\s+(?:${UNIT_RE})\s+or\s+(two|2|three|3)(?![\p{L}])`, 'u');
const EXPERIENCE_AFTER =
  /^\s*(?:\+\s*)?(?:of\s+|de\s+|an\s+|in\s+)?(?:[\p{L}-]+\s+){0,3}?\p{L}*(?:experience|erfahrung|experiencia|esperienza|practice|practising|practicing|clinical|in practice)|^\s*(?:as\s+an?\s|old|ago|prior|in the field|of age|practi[cs]\p{L}*|writing|coding|programming|in (?:clinical|legal|professional|industry))|^['’]s\b/u;
const PER_BEFORE = /(?:hours?|hrs?|h|horas|stunden|std\.?|heures|ore|times|x)\s*$|(?:per|\/|every|each|por|pro|par)\s*$/u;
const ONGOING = /(?<![\p{L}])(?:ongoing|long[\s-]term|indefinite(?:ly)?|permanent|no end date|laufend|unbefristet|indefinido|a largo plazo|continuo|en continu|long terme|de longa duracao)(?![\p{L}])/u;

function unitOf(m: RegExpExecArray, offset: number): Unit | undefined {
  for (let i = 0; i < UNIT_WORDS.length; i++) if (m[offset + i] !== undefined) return UNIT_WORDS[i][0];
  return undefined;
}

function format(low: number, high: number | undefined, unit: Unit): string {
  if (high !== undefined && high > low) return `${low}-${high} ${unit}s`;
  return `${low} ${unit}${low === 1 ? '' : 's'}`;
}

export function extractProjectDuration(sentences: readonly Sentence[]): Finding<string> | undefined {
  for (const s of sentences) {
    const text = s.folded;
    const pair = A_OR_TWO.exec(text);
    if (pair) {
      const unit = unitOf(pair, 1);
      const high = parseCount(pair[5]);
      if (unit && high) return { value: format(1, high, unit), confidence: 0.7, evidence: pair[0] };
    }
    for (const m of text.matchAll(DURATION)) {
      const end = m.index + m[0].length;
      if (EXPERIENCE_AFTER.test(text.slice(end, end + 45))) continue;
      const lead = text.slice(Math.max(0, m.index - 12), m.index);
      // Italian "per 6 settimane" (for 6 weeks) after a comma is a duration, not a rate period.
      if (PER_BEFORE.test(lead) && !/(?:^|[,;:]\s*)per\s*$/u.test(lead)) continue;
      if (unitOf(m, 3) === 'year' && /(?:at least|minimum(?: of)?|min\.?|over|more than|mindestens|al menos|au moins|almeno|pelo menos)\s*$/u.test(lead)) continue;
      const unit = unitOf(m, 3);
      const low = parseCount(m[1]);
      if (!unit || low === undefined || low <= 0) continue;
      if (m[1] === 'a' || m[1] === 'an') {
        // "a week" alone is only a duration after "within"/"in"/"for"/"about".
        if (!/(?:within|in|for|about|around|roughly|over|takes?|de)\s*$/.test(text.slice(0, m.index))) continue;
      }
      const high = m[2] === undefined ? undefined : parseCount(m[2]);
      return { value: format(low, high, unit), confidence: 0.8, evidence: s.raw.slice(m.index, end) };
    }
  }
  for (const s of sentences) {
    const m = ONGOING.exec(s.folded);
    if (m) return { value: 'ongoing', confidence: 0.8, evidence: s.raw.slice(m.index, m.index + m[0].length) };
  }
  return undefined;
}

const HOURS = String.raw`(?:hours?|hrs?|h|horas|stunden|std\.?|heures?|ore)`;
const PER = String.raw`\s*(?:/|per|a|an|each|every|por|pro|par|a la|in der|la|al)?\s*`;
const RANGE = String.raw`(\d{1,2})(?:\s?(?:-|to|a|bis)\s?(\d{1,2}))?\s*\+?\s*`;
const PER_WEEK = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])${RANGE}${HOURS}(?:${PER}(?:week|wk|semana|woche|semaine|settimana)(?![\p{L}])|\s+(?:weekly|semanales|semanais|wochentlich|hebdomadaires|a la semana|por semana|pro woche))`,
  'u',
);
const PER_DAY = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])${RANGE}${HOURS}(?:${PER}(?:day|dia|tag|jour)(?![\p{L}])|\s+(?:daily|diarias|taglich))`,
  'u',
);
const FULL_TIME = /(?<![\p{L}])(?:full[\s-]?time|tiempo completo|jornada completa|vollzeit|temps plein|tempo integral)(?![\p{L}])/u;
const PART_TIME =
  /(?<![\p{L}])(?:part[\s-]?time|medio tiempo|tiempo parcial|media jornada|teilzeit|temps partiel|meio[\s-]periodo|half[\s-]time)(?![\p{L}])/u;
const FLEXIBLE =
  /(?<![\p{L}])(?:flexible (?:hours|schedule|hours)|set your own (?:hours|schedule)|work whenever|(?:at|in) your own (?:pace|time)|whenever (?:you|u) (?:want|like|can)|horario flexible|flexible arbeitszeiten|horaires flexibles|horario flexivel)(?![\p{L}])/u;

export function extractTimeRequirement(sentences: readonly Sentence[]): Finding<string> | undefined {
  const search = (re: RegExp, suffix: string): Finding<string> | undefined => {
    for (const s of sentences) {
      const m = re.exec(s.folded);
      if (!m) continue;
      const low = Number(m[1]);
      const high = m[2] === undefined ? undefined : Number(m[2]);
      const value = high !== undefined && high > low ? `${low}-${high} ${suffix}` : `${low} ${suffix}`;
      return { value, confidence: 0.85, evidence: s.raw.slice(m.index, m.index + m[0].length) };
    }
    return undefined;
  };
  const word = (re: RegExp, value: string): Finding<string> | undefined => {
    const s = sentences.find((x) => re.test(x.folded));
    return s ? { value, confidence: 0.8, evidence: re.exec(s.folded)?.[0] } : undefined;
  };
  return (
    search(PER_WEEK, 'hours/week') ??
    search(PER_DAY, 'hours/day') ??
    word(FULL_TIME, 'full-time') ??
    word(PART_TIME, 'part-time') ??
    word(FLEXIBLE, 'flexible')
  );
}
