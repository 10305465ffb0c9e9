/**
 * The primary data type. Each modality has weighted cue words; label types add a small implied
 * weight (bounding boxes imply images, transcription implies audio unless documents are
 * mentioned). The highest score wins; ties go to the more specific modality.
 */
import type { Sentence } from './text';
import type { DataType, Finding, LabelType } from './types';

const W = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'gu');

const CUES: Record<DataType, [RegExp, number][]> = {
  POINT_CLOUD_3D: [[W(String.raw`lidar|point[\s-]clouds?|3d scans?|nubes? de puntos|punktwolken?|nuages? de points`), 5]],
  MULTIMODAL: [[W(String.raw`multi[\s-]?modal|image[\s-]text pairs|image[\s-]caption pairs`), 5]],
  TIME_SERIES: [[W(String.raw`time[\s-]series|sensor data|ecg|eeg|accelerometer|imu data|telemetry`), 4]],
  DOCUMENT: [
    [
      W(
        String.raw`scanned|scann\p{L}*|handschrift\p{L}*|kurrent\p{L}*|escanead\p{L}*|digitalizad\p{L}*|numerise\p{L}*|pdfs?|invoices?|receipts?|handwritten|handwriting|ocr|paper forms|scanned forms|claim forms|logbooks?|facturas|factures|rechnungen|belege|tickets de caisse|recibos|ricevute|fatture`,
      ),
      3,
    ],
    [W(`scans|documents?|documentos?|dokumente`), 1],
  ],
  CODE: [
    [
      W(
        String.raw`code|coding|programming|python|javascript|typescript|java|c\+\+|golang|rust|sql|software engineering|repositor(?:y|ies)|pull requests?|codigo|programmier\p{L}*`,
      ),
      3,
    ],
  ],
  VIDEO: [
    [W(`videos?|footage|dashcam|video clips?|movies?|films?|youtube|tiktok|webcam recordings?|bodycam|sign language|signing`), 3],
    [W(`clips?`), 1],
  ],
  AUDIO: [
    [
      W(
        String.raw`audio\p{L}*|(?<!hate |free |parts? of )speech|voice|spoken|aloud|podcasts?|phone calls?|call recordings?|wake[\s-]?words?|hot[\s-]?words?|voice commands?|call[\s-]cent(?:er|re)|call (?:snippets?|clips?|audio)|radio|listen(?:ing)? to|headphones|sound (?:events?|clips?|effects?)|asr|utterances?|accents?|sprachdaten|sprachaufnahmen|voz|grabaciones|llamadas|enregistrements|gravacoes`,
      ),
      3,
    ],
    [W(`recordings?|calls|interviews?`), 1],
  ],
  IMAGE: [
    [
      W(
        String.raw`images?|imagery|imgs?|photos?|photographs?|pictures?|jpe?g|png|tiff?|x[\s-]?rays?|illustrations?|drawings?|artworks?|mri|ct scans?|dicom|stills?|screenshots?|orthophotos?|satellite|\p{L}*bilder[n]?|imagen(?:es)?|imagens?|fotos?|resonancia magnetica|radiographs?`,
      ),
      3,
    ],
    [W(`frames?|camera`), 1],
  ],
  TEXT: [
    [
      W(
        String.raw`texts?|tweets?|posts?|comments?|reviews?|e-?mails?|messages?|chats?|chat logs|sentences?|words?|articles?|queries|prompts?|responses?|answers?|conversations?|convo|chatbot|llm|language model|nlp|opinions|questions?|solutions?|descriptions?|summar(?:y|ies)|strings|listings?|tickets|feedbacks?|\p{L}*feedbacks?|survey (?:answers|responses)|textos|comentarios|frases|oraciones|resenas|texte|satze|reponses|mots|palabras|palavras|\p{L}*beschreibungen|consultas|respuestas`,
      ),
      1,
    ],
    [W(`records|notes|documents?`), 1],
  ],
};

/** Specific before generic, used to break ties. */
const PRIORITY: DataType[] = [
  'POINT_CLOUD_3D',
  'MULTIMODAL',
  'TIME_SERIES',
  'DOCUMENT',
  'CODE',
  'VIDEO',
  'AUDIO',
  'IMAGE',
  'TEXT',
];

