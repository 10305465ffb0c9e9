/**
 * Experience level. Rules (docs/job-extraction.md "Experience level"):
 * - ENTRY_LEVEL: "no experience needed", "beginners welcome", "freshers", "entry-level".
 * - EXPERT: "expert", "senior", 3+ years, professional credentials (PhD, MD, board-certified,
 *   licensed, master's degree) or hiring named professionals (radiologists, attorneys …).
 * - INTERMEDIATE: "experienced", "prior/some experience", "with X experience", 1–2 years,
 *   "experience required", "intermediate".
 * - ANY_EXPERIENCE_LEVEL: "all levels", "any level".
 * Cues in a clause that marks them as optional ("preferred", "a plus", "nice to have",
 * "erwünscht", "deseable") are ignored: a preference is not a requirement. The clause ends at a
 * comma, semicolon or "but"; a sentence that opens with the preference ("Preferred: …") is optional
 * throughout.
 * When levels conflict: ENTRY_LEVEL (explicitly said) wins, then ANY, then EXPERT over INTERMEDIATE.
 */
import type { Sentence } from './text';
import type { ExperienceLevel, Finding } from './types';

const W = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'u');

const ENTRY = W(
  String.raw`no (?:prior |previous |formal )?(?:\p{L}+ )?experience(?: (?:is )?(?:needed|required|necessary))?|without experience|entry[\s-]level|beginners?(?:[\s-](?:welcome|friendly|ok))?|juniors?|freshers?|students welcome|newcomers welcome|we(?:'ll| will) train you|no se (?:necesita|requiere) experiencia|sin experiencia|keine (?:\p{L}+ )?erfahrung (?:notig|erforderlich|noetig)|keine vorkenntnisse(?: \p{L}+)?|ohne (?:\p{L}+ )?erfahrung|quereinsteiger\p{L}*|(?:niveau )?debutants?(?: acceptes?)?|sans experience|sem experiencia|iniciantes?|nessuna esperienza(?: (?:richiesta|necessaria))?|senza esperienza|principianti`,
);
const ANY = W(
  `all (?:experience |skill )?levels|any (?:experience |skill )?level|any level of experience|anyone can (?:apply|join|participate)|open to (?:all|everyone|anyone)|all backgrounds(?: welcome)?|todos los niveles|alle erfahrungsstufen|tous niveaux|todos os niveis`,
);
const EXPERT = W(
  String.raw`experts?|expertise|senior|seasoned|highly experienced|extensive experience|deep experience|(?:phds?|ph\.d\.?)(?!\s+(?:students?|candidates?))|doctorate|board[\s-]certified|certified|licensed|sworn|assermente\p{L}*|vereidigt\p{L}*|smes?|cfa|cpa|cpc|master'?s degree|masters degree|msc|m\.sc|experto|expertos|experta|experte|experten|subject[\s-]matter experts?`,
);
const PROFESSIONALS = W(
  String.raw`\p{L}{3,}ologists?|physicians?|surgeons?|attorneys?|lawyers?|medicos especialistas|radiologos|abogados?|arzte|fachärzte|facharzte|avocats?|medecins`,
);
const HIRING =
  /\b(?:looking for|seeking|need|needs|needed|wanted|hiring|hire|recruit\p{L}*|buscamos|necesitamos|suchen|benotigen|recherchons|procuramos|precisamos|cerchiamo)\b/u;
/** A requirement that names a profession ("2+ years as a practising lawyer required"). */
const REQUIRED = /\b(?:required|must|mandatory|only|as an?)\b/u;
const INTERMEDIATE = W(
  String.raw`intermediate|intermedio|intermediaire|experienced|erfahrene[nrm]?|esperti|esperte|con esperienza|esperienza (?:in|con|richiesta|necessaria)|bachelor['’]?s?(?:\s+degree)?\s+(?:[\p{L}-]+\s+){0,3}?(?:required|needed|a must)|(?:experience\s+(?:(?:with|in|reading|using)\s+|\p{L}+ing\s+)|background\s+)(?:[\p{L}&-]+\s+){0,4}?(?:(?:is\s+)?(?:required|needed|a must|necessary|essential|mandatory))|(?:prior|previous|some|proven|relevant|hands[\s-]on|demonstrated|practical)\s+(?:[\p{L}-]+\s+){0,3}?experience|(?:with|have|having)\s+(?:[\p{L}-]+\s+){0,2}?experience|experience (?:is )?(?:required|needed|necessary|a must)|experiencia previa|experiencia (?:en|con)|se requiere experiencia|erfahrung (?:mit|in)|erfahrung (?:ist )?(?:pflicht|erforderlich|vorausgesetzt)|experience (?:en|avec)|experiencia (?:em|com)`,
);
const YEARS = /(?<![\p{L}\p{N}])(\d{1,2})(?:\s*(?:-|to|a|bis)\s*(\d{1,2}))?\s*\+?\s*(?:years?|yrs?|anos|jahren?|ans)(?![\p{L}])(.{0,45})/u;
const YEARS_CONTEXT =
  /experienc|erfahrung|esperienza|as an? |in the field|working|of work|professional|berufs|writing|coding|programming|developing|practi[cs]|clinical|teaching|annotat|labell?ing|transcrib/u;
