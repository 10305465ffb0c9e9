/**
 * Label types: what the worker produces. Cues are written against folded text (lower case, no
 * accents) and cover English, Spanish, German, French, Portuguese and Italian wording.
 *
 * Overlap rules (documented in docs/job-extraction.md "Label types"):
 * - CLASSIFICATION is dropped when every classification cue sits in a sentence that is about
 *   sentiment/emotion, preference ranking or evaluation (it is the same task, said generically).
 * - A bare "evaluation"/"evaluate" (no object such as "responses" or "quality") only counts when
 *   no other label type is present.
 * - "machine-translated" text is the data, not a translation task.
 * - Writing prompts in a red-teaming sentence is RED_TEAMING, not PROMPT_RESPONSE_WRITING.
 * - "3D bounding boxes" is CUBOID_3D, not BOUNDING_BOX.
 * - Entity tagging inferred from a list of tagged things ("tagging meds, dosages, diagnoses")
 *   is reported with low confidence.
 */
import type { Sentence } from './text';
import type { Finding, LabelType } from './types';

const W = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'u');
const _WORDS_0_3 = String.raw`(?:[\p{L}'’-]+\s+){0,3}?`;

interface Cue {
  re: RegExp;
  /** Weak cues are generic words that only count when nothing more specific explains them. */
  weak?: boolean;
  confidence?: number;
  /** The cue does not count in a sentence that matches this (e.g. list-of-things tagging on images). */
  notWith?: RegExp;
}

/** Visual data: "label cars, bikes and people in images" is object labelling, not entity tagging. */
const VISUAL_DATA = /\b(?:images?|photos?|pictures?|frames?|videos?|footage|scans?|point clouds?|lidar|camera)\b/u;

