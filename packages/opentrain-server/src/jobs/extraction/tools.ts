/**
 * Labelling software named in a posting, mapped to one canonical spelling each. Only named
 * products are recognised; "our in-house tool" is not a tool name.
 */
import type { Sentence } from './text';
import type { Finding } from './types';

interface Tool {
  name: string;
  /** Matched against folded text. */
  re: RegExp;
  /** Also require this exact spelling in the raw text (for names that are ordinary words). */
  raw?: RegExp;
}

const W = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'u');

export const TOOLS: Tool[] = [
  { name: 'CVAT', re: W('cvat(?:\\.ai)?') },
  { name: 'Label Studio', re: W('label[\\s-]?studio') },
  { name: 'Labelbox', re: W('labelbox') },
  { name: 'Prodigy', re: W('prodigy'), raw: /Prodigy|PRODIGY/ },
  { name: 'V7', re: W('v7(?:\\s?labs|\\s?darwin|\\s?go)?|darwin v7') },
  { name: 'SuperAnnotate', re: W('super[\\s-]?annotate') },
  { name: 'Scale AI', re: W('scale(?:\\.ai|\\s+ai|\\s+rapid|\\s+nucleus|\\s+studio)') },
  { name: 'Amazon SageMaker Ground Truth', re: W('(?:amazon\\s+|aws\\s+)?sage\\s?maker(?:\\s+ground\\s?truth)?|ground\\s?truth\\s+\\(aws\\)') },
  { name: 'Amazon Mechanical Turk', re: W('mechanical turk|mturk') },
  { name: 'Dataloop', re: W('dataloop') },
  { name: 'Encord', re: W('encord') },
  { name: 'Supervisely', re: W('supervise\\.?ly') },
  { name: 'Roboflow', re: W('roboflow') },
  { name: 'Doccano', re: W('doccano') },
  { name: 'LabelImg', re: W('labelimg') },
  { name: 'Labelme', re: W('labelme') },
  { name: 'VGG Image Annotator', re: W('vgg image annotator|via annotator') },
  { name: 'Kili', re: W('kili(?:\\s+technology)?'), raw: /Kili/ },
  { name: 'Segments.ai', re: W('segments\\.ai|segments ai') },
  { name: 'BasicAI', re: W('basic\\s?ai|basic\\.ai') },
  { name: 'Toloka', re: W('toloka') },
  { name: 'Diffgram', re: W('diffgram') },
  { name: 'Tagtog', re: W('tagtog') },
  { name: 'LightTag', re: W('lighttag') },
  { name: 'INCEpTION', re: W('inception'), raw: /INCEpTION/ },
  { name: 'ELAN', re: W('elan'), raw: /ELAN/ },
  { name: 'Praat', re: W('praat') },
  { name: 'Audacity', re: W('audacity') },
  { name: 'oTranscribe', re: W('otranscribe') },
  { name: 'Express Scribe', re: W('express scribe') },
  { name: '3D Slicer', re: W('3d slicer') },
  { name: 'ITK-SNAP', re: W('itk[\\s-]?snap') },
  { name: 'Open Label', re: W('open label') },
  { name: 'Google Sheets', re: W('google sheets?') },
  { name: 'QGIS', re: W('qgis') },
  { name: 'ArcGIS', re: W('arcgis(?:\\s+pro)?') },
];

export function extractTools(sentences: readonly Sentence[]): Finding<string[]> | undefined {
  const found: { name: string; position: number; evidence: string }[] = [];
  for (const s of sentences) {
    for (const tool of TOOLS) {
      const m = tool.re.exec(s.folded);
      if (!m) continue;
      if (tool.raw && !tool.raw.test(s.raw.slice(m.index, m.index + m[0].length))) continue;
      if (found.some((f) => f.name === tool.name)) continue;
      found.push({ name: tool.name, position: s.start + m.index, evidence: s.raw.slice(m.index, m.index + m[0].length) });
    }
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.position - b.position);
  return { value: found.map((f) => f.name), confidence: 0.9, evidence: found.map((f) => f.evidence).join(', ') };
}

/** Canonical spelling of a tool name; unknown tools are kept as given (trimmed). */
export function normalizeTool(input: string): string {
  const folded = input.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
  return TOOLS.find((t) => t.re.test(folded))?.name ?? input.trim();
}
