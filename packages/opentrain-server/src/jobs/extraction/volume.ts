/**
 * Data volume and unit: "about 1,200 JPG files", "50k words", "120 hours of audio", "2.5k images",
 * "ca. 25.000 Kamerabildern", "10 mil comentarios", "600 minutes of audio" (→ 10 hours).
 *
 * When several volumes are stated the unit the platform measures best wins: hours of recording,
 * then words, then files (a translation job's word count beats its document count); within a unit
 * the largest number wins (totals tend to be larger than batch sizes).
 */
import { applyMultiplier, MULTIPLIER, NUM, NUMBER_WORD, parseCount, parseNumber, round } from './numbers';
import type { Sentence } from './text';
import type { DataVolumeUnit, ExtractionWarning, Finding } from './types';

export interface VolumeValue {
  dataVolume?: number;
  dataVolumeUnit: DataVolumeUnit;
}

const AMOUNT = `(?<![\\p{L}\\p{N}$€£¥₹.,])(${NUM})(${MULTIPLIER})?\\+?`;
/** Up to three modifier words that are not prepositions ("JPG", "chest X-ray", "short video"). */
const MODIFIERS = String.raw`(?:(?!(?:per|each|every|por|pro|par|je|to|for|in|on|at|by|with|from|and|or|y|und|et|of|de|a|an|the|hours?|hrs?|days?|weeks?|months?)\s)[\p{L}][\p{L}'’.&-]*\s+){0,3}?`;
const AV_NOUN = String.raw`(?:audio\p{L}*|video\p{L}*|speech|recordings?|recorded|footage|calls?|podcasts?|conversations?|interviews?|interviste|voice|dictations?|depositions?|radio|broadcasts?|television|tv|grabaciones|llamadas|aufnahmen|sprach\p{L}*|enregistrements|gravacoes|dashcam|cctv)`;
const HOUR_WORD = String.raw`(?:hours?|hrs?|h|horas?|stunden|std\.?|heures?|ore)`;

const HOURS_STRONG = new RegExp(
  String.raw`${AMOUNT}\s*${HOUR_WORD}\s+(?:(?:of|de|d'|des|an|aus|em|di)\s+)?(?:[\p{L}-]+\s+){0,2}?${AV_NOUN}(?![\p{L}])`,
  'gu',
);
const HOURS_REVERSED = new RegExp(String.raw`${AMOUNT}\s*(?:audio|video|recorded|speech)\s+${HOUR_WORD}(?![\p{L}])`, 'gu');
const MINUTES = new RegExp(
  String.raw`${AMOUNT}\s*(?:minutes?|mins?|minutos|minuten)\s+(?:of|de|an)\s+(?:[\p{L}-]+\s+){0,1}?${AV_NOUN}(?![\p{L}])`,
  'gu',
);
const HOURS_WEAK = new RegExp(String.raw`${AMOUNT}\s*${HOUR_WORD}(?![\p{L}/])`, 'gu');
const AV_IN_SENTENCE = new RegExp(`(?<![\\p{L}])${AV_NOUN}(?![\\p{L}])`, 'u');
const NOT_VOLUME_AFTER =
  /^\s*(?:\/|per|a|an|each|every|por|pro|par|al|la|de)?\s*(?:week|wk|day|month|semana|woche|tag|dia|jour|semaine|mes)|^\s*(?:semanales|semanais|weekly|daily|wochentlich|de trabajo|of (?:total )?(?:work|effort)|total work|of your time)/u;
const NOT_VOLUME_BEFORE =
  /(?:work|commit|commitment|available|availability|dedicate|spend|takes?|session|shift|minimum|max(?:imum)?|up to|at least)\s+(?:\p{L}+\s+)?$/u;