export const LABEL_CUES: Record<LabelType, Cue[]> = {
  BOUNDING_BOX: [
    { re: W(String.raw`(?<!3d[\s-])(?:bounding|bound)[\s-]?box(?:es|ing)?|bbox(?:es)?|2d[\s-]box(?:es)?|box annotation`) },
    {
      re: W(
        String.raw`(?<!3d[\s-](?:bounding[\s-])?)(?:boxes|rectangles)\s+(?:around|on|over|for)(?=\s)|(?:with|using|draw|drawing)\s+(?:tight\s+|2d\s+|rectangular\s+)?(?:boxes|rectangles)|(?:^|and\s+|to\s+|then\s+|,\s*)box(?:ing)?\s+(?:the\s+|all\s+|every\s+)?(?!office|of\s)[\p{L}-]{3,}`,
      ),
    },
    { re: W(`cajas delimitadoras|cuadros delimitadores|begrenzungsrahmen|boites englobantes|caixas delimitadoras`) },
  ],
  POLYGON: [{ re: W(`polygon(?:s|al)?|polygone[ns]?|poligonos?|polygones`) }],
  POLYLINE: [{ re: W(String.raw`poly[\s-]?lines?|lane (?:lines?|markings?)|line annotation|splines?|polilineas?`) }],
  SEGMENTATION: [
    {
      re: W(
        String.raw`(?<!(?:market|customer|audience|user)\s)segment(?:ation|ations|ing|ed)?|(?:instance|segmentation|pixel|binary|semantic)\s+masks?|masks?\s+(?:for|around|on)(?=\s)|pixel[\s-](?:level|wise|accurate)|background[\s-]remov\p{L}*|remov(?:e|ing) (?:the )?backgrounds?|segmentar|segmentacion|segmentierung|segmentieren|segmentacao`,
      ),
    },
  ],
  KEYPOINT: [
    { re: W(String.raw`key[\s-]?points?|landmarks?|pose estimation|skeletons?|puntos clave|schlusselpunkte|points? cles|pontos[\s-]chave`) },
  ],
  CUBOID_3D: [{ re: W(String.raw`cuboids?|3d[\s-](?:bounding[\s-])?box(?:es)?|quader`) }],
  OBJECT_TRACKING: [
    {
      re: W(
        String.raw`(?:object|multi[\s-]object|vehicle|person|people|player)\s+tracking|track(?:ing)?\s+(?:[\p{L}-]+\s+){0,5}?(?:across|through)\s+(?:\p{L}+\s+)?(?:frames|video|videos|sequences?)|track(?:ing)? ids?|(?:object|instance|consistent|persistent|unique|same)\s+ids?\s+(?:[\p{L}-]+\s+){0,2}?(?:across|through|between)\s+(?:\p{L}+\s+)?(?:frames|sequences?|scans|clips)|seguimiento de objetos|rastrear\s+(?:\p{L}+\s+){0,3}?en\s+(?:[\p{L}\p{N}.,]+\s+){0,2}?(?:videos?|clips|grabaciones)|objektverfolgung|suivi d'objets|tracciamento`,
      ),
    },
  ],
  CLASSIFICATION: [
    {
      re: W(
        String.raw`classif(?:y|ying|ied|ication|ications)|categori[sz](?:e|es|ing|ation)|clasificar|clasificacion|klassifizier\p{L}*|kategorisier\p{L}*|classer|classifier|classificar|classificacao|classificare|classificazione|categorizzare`,
      ),
    },
    {
      re: W(
        String.raw`(?:tag|label|mark)(?:ged|ging|led|ling|ed|ing)?\s+(?:(?:each|every|all)\s+(?:[\p{L}-]+\s+){0,2}?|[\p{L}\p{N},.-]+\s+(?:[\p{L}-]+\s+){0,3}?)?with\s+(?:a\s+|an\s+|the\s+|one\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+)?(?:category|categories|class|label|topic|intent|style|material|colou?r|attributes?|tags?|genre|emotion|type)`,
      ),
    },
    {
      re: W(
        String.raw`(?:label|tag|mark|flag|annotate)(?:s|ed|led|ing|ling)?\s+(?:[\p{L}\p{N},.-]+\s+){0,4}?as\s+(?:[\p{L}-]+,?\s+){0,3}?(?:or|vs\.?|/|not|and)(?=\s)|(?:label|tag|mark|flag|annotate|detect|identify)(?:s|ed|led|ing|ling)?\s+(?:[\p{L}-]+\s+){0,1}?(?:sarcasm|irony|toxicity|toxic|hate speech|offensive|spam|humou?r|stance|misinformation|clickbait|nsfw|bias|(?:[\p{L}-]+\s+)?events|episodes|anomal(?:y|ies)|arrhythmias?)`,
      ),
    },
    { re: W(String.raw`(?:intent|topic|category|dialect|genre)\s+(?:labels?|labell?ing|classification|tags?|tagging|identification|detection)`) },
    {
      re: W(
        String.raw`(?:assign|label|tag)(?:ing)?\s+(?:[\p{L}\p{N}-]+\s+){0,2}?codes|(?:mark|tag|label|flag)\s+(?:each|every)\s+(?:[\p{L}-]+\s+){0,2}?as(?=\s)|(?:content|video|image|text|comment)\s+moderat(?:ion|ors?)|flag(?:ging)?\s+(?:[\p{L}-]+\s+)?(?:violations|inappropriate|harmful|unsafe|nsfw)|(?:tag|label|sort)(?:ged|ed|led)?\s+by\s+(?:category|type|topic|class)|flag(?:ging)?\s+(?:[\p{L}-]+,\s+){1,}(?:or\s+|and\s+)?[\p{L}-]+|(?:action|activity|gesture)\s+(?:recognition|classification|labels?|labell?ing|tagging)|(?:tag|label|identify|mark)\s+(?:what|which)\s+(?:actions?|activit(?:y|ies)|gestures?|emotions?|topics?|categor(?:y|ies)|sounds?|events?|objects?)|(?:into|in)\s+(?:one\s+of\s+)?(?:[\p{N}]+\s+)?(?:categories|classes|buckets|queues|topics)|(?:product|entity|record)\s+matching|(?:describe|describes|are|is)\s+the\s+same\s+(?:product|item|entity|person)|de-?duplicat\p{L}*|(?:label|tag|identify|classify|mark)\s+the\s+(?:intent|topic|category|emotion|language|genre)s?\s+of`,
      ),
    },
    {
      re: W(
        String.raw`label(?:ed|led|ing|ling)?\s+(?:[\p{L}-]+\s+){0,4}?(?:with|by|as)\s+(?:a\s+|the\s+|their\s+)?(?:dialect|intent|category|topic|class|emotion|genre|language|type)`,
      ),
    },
  ],
  TRANSCRIPTION: [
    {
      re: W(
        String.raw`transcri(?:be|bes|bing|bed|ption|ptions|ptionist|ptionists|ber|bers)|transcript(?:eurs?|rices?|ores?)|speech[\s-]to[\s-]text|verbatim|ocr|type out|typing out|transcribir|transcripcion(?:es)?|transkri\p{L}*|transcrire|transcrever|transcricao|transcricoes|handwriting recognition|trascriv\p{L}*|trascrizion\p{L}*|trascrittor\p{L}*|verschriftlich\p{L}*|abtippen|write down (?:exactly |everything )?(?:what|everything) (?:is|was|people|they|you hear)|(?:caption|subtitl)(?:e|es|ing)?\s+(?:[\p{L}\p{N},.-]+\s+){0,5}?(?:videos?|clips?|footage|recordings?|lectures?|podcasts?|episodes?|audio)|closed captions?|subtitling|data entry|extract(?:ing)?\s+(?:the\s+)?(?:tables|values|text)\s+from`,
      ),
    },
  ],
  SPEAKER_DIARIZATION: [
    {
      re: W(
        String.raw`diari[sz]ation|diari[sz]e|speaker (?:labels?|turns?|changes?|ids?|identification|segmentation|attribution|tags?)|(?:mark|label|tag|identify)\s+(?:the\s+)?(?:speakers?|who is speaking)|overlapping speech|sprecherwechsel|cambios? de hablante|turnos de habla`,
      ),
    },
  ],
  NAMED_ENTITY_RECOGNITION: [
    {
      re: W(
        String.raw`ner|named[\s-]entit(?:y|ies)|entit(?:y|ies)\s+(?:tagging|annotation|extraction|recognition|labell?ing|labels?|spans?)|(?:tag|tagging|label|labell?ing|annotate|annotating|highlight|extract|mark)\s+(?:the\s+|all\s+)?(?:named\s+)?entities|pii (?:tagging|annotation|labell?ing)|entidades(?: nombradas)?|benannte entitaten|entites nommees|entidades nomeadas|span (?:annotation|labell?ing|tagging)|(?:highlight|mark|tag)(?:ing)?\s+(?:the\s+|relevant\s+|key\s+)?(?:clauses|spans|phrases|passages)`,
      ),
    },
    {
      re: W(
        String.raw`(?:tag|tagging|highlight|highlighting|mark|marking)\s+(?:(?:[\p{L}-]+,\s+){2,}(?:(?:and|&)\s+)?[\p{L}-]+|(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+,\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+,?\s+(?:and|&)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+\s+(?:in|from|of|on)\s)`,
      ),
      confidence: 0.55,
      notWith: VISUAL_DATA,
    },
  ],
  SENTIMENT_ANALYSIS: [
    {
      re: W(
        String.raw`sentiment\p{L}*|sentyment\p{L}*|sentimientos?|stimmung|emotions?|emociones|emocion|emotionen|opinion mining|positi(?:ve|vo|f|v)\s*(?:/|,|or|and|o|y|oder|ou)\s*(?:neg|neutr)\p{L}*`,
      ),
    },
  ],
  RLHF_PREFERENCE_RANKING: [
    {
      re: W(
        String.raw`rlhf|preference (?:data|ranking|labell?ing|comparisons?|pairs?)|pairwise|side[\s-]by[\s-]side|(?:compare|comparing|comparison of)\s+(?:pairs of\s+|two\s+)?(?:[\p{L}-]+\s+){0,2}?(?:responses|outputs|answers|completions|generations|replies)|rank(?:ing)?\s+(?:the\s+|which\s+)?(?:[\p{L}-]+\s+){0,2}?(?:responses|outputs|answers|completions|one is better|is better)|which (?:one|response|answer) is better|rank(?:ing)?\s+(?:them|each|all|the\s+[\p{L}-]+)\s+(?:from\s+)?(?:best|most helpful)\s+to\s+(?:worst|least helpful)|comparaison par paires|comparacion por pares|paarvergleich|comparacoes pareadas|(?:confrontare|comparar|comparer|vergleichen)\s+(?:\p{L}+\s+){0,2}?(?:risposte|respuestas|respostas|reponses|antworten)`,
      ),
    },
  ],
  EVALUATION_RATING: [
    {
      re: W(
        String.raw`(?:rate|rating|score|scoring|grade|grading|judge|judging|evaluate|evaluating|assess|assessing|review|reviewing|check|checking|audit|auditing)\s+(?:the\s+|how\s+(?:well\s+)?|each\s+|their\s+)?(?:[\p{L}\p{N}'’,.-]+\s+){0,3}?(?:responses?|answers?|replies|outputs?|completions?|results?|solutions?|translations?|quality|helpfulness|accuracy|relevance|chatbot|model|llm|bot|essays?|summaries)|(?:valutare|avaliar|evaluar|bewerten|noter|evaluer)\s+(?:(?:le|as|os|las|los|die)\s+)?(?:\p{L}+\s+){0,2}?(?:risposte|respostas|respuestas|antworten|reponses|traduzioni|traducciones|traductions|traducoes|ubersetzungen)`,
      ),
    },
    {
      re: W(
        String.raw`(?:search\s+)?relevance\s+(?:rat\p{L}*|judg\p{L}*|evaluation)|raters?|fact[\s-]check\p{L}*|(?:verify|verifying)\s+(?:the\s+)?(?:claims|facts)|(?:grade|judge|assess|evaluate|rate)\s+whether|evaluateurs?|evaluadores|valutatori|(?:flag|flagging)\s+(?:[\p{L}-]+\s+){0,2}?(?:errors|mistakes|hallucinations|inaccuracies)|score\s+\d\s*-\s*\d`,
      ),
    },
    { re: W(`evaluat(?:e|ion|ions|ing)|evaluar|evaluacion|bewerten|evaluer|avaliar|avaliacao|valutare|valutazione`), weak: true },
  ],
  QUALITY_ASSURANCE: [
    {
      re: W(
        String.raw`(?:qa|qc)\s+(?:other|existing|the|annotators'?|labels?|annotations?|work|pass(?:es)?|reviews?|project|checks?|of)|quality[\s-](?:assurance|control)(?!\s+experience)`,
      ),
    },
    {
      re: W(
        String.raw`review(?:ing)?\s+(?:existing|other annotators'?|the|previous|pre-?labell?ed|machine-generated|auto-generated)\s+(?:[\p{L}-]+\s+){0,1}?(?:labels|annotations|transcriptions|boxes|masks|work)|audit(?:ing)?\s+(?:the\s+)?(?:existing\s+)?(?:[\p{L}-]+\s+){0,1}?(?:labels|annotations|datasets?|transcriptions|boxes)|(?:fix|correct)\s+(?:labell?ing\s+)?(?:errors|mistakes)\s+in\s+(?:the\s+)?(?:labels|annotations)`,
      ),
    },
    {
      re: W(
        String.raw`(?:review|correct|proofread|edit|fix)(?:ing)?\s+(?:and\s+(?:correct|fix|edit)\s+)?(?:the\s+)?(?:asr|machine|automatic|auto-generated|ai-generated|ocr|model)[\s-]?(?:generated\s+)?(?:drafts|output|outputs|transcripts|transcriptions|captions)|transcription editors?|proofread(?:ing)?\s+transcripts`,
      ),
    },
    {
      re: W(
        String.raw`revisar\s+(?:las\s+|os\s+|as\s+)?(?:transcripciones|transcricoes|anotaciones|anotacoes|etiquetas)|(?:annotationen|labels|transkripte)\s+(?:uberprufen|prufen|korrigieren)|relire les (?:annotations|transcriptions)|(?:prufen|kontrollieren|uberprufen|korrigieren)\s+(?:\p{L}+\s+){0,2}?(?:vorhandene|bestehende)|(?:verifier|controler|corriger)\s+(?:les\s+)?annotations(?: existantes)?`,
      ),
    },
  ],
  TRANSLATION: [
    {
      re: W(
        String.raw`(?<!machine[\s-])(?:translat(?:e|es|ing|ion|ions|or|ors))|tradu[cz]\p{L}*(?!\s+automati\p{L}*)|ubersetz\p{L}*|traduire|localization|localisation`,
      ),
    },
  ],
  PROMPT_RESPONSE_WRITING: [
    {
      re: W(
        String.raw`(?:write|writing|create|creating|craft|crafting|author|authoring|compose)\s+(?:[\p{L}-]+\s+){0,4}?(?:prompts?|questions?|responses?|answers?|solutions?|dialog(?:ue)?s?|conversations?|instructions?|demonstrations?|completions?|descriptions|summaries|explanations|rewrites)|(?:write|writing|create|creating|author|authoring)\s+(?:and\s+\p{L}+\s+)?(?:[\p{L}-]+\s+){0,2}?(?:q\s?&\s?a|qa pairs|question[\s-]answer pairs)|sft|supervised fine[\s-]tuning|escribir\s+(?:\p{L}+\s+){0,3}?(?:preguntas|respuestas|prompts|dialogos|conversaciones)|escrever\s+(?:\p{L}+\s+){0,3}?(?:perguntas|respostas|dialogos|conversas)|prompts? schreiben`,
      ),
    },
  ],
  RED_TEAMING: [
    {
      re: W(
        String.raw`red[\s-]?team\p{L}*|adversarial (?:prompts?|testing|attacks?|examples?|inputs?)|jailbreak\p{L}*|probe\s+(?:[\p{L}-]+\s+){0,5}?for\s+(?:safety|vulnerabilit\p{L}*|weakness\p{L}*|failures?|harms?)`,
      ),
    },
  ],
  DATA_COLLECTION: [
    {
      re: W(
        String.raw`data collection|collect(?:ing)?\s+(?:[\p{L}-]+\s+){0,2}?(?:photos|images|videos|recordings|samples|data)|record(?:ing)?\s+(?:yourself|themselves|yourselves|your voice|their voices?)|record(?:s|ing)?\s+(?:[\p{L}\p{N},.-]+\s+){0,3}?(?:phrases|sentences|prompts|utterances|commands|words|samples|clips|voice|speech|audio|videos?|episodes|demonstrations|trajectories)|collect(?:ing)?\s+(?:[\p{L}-]+\s+){0,2}?(?:commands|utterances|voices?)|teleoperat\p{L}*|take (?:[\p{N},.]+\s+)?(?:photos|pictures)|grabar(?:se)?\s+(?:\p{L}+\s+){0,2}?(?:voz|audio)|sprachaufnahmen|recoleccion de datos|collecte de donnees|coleta de dados`,
      ),
    },
  ],
};