const IMPLIED: Partial<Record<LabelType, DataType>> = {
  BOUNDING_BOX: 'IMAGE',
  POLYGON: 'IMAGE',
  POLYLINE: 'IMAGE',
  SEGMENTATION: 'IMAGE',
  KEYPOINT: 'IMAGE',
  CUBOID_3D: 'POINT_CLOUD_3D',
  OBJECT_TRACKING: 'VIDEO',
  TRANSCRIPTION: 'AUDIO',
  SPEAKER_DIARIZATION: 'AUDIO',
  NAMED_ENTITY_RECOGNITION: 'TEXT',
  SENTIMENT_ANALYSIS: 'TEXT',
  RLHF_PREFERENCE_RANKING: 'TEXT',
  EVALUATION_RATING: 'TEXT',
  TRANSLATION: 'TEXT',
  PROMPT_RESPONSE_WRITING: 'TEXT',
  RED_TEAMING: 'TEXT',
};

export function extractDataType(
  sentences: readonly Sentence[],
  labelTypes: readonly LabelType[] = [],
): Finding<DataType> | undefined {
  const scores = new Map<DataType, number>();
  const evidence = new Map<DataType, string>();
  const add = (t: DataType, n: number) => scores.set(t, (scores.get(t) ?? 0) + n);
  let cueTotal = 0;
  for (const s of sentences) {
    for (const [type, cues] of Object.entries(CUES) as [DataType, [RegExp, number][]][]) {
      for (const [re, weight] of cues) {
        for (const m of s.folded.matchAll(re)) {
          add(type, weight);
          cueTotal += weight;
          if (!evidence.has(type)) evidence.set(type, s.raw.slice(m.index, m.index + m[0].length));
        }
      }
    }
  }
  const documentCues = (scores.get('DOCUMENT') ?? 0) >= 3;
  for (const label of labelTypes) {
    const implied = IMPLIED[label];
    if (!implied) continue;
    if (implied === 'AUDIO' && documentCues) continue;
    add(implied, implied === 'TEXT' ? 1.5 : 1);
  }
  const ranked = [...scores.entries()]
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1] || PRIORITY.indexOf(a[0]) - PRIORITY.indexOf(b[0]));
  if (ranked.length === 0) return undefined;
  const [best, bestScore] = ranked[0];
  // One weak word ("message me") is not evidence of the data unless the task is known too; a
  // weak non-text word ("recording" could be audio or video) must also fit the task, since an
  // unanswered question beats a wrong guess.
  const impliedByTask = labelTypes.some((l) => IMPLIED[l] === best);
  if (bestScore < 1.5 && (labelTypes.length === 0 || (best !== 'TEXT' && !impliedByTask))) return undefined;
  const second = ranked[1]?.[1] ?? 0;
  let confidence = 0.6;
  if (cueTotal === 0) confidence = 0.6;
  else if (bestScore >= 3 && bestScore >= second * 1.5) confidence = 0.85;
  else if (bestScore > second) confidence = 0.7;
  else confidence = 0.5;
  return { value: best, confidence, evidence: evidence.get(best) ?? `implied by ${labelTypes.join(', ')}` };
}

const ALIASES: Record<string, DataType> = {
  image: 'IMAGE',
  images: 'IMAGE',
  photo: 'IMAGE',
  photos: 'IMAGE',
  video: 'VIDEO',
  videos: 'VIDEO',
  audio: 'AUDIO',
  speech: 'AUDIO',
  text: 'TEXT',
  nlp: 'TEXT',
  document: 'DOCUMENT',
  documents: 'DOCUMENT',
  pdf: 'DOCUMENT',
  lidar: 'POINT_CLOUD_3D',
  '3d': 'POINT_CLOUD_3D',
  'point cloud': 'POINT_CLOUD_3D',
  code: 'CODE',
  'time series': 'TIME_SERIES',
  multimodal: 'MULTIMODAL',
};

/** Maps "image", "Images", "LiDAR", "IMAGE" to the enum. */
export function normalizeDataType(input: string): DataType | undefined {
  const upper = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((PRIORITY as string[]).includes(upper)) return upper as DataType;
  return ALIASES[input.trim().toLowerCase()];
}