const WORDS = new RegExp(
  String.raw`${AMOUNT}[\s-]+${MODIFIERS}(?:words?|tokens?|palabras|worter|wortern|mots|palavras|parole)(?![\p{L}])`,
  'gu',
);
const FILE_NOUN = String.raw`(?:files?|images?|imgs?|photos?|photographs?|pictures?|pics?|frames?|stills?|screenshots?|scans?|x-rays?|documents?|docs?|pdfs?|invoices?|receipts?|forms?|letters?|pages?|videos?|clips?|recordings?|tweets?|posts?|comments?|reviews?|e-?mails?|messages?|chats?|sentences?|utterances?|quer(?:y|ies)|prompts?|responses?|conversations?|dialog(?:ue)?s?|transcripts?|articles?|records?|samples?|items?|comparisons?|pairs?|questions?|opinions?|orthophotos?|listings?|tickets?|snippets?|paragraphs?|texts?|entries|rows?|reports?|notes?|abstracts?|papers?|memes?|headlines?|descriptions?|summar(?:y|ies)|tiles?|strings?|skus?|products?|phrases|captions?|cases|point clouds?|sequences?|scenes?|memos?|tasks?|episodes?|demonstrations?|trajectories|illustrations?|drawings?|artworks?|formularios?|formulaires?|opinii|opinie|menus?|manuals?|sessions?|time[\s-]series|dialogos|brochures?|leaflets?|pamphlets?|certificates?|books?|chapters?|slides?|charts?|maps?|diagrams?|prescriptions?|claims?|questionnaires?|surveys?|resumes?|cvs|\p{L}*briefen?|\p{L}*berichten?|voice memos?|contracts?|agreements?|leases|ads|adverts?|essays?|solutions?|judgments?|judgements?|ratings?|rulings?|tokens?|answers?|contratos?|sentencias|immagini|documenti|testi|commenti|recensioni|registrazioni|\p{L}*feedbacks?|umfrageantworten|antworten|imagen(?:es)?|fotos?|archivos?|documentos?|comentarios?|frases?|oraciones?|resenas?|grabaciones?|textos?|mensajes?|consultas?|preguntas?|respuestas?|conversaciones?|\p{L}*bilder|\p{L}*bildern|dateien|dokumenten?|texten?|satzen?|satze|kommentaren?|bewertungen|aufnahmen|nachrichten|\p{L}*beschreibungen|fichiers?|comparaisons?|avis|requetes|reponses|imagens|arquivos|comentarios|avaliacoes|gravacoes|transcricoes)`;
const FILES = new RegExp(String.raw`${AMOUNT}[\s-]+${MODIFIERS}${FILE_NOUN}(?![\p{L}])`, 'gu');
/** "200 images per hour" is a pace and "200 phrases each" a per-person quota, not the dataset size. */
const THROUGHPUT_AFTER =
  /^\s*(?:(?:per|an?|\/|each|every|por|pro)\s*(?:hour|hr|h|day|week|minute|min)\b|each\b|apiece\b|per (?:person|speaker|participant|annotator|worker|head)\b)/;
/** "take 50 photos of … in your neighbourhood": a quota each contributor delivers, not the dataset. */
const PER_CONTRIBUTOR_BEFORE = /(?:take|snap|shoot|record|upload|submit)\s+(?:yourself\s+\p{L}+\s+)?$/u;
/** "receipts: 12000", "Volume | 9,000 tickets" is handled by FILES; this is the key-first form. */
const KEY_VALUE_FILES = new RegExp(String.raw`(?<![\p{L}])${FILE_NOUN}\s*[:=|]\s*${AMOUNT}(?![\p{L}\p{N}])`, 'gu');
/** "five thousand images". */
const SPELLED_FILES = new RegExp(String.raw`(?<![\p{L}])(${NUMBER_WORD})\s+(thousand|hundred)\s+${MODIFIERS}${FILE_NOUN}(?![\p{L}])`, 'gu');
const UNKNOWN_VOLUME =
  /(?:volume|dataset size|data size|amount of data|number of (?:files|images|items))\s*(?:is\s+)?:?\s*(?:tbd|unknown|not (?:yet )?(?:known|decided|sure|fixed)|to be (?:determined|confirmed)|varies|flexible)/;

interface Candidate {
  value: number;
  unit: DataVolumeUnit;
  confidence: number;
  evidence: string;
}

const RANK: Record<DataVolumeUnit, number> = {
  HOURS_OF_RECORDING_AUDIO_VIDEO: 3,
  NUMBER_OF_WORDS: 2,
  NUMBER_OF_FILES: 1,
  UNKNOWN_NOT_SPECIFIED: 0,
};