interface Hit {
  type: LabelType;
  sentence: number;
  position: number;
  weak: boolean;
  confidence: number;
  evidence: string;
}

function findHits(sentences: readonly Sentence[]): Hit[] {
  const hits: Hit[] = [];
  sentences.forEach((s, i) => {
    for (const [type, cues] of Object.entries(LABEL_CUES) as [LabelType, Cue[]][]) {
      for (const cue of cues) {
        const m = cue.re.exec(s.folded);
        if (!m || cue.notWith?.test(s.folded)) continue;
        hits.push({
          type,
          sentence: i,
          position: s.start + m.index,
          weak: cue.weak ?? false,
          confidence: cue.confidence ?? 0.85,
          evidence: s.raw.slice(m.index, m.index + m[0].length),
        });
      }
    }
  });
  return hits;
}

const SUBSUMES_CLASSIFICATION: LabelType[] = ['SENTIMENT_ANALYSIS', 'RLHF_PREFERENCE_RANKING', 'EVALUATION_RATING'];

/** Applies the overlap rules from the module comment. */
function resolve(hits: Hit[]): Hit[] {
  const sentencesWith = (types: LabelType[]) =>
    new Set(hits.filter((h) => types.includes(h.type) && !h.weak).map((h) => h.sentence));
  const present = new Set(hits.filter((h) => !h.weak).map((h) => h.type));
  const subsuming = sentencesWith(SUBSUMES_CLASSIFICATION);
  const redTeam = sentencesWith(['RED_TEAMING']);
  const classification = hits.filter((h) => h.type === 'CLASSIFICATION');
  const dropClassification = classification.length > 0 && classification.every((h) => subsuming.has(h.sentence));
  return hits.filter((h) => {
    if (h.type === 'CLASSIFICATION' && dropClassification) return false;
    if (h.type === 'PROMPT_RESPONSE_WRITING' && redTeam.has(h.sentence)) return false;
    // A generic "evaluation" only counts when nothing more specific describes the work.
    if (h.weak && [...present].some((t) => t !== h.type)) return false;
    return true;
  });
}

