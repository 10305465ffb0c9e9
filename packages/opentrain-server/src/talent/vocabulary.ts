/**
 * @module The talent domain speaks the job drafts' canonical vocabulary (label types, data types,
 * subject matters, tool and language names), so a profile and a job compare value for value. This
 * file adds what matching and the interview rubric need on top: readable names, and the words that
 * count as mentioning a requirement in a free-text answer.
 */
import { COUNTRIES, DATA_TYPES, type DataType, LABEL_TYPES, type LabelType, LANGUAGES, readable, SUBJECT_MATTERS, type SubjectMatter, TOOLS, vocabularyLabel } from '../jobs';

export { COUNTRIES, DATA_TYPES, LABEL_TYPES, LANGUAGES, readable, SUBJECT_MATTERS, TOOLS, vocabularyLabel };

export const TOOL_NAMES = TOOLS.map((t) => t.name);

/** Stems a free-text answer may use for each label type (matched at a word start, case-insensitively). */
const LABEL_WORDS: Record<LabelType, string[]> = {
  BOUNDING_BOX: ['bounding box', 'bounding-box', 'bbox', 'boxes'],
  POLYGON: ['polygon'],
  POLYLINE: ['polyline', 'lane line'],
  SEGMENTATION: ['segmentation', 'segment', 'mask'],
  KEYPOINT: ['keypoint', 'key point', 'landmark', 'pose'],
  CUBOID_3D: ['cuboid', '3d box', '3d bounding'],
  OBJECT_TRACKING: ['tracking', 'track objects', 'object track'],
  CLASSIFICATION: ['classification', 'classif', 'categori', 'tagging'],
  TRANSCRIPTION: ['transcription', 'transcrib'],
  SPEAKER_DIARIZATION: ['diarization', 'diarisation', 'speaker label', 'speaker turn'],
  NAMED_ENTITY_RECOGNITION: ['named entit', 'ner', 'entity'],
  SENTIMENT_ANALYSIS: ['sentiment'],
  RLHF_PREFERENCE_RANKING: ['rlhf', 'preference', 'ranking', 'rank responses'],
  EVALUATION_RATING: ['evaluation', 'evaluat', 'rating', 'rate responses'],
  QUALITY_ASSURANCE: ['quality assurance', 'qa', 'quality review', 'reviewing'],
  TRANSLATION: ['translation', 'translat', 'locali'],
  PROMPT_RESPONSE_WRITING: ['prompt writing', 'response writing', 'writing prompts', 'prompts', 'prompt'],
  RED_TEAMING: ['red team', 'red-team', 'adversarial', 'jailbreak'],
  DATA_COLLECTION: ['data collection', 'collect', 'recording'],
};

const DATA_WORDS: Record<DataType, string[]> = {
  IMAGE: ['image', 'photo', 'picture'],
  VIDEO: ['video', 'footage', 'frames'],
  AUDIO: ['audio', 'speech', 'recording', 'voice'],
  TEXT: ['text', 'sentences', 'chat'],
  DOCUMENT: ['document', 'pdf', 'invoice', 'forms'],
  POINT_CLOUD_3D: ['point cloud', 'lidar', '3d'],
  CODE: ['code', 'programming', 'software'],
  TIME_SERIES: ['time series', 'time-series', 'sensor'],
  MULTIMODAL: ['multimodal', 'multi-modal'],
};

const SUBJECT_WORDS: Record<SubjectMatter, string[]> = {
  MEDICAL: ['medical', 'clinical', 'radiolog', 'health', 'patholog'],
  LEGAL: ['legal', 'law', 'contract'],
  FINANCE: ['financ', 'bank', 'accounting'],
  AUTONOMOUS_DRIVING: ['autonomous', 'self-driving', 'driving', 'vehicle'],
  RETAIL_ECOMMERCE: ['retail', 'e-commerce', 'ecommerce', 'product catalog'],
  AGRICULTURE: ['agricultur', 'crop', 'farm'],
  GEOSPATIAL: ['geospatial', 'satellite', 'aerial', 'map'],
  SECURITY_SURVEILLANCE: ['security', 'surveillance', 'cctv'],
  ROBOTICS: ['robot'],
  MANUFACTURING: ['manufactur', 'factory', 'defect'],
  SPORTS_FITNESS: ['sport', 'fitness', 'athlet'],
  SOFTWARE_ENGINEERING: ['software', 'programming', 'developer'],
  MATHEMATICS: ['math', 'proof', 'calculus'],
  SCIENCE: ['scien', 'physics', 'chemistry', 'biology'],
  EDUCATION: ['education', 'teaching', 'tutor'],
  CUSTOMER_SERVICE: ['customer service', 'support ticket', 'customer support'],
  SOCIAL_MEDIA: ['social media', 'posts', 'content moderation'],
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A stem matches at a word start; a stem of three letters or fewer must be a whole word. */
const stemRegex = (stem: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(stem)}${stem.length <= 3 ? '(?![\\p{L}\\p{N}])' : ''}`, 'u');

/** A requirement term: `label:BOUNDING_BOX`, `tool:CVAT`, `lang:Spanish`, `data:IMAGE`, `subject:MEDICAL`. */
export type Term = string;

const matchers = new Map<Term, RegExp[]>();

function matchersFor(term: Term): RegExp[] {
  const cached = matchers.get(term);
  if (cached) return cached;
  const [kind, value] = [term.slice(0, term.indexOf(':')), term.slice(term.indexOf(':') + 1)];
  let list: RegExp[];
  if (kind === 'label') list = (LABEL_WORDS[value as LabelType] ?? [readable(value)]).map(stemRegex);
  else if (kind === 'data') list = (DATA_WORDS[value as DataType] ?? [readable(value)]).map(stemRegex);
  else if (kind === 'subject') list = (SUBJECT_WORDS[value as SubjectMatter] ?? [readable(value)]).map(stemRegex);
  else if (kind === 'tool') {
    const tool = TOOLS.find((t) => t.name.toLowerCase() === value.toLowerCase());
    list = tool ? [new RegExp(tool.re.source, tool.re.flags.replace('g', ''))] : [stemRegex(fold(value))];
  } else if (kind === 'lang') {
    const lang = LANGUAGES.find((l) => l.name.toLowerCase() === value.toLowerCase());
    list = lang ? [new RegExp(`(?<![\\p{L}])(?:${lang.words})(?![\\p{L}])`, 'u')] : [stemRegex(fold(value))];
  } else list = [stemRegex(fold(value))];
  matchers.set(term, list);
  return list;
}

/** Whether free text mentions the term (folded: case- and accent-insensitive). */
export function mentions(text: string, term: Term): boolean {
  const folded = fold(text);
  return matchersFor(term).some((re) => re.test(folded));
}

/** How a term reads in a question or summary: "bounding box", "CVAT", "Spanish", "medical". */
export function termLabel(term: Term): string {
  const value = term.slice(term.indexOf(':') + 1);
  return term.startsWith('tool:') || term.startsWith('lang:') ? value : readable(value);
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