const OPTIONAL =
  /\b(?:preferred|preferably|a plus|is a plus|nice[\s-]to[\s-]have|desirable|desired|bonus|ideally|an advantage|helpful|erwunscht|von vorteil|wunschenswert|deseable|valorable|se valora|souhaite|apprecie|um diferencial|preferencial|preferible)\b/u;

type Level = ExperienceLevel;

/** Clauses end at commas, semicolons and "but"; a sentence-leading "Preferred:"/"Ideally" covers all. */
function isOptional(text: string, index: number): boolean {
  const lead = /^\s*(?:\p{L}+\s+){0,3}?(?:preferred|preferably|ideally|nice[\s-]to[\s-]have|bonus|a plus|desirable)\b\s*[:,]?/u;
  if (lead.test(text) && OPTIONAL.test(text.slice(0, index))) return true;
  const boundary = /[,;]|\bbut\b|\baber\b|\bpero\b|\bmais\b/gu;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(boundary)) {
    if (m.index < index) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return OPTIONAL.test(text.slice(start, end));
}

function levelsIn(s: Sentence): { level: Level; evidence: string }[] {
  const text = s.folded;
  const found: { level: Level; evidence: string }[] = [];
  const take = (level: Level, m: RegExpExecArray | null) => {
    if (m) found.push({ level, evidence: s.raw.slice(m.index, m.index + m[0].length) });
  };
  const entry = ENTRY.exec(text);
  take('ENTRY_LEVEL', entry);
  take('ANY_EXPERIENCE_LEVEL', ANY.exec(text));
  // A preference is not a requirement, but only within its own clause: "Expert level, PhD
  // preferred" keeps the level; "Preferred: 3 years of experience" marks the whole sentence.
  const required = (m: RegExpExecArray | null) => (m && !isOptional(text, m.index) ? m : null);
  const years = required(YEARS.exec(text));
  if (years && YEARS_CONTEXT.test(years[3])) {
    const n = Number(years[2] ?? years[1]);
    take(Number(years[1]) >= 3 || n >= 5 ? 'EXPERT' : 'INTERMEDIATE', years);
  }
  take('EXPERT', required(EXPERT.exec(text)));
  if (HIRING.test(text) || REQUIRED.test(text)) take('EXPERT', required(PROFESSIONALS.exec(text)));
  // "no experience required" also matches the generic "experience required" cue.
  if (!entry) take('INTERMEDIATE', required(INTERMEDIATE.exec(text)));
  return found;
}

const PRECEDENCE: Level[] = ['ENTRY_LEVEL', 'ANY_EXPERIENCE_LEVEL', 'EXPERT', 'INTERMEDIATE'];

export function extractExperience(sentences: readonly Sentence[]): Finding<ExperienceLevel> | undefined {
  const all = sentences.flatMap(levelsIn);
  if (all.length === 0) return undefined;
  const levels = new Set(all.map((f) => f.level));
  const chosen = PRECEDENCE.find((l) => levels.has(l))!;
  const conflicting = levels.size > 1 && !(levels.size === 2 && levels.has('EXPERT') && levels.has('INTERMEDIATE'));
  return {
    value: chosen,
    confidence: conflicting ? 0.5 : 0.8,
    evidence: all.find((f) => f.level === chosen)?.evidence,
  };
}

/** Maps "expert", "Entry level", "junior", "any", "INTERMEDIATE" to the enum. */
export function normalizeExperienceLevel(input: string): ExperienceLevel | undefined {
  const t = input.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (/^(expert|senior|advanced|professional)( level)?$/.test(t)) return 'EXPERT';
  if (/^(intermediate|mid|mid level|middle|experienced)( level)?$/.test(t)) return 'INTERMEDIATE';
  if (/^(entry|entry level|beginner|junior|novice|no experience)$/.test(t)) return 'ENTRY_LEVEL';
  if (/^(any|any experience level|any level|all|all levels)$/.test(t)) return 'ANY_EXPERIENCE_LEVEL';
  return undefined;
}
