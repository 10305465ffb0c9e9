/**
 * Job title, in order of preference:
 * 1. a labelled line ("Title:", "Job Title:", "Position:", "Puesto:", "Titel:");
 * 2. a short first line of a multi-line posting (a heading);
 * 3. "<X> needed/wanted/gesucht." or "Hiring/Looking for <X> to …" in the first sentence;
 * 4. synthesised from label and data types ("Bounding Box Annotation – Images"), low confidence.
 * A trailing "needed"/"wanted"/"gesucht" is dropped and leading emoji/bullets are stripped.
 */
import type { Sentence } from './text';
import type { DataType, Finding, LabelType } from './types';

const LABELLED =
  /^\s*(?:job\s+title|title|position|role|job|puesto|t[ií]tulo|titel|stellenbezeichnung|poste|intitul[ée])\s*[:：]\s*(.{3,150})$/imu;
const GREETING = /^(?:hi|hey|hello|hola|hallo|bonjour|ola|olá|dear|good (?:morning|afternoon))\b/iu;
const WANTED =
  /^(.{3,90}?)\s+(?:needed|wanted|required|gesucht|wanted asap|buscad[oa]s?|recherch[ée]e?s?)(?:\s*[.!:,;]|\s+(?:for|to|asap)\s|$)/iu;
const HIRING =
  /^(?:we(?:'re|’re| are)\s+)?(?:hiring|seeking|looking for|searching for|recruiting)\s*:?\s+(?:an?\s+|some\s+|\d+\s+)?(.{3,60}?)(?:\s+(?:to|for|who|with|that|para|in)\s|\s*[.,:;!(]|$)/iu;
/** A first sentence that is only a role: "Search relevance raters." */
const ROLE_ONLY =
  /^((?:[\p{L}\p{N}&/'’-]+\s+){0,5}(?:annotators?|raters?|labell?ers?|reviewers?|transcribers?|transcriptionists?|translators?|writers?|specialists?|evaluators?|moderators?|taggers?|testers?|tutors?|trainers?|linguists?|experts?))\s*[.!]?$/iu;
const TRAILING_WANTED = /\s+(?:needed|wanted|required|gesucht)$/iu;

export const LABEL_TITLES: Record<LabelType, string> = {
  BOUNDING_BOX: 'Bounding Box Annotation',
  POLYGON: 'Polygon Annotation',
  POLYLINE: 'Polyline Annotation',
  SEGMENTATION: 'Segmentation',
  KEYPOINT: 'Keypoint Annotation',
  CUBOID_3D: '3D Cuboid Annotation',
  OBJECT_TRACKING: 'Object Tracking',
  CLASSIFICATION: 'Classification',
  TRANSCRIPTION: 'Transcription',
  SPEAKER_DIARIZATION: 'Speaker Diarization',
  NAMED_ENTITY_RECOGNITION: 'Entity Tagging (NER)',
  SENTIMENT_ANALYSIS: 'Sentiment Labeling',
  RLHF_PREFERENCE_RANKING: 'AI Response Ranking (RLHF)',
  EVALUATION_RATING: 'AI Output Evaluation',
  QUALITY_ASSURANCE: 'Annotation QA',
  TRANSLATION: 'Translation',
  PROMPT_RESPONSE_WRITING: 'Prompt & Response Writing',
  RED_TEAMING: 'AI Red Teaming',
  DATA_COLLECTION: 'Data Collection',
};
const DATA_TITLES: Record<DataType, string> = {
  IMAGE: 'Images',
  VIDEO: 'Video',
  AUDIO: 'Audio',
  TEXT: 'Text',
  DOCUMENT: 'Documents',
  POINT_CLOUD_3D: '3D / LiDAR',
  CODE: 'Code',
  TIME_SERIES: 'Time Series',
  MULTIMODAL: 'Multimodal Data',
};

/** Strips decoration around a candidate title and caps its length at a word boundary. */
export function cleanTitle(candidate: string): string {
  let t = candidate
    .replace(/^(?:[\p{Extended_Pictographic}\p{So}•·*#>\-–—\s]|\u200d|\ufe0f)+/u, '')
    .replace(/(?:[\p{Extended_Pictographic}\s]|\u200d|\ufe0f)+$/u, '')
    .replace(/[.:;,!]+$/u, '')
    .replace(TRAILING_WANTED, '')
    .trim();
  if (t.length > 120) t = t.slice(0, 120).replace(/\s+\S*$/u, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function headingLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l.length > 0);
  if (nonEmpty.length < 2) return undefined;
  const first = nonEmpty[0];
  const cleaned = cleanTitle(first);
  const words = cleaned.split(/\s+/).length;
  if (cleaned.length < 4 || cleaned.length > 110 || words > 14) return undefined;
  if (/[:?]\s*$/.test(first) || GREETING.test(cleaned)) return undefined;
  if (/[.!?]\s+\p{L}/u.test(first)) return undefined;
  return cleaned;
}

export function extractTitle(
  text: string,
  sentences: readonly Sentence[],
  context: { labelTypes?: readonly LabelType[]; dataType?: DataType },
): Finding<string> {
  const labelled = LABELLED.exec(text);
  if (labelled) return { value: cleanTitle(labelled[1]), confidence: 0.95, evidence: labelled[0].trim() };
  const heading = headingLine(text);
  if (heading) return { value: heading, confidence: 0.8, evidence: heading };
  const first = sentences[0]?.raw.replace(/^(?:[\p{Extended_Pictographic}\p{So}•·*#>\-\s]|\u200d|\ufe0f)+/u, '') ?? '';
  const wanted = WANTED.exec(first);
  if (wanted && !GREETING.test(wanted[1])) {
    return { value: cleanTitle(wanted[1]), confidence: 0.75, evidence: wanted[0].trim() };
  }
  const role = ROLE_ONLY.exec(first.trim());
  if (role && !GREETING.test(role[1])) return { value: cleanTitle(role[1]), confidence: 0.6, evidence: role[0].trim() };
  const hiring = HIRING.exec(first);
  if (hiring) return { value: cleanTitle(hiring[1]), confidence: 0.5, evidence: hiring[0].trim() };
  const label = context.labelTypes?.[0];
  const parts = [label ? LABEL_TITLES[label] : 'Data Labeling Project'];
  if (context.dataType) parts.push(DATA_TITLES[context.dataType]);
  return { value: parts.join(' – '), confidence: label ? 0.35 : 0.2, evidence: 'synthesised from label and data types' };
}