function amountIn(m: RegExpExecArray): number | undefined {
  const n = parseNumber(m[1]);
  return n === undefined ? undefined : applyMultiplier(n, m[2]);
}

function collect(
  s: Sentence,
  re: RegExp,
  unit: DataVolumeUnit,
  confidence: number,
  out: Candidate[],
  accept?: (m: RegExpExecArray) => boolean,
  scale = 1,
): void {
  for (const m of s.folded.matchAll(re)) {
    if (accept && !accept(m)) continue;
    const raw = amountIn(m);
    if (raw === undefined || raw <= 0) continue;
    const value = round(raw * scale);
    if (unit !== 'HOURS_OF_RECORDING_AUDIO_VIDEO' && value < 10) continue;
    const evidence = s.raw.slice(m.index, m.index + m[0].length);
    out.push({ value, unit, confidence, evidence });
  }
}

/** The data volume, or undefined when the posting does not state one. */
export function extractVolume(
  sentences: readonly Sentence[],
): { finding?: Finding<VolumeValue>; warnings: ExtractionWarning[] } {
  const candidates: Candidate[] = [];
  for (const s of sentences) {
    const text = s.folded;
    collect(s, HOURS_STRONG, 'HOURS_OF_RECORDING_AUDIO_VIDEO', 0.9, candidates);
    collect(s, HOURS_REVERSED, 'HOURS_OF_RECORDING_AUDIO_VIDEO', 0.85, candidates);
    collect(s, MINUTES, 'HOURS_OF_RECORDING_AUDIO_VIDEO', 0.8, candidates, undefined, 1 / 60);
    if (AV_IN_SENTENCE.test(text)) {
      collect(s, HOURS_WEAK, 'HOURS_OF_RECORDING_AUDIO_VIDEO', 0.6, candidates, (m) => {
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
        const before = text.slice(Math.max(0, m.index - 30), m.index);
        return !NOT_VOLUME_AFTER.test(after) && !NOT_VOLUME_BEFORE.test(before);
      });
    }
    collect(s, WORDS, 'NUMBER_OF_WORDS', 0.9, candidates, (m) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      return !THROUGHPUT_AFTER.test(after);
    });
    collect(s, FILES, 'NUMBER_OF_FILES', 0.85, candidates, (m) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      return !THROUGHPUT_AFTER.test(after) && !(PER_CONTRIBUTOR_BEFORE.test(before) && /\byou(?:r|rself)?\b/u.test(text));
    });
    collect(s, KEY_VALUE_FILES, 'NUMBER_OF_FILES', 0.75, candidates);
    for (const m of text.matchAll(SPELLED_FILES)) {
      const n = parseCount(m[1]);
      if (n === undefined) continue;
      const value = n * (m[2] === 'thousand' ? 1000 : 100);
      candidates.push({ value, unit: 'NUMBER_OF_FILES', confidence: 0.7, evidence: s.raw.slice(m.index, m.index + m[0].length) });
    }
  }
  const warnings: ExtractionWarning[] = [];
  if (candidates.length === 0) {
    const unknown = sentences.find((s) => UNKNOWN_VOLUME.test(s.folded));
    if (!unknown) return { warnings };
    return {
      finding: { value: { dataVolumeUnit: 'UNKNOWN_NOT_SPECIFIED' }, confidence: 0.8, evidence: unknown.raw },
      warnings,
    };
  }
  // Drop duplicates of the same span (a strong and a weak hours match of the same words).
  const best = [...candidates].sort((a, b) => RANK[b.unit] - RANK[a.unit] || b.value - a.value)[0];
  const sameUnit = candidates.filter((c) => c.unit === best.unit);
  const distinct = new Set(sameUnit.map((c) => c.value));
  let confidence = best.confidence;
  if (distinct.size > 1) {
    confidence = Math.min(confidence, 0.6);
    warnings.push({
      code: 'multiple_data_volumes',
      field: 'dataVolume',
      message: `Several volumes are stated (${[...distinct].join(', ')}); using the largest, ${best.value}.`,
    });
  }
  return {
    finding: {
      value: { dataVolume: best.value, dataVolumeUnit: best.unit },
      confidence,
      evidence: best.evidence,
    },
    warnings,
  };
}
