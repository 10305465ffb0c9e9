/**
 * Headcount: "3 annotators", "a team of five", "need 2 ppl", "40 raters needed", "busco 3 personas",
 * "ein Team von 10 Annotatoren". Only explicit numbers count: "an AI tutor" is not read as 1
 * (absent means "not stated"). A range ("10-15 labelers") takes the upper bound, with a warning.
 */
import { NUMBER_WORDS, parseCount } from './numbers';
import type { Sentence } from './text';
import type { ExtractionWarning, Finding } from './types';

const ARTICLES = new Set(['a', 'an', 'un', 'une', 'ein', 'eine', 'einen', 'um', 'uma', 'una', 'uno', 'single', 'couple']);
const COUNT_WORDS = Object.keys(NUMBER_WORDS)
  .filter((w) => !ARTICLES.has(w))
  .sort((a, b) => b.length - a.length)
  .join('|');
const COUNT = `(\\d{1,4}|${COUNT_WORDS})`;
const PERSON = String.raw`(?:annotators?|labell?ers?|people|persons?|ppl|folks|raters?|transcriptionists?|transcribers?|translators?|linguists?|speakers?|freelancers?|contractors?|workers?|trainers?|tutors?|experts?|reviewers?|taggers?|specialists?|radiologists?|doctors?|nurses?|engineers?|developers?|writers?|testers?|participants?|contributors?|evaluators?|moderators?|coders?|editors?|analysts?|researchers?|interns?|proofreaders?|team members|members|seats|positions|openings|vacancies|personas?|anotador(?:es|as)?|etiquetador(?:es|as)?|transcriptor(?:es|as)?|traductor(?:es|as)?|hablantes|evaluador(?:es|as)?|annotatoren|annotator(?::|\*|_)?innen|muttersprachler(?:(?::|\*|_)?innen)?|personen|leute|mitarbeiter(?:(?::|\*|_)?innen)?|ubersetzer(?:(?::|\*|_)?innen)?|annotateurs?|annotatrices?|personnes|traducteurs?|transcripteurs?|transcriptrices?|correcteurs?|linguistas|evaluateurs?|pessoas|avaliadores|vacantes|plazas|stellen|postes|persone|madrelingua|annotatori|trascrittori|traduttori|valutatori|osob|osoby)`;
const MODIFIERS = String.raw`(?:(?!(?:per|of|for|in|on|at|with|from|to|and|or|de|von|pour|per|each)\s)[\p{L}'’:/-]+\s+){0,3}?`;

const PEOPLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£.,])${COUNT}(?:\s*(?:-|to|a|bis)\s*${COUNT})?\+?\s+(?:more\s+)?${MODIFIERS}${PERSON}(?![\p{L}])`,
  'gu',
);
const TEAM = new RegExp(
  String.raw`(?<![\p{L}])(?:team|group|crew|pool|equipo|grupo|equipe)\s+(?:of|de|von|du)\s+${COUNT}(?![\p{L}\p{N}])`,
  'gu',
);
const NOT_HEADCOUNT_AFTER = /^\s*(?:per|in each|for each|each)\b/;

export function extractHeadcount(
  sentences: readonly Sentence[],
): { finding?: Finding<number>; warnings: ExtractionWarning[] } {
  const warnings: ExtractionWarning[] = [];
  for (const s of sentences) {
    const matches = [...s.folded.matchAll(PEOPLE), ...s.folded.matchAll(TEAM)].sort((a, b) => a.index - b.index);
    for (const m of matches) {
      const after = s.folded.slice(m.index + m[0].length, m.index + m[0].length + 15);
      if (NOT_HEADCOUNT_AFTER.test(after)) continue;
      const low = parseCount(m[1]);
      const high = m[2] === undefined ? undefined : parseCount(m[2]);
      if (low === undefined || low < 1 || !Number.isInteger(low)) continue;
      const evidence = s.raw.slice(m.index, m.index + m[0].length);
      if (high !== undefined && high > low) {
        warnings.push({
          code: 'headcount_range',
          field: 'headcount',
          message: `A range of ${low}-${high} people was given; headcount is set to ${high}.`,
        });
        return { finding: { value: high, confidence: 0.7, evidence }, warnings };
      }
      return { finding: { value: low, confidence: 0.85, evidence }, warnings };
    }
  }
  return { warnings };
}