/** Label types in order of first mention, with the best confidence seen for each. */
export function extractLabelTypes(sentences: readonly Sentence[]): Finding<LabelType[]> | undefined {
  const hits = resolve(findHits(sentences)).sort((a, b) => a.position - b.position);
  if (hits.length === 0) return undefined;
  const order: LabelType[] = [];
  const confidence = new Map<LabelType, number>();
  const evidence: string[] = [];
  for (const h of hits) {
    if (!order.includes(h.type)) {
      order.push(h.type);
      evidence.push(h.evidence);
    }
    const c = h.weak ? 0.6 : h.confidence;
    confidence.set(h.type, Math.max(confidence.get(h.type) ?? 0, c));
  }
  return {
    value: order,
    confidence: Math.min(...order.map((t) => confidence.get(t) ?? 0)),
    evidence: evidence.join(' · '),
  };
}

/** Maps a free-form label name ("bounding boxes", "NER", "RLHF") to the enum, if it is one. */
export function normalizeLabelType(input: string): LabelType | undefined {
  const upper = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((Object.keys(LABEL_CUES) as string[]).includes(upper)) return upper as LabelType;
  const folded = input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/_/g, ' ');
  for (const [type, cues] of Object.entries(LABEL_CUES) as [LabelType, Cue[]][]) {
    if (cues.some((c) => c.re.test(folded))) return type;
  }
  const aliases: Record<string, LabelType> = {
    boxes: 'BOUNDING_BOX',
    keypoints: 'KEYPOINT',
    ranking: 'RLHF_PREFERENCE_RANKING',
    preference: 'RLHF_PREFERENCE_RANKING',
    evaluation: 'EVALUATION_RATING',
    rating: 'EVALUATION_RATING',
    qa: 'QUALITY_ASSURANCE',
    'entity tagging': 'NAMED_ENTITY_RECOGNITION',
    'data collection': 'DATA_COLLECTION',
    writing: 'PROMPT_RESPONSE_WRITING',
    tracking: 'OBJECT_TRACKING',
    tagging: 'CLASSIFICATION',
  };
  return aliases[folded.trim()];
}
