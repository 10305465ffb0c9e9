/**
 * @module The jobs' canonical vocabulary (label types, data types, subject matters, tools, languages,
 * countries) and its readable labels: the public job pages show them, and talent profiles speak the
 * same words so a profile and a job compare value for value.
 */
import { COUNTRIES } from './extraction/countries';
import { LANGUAGES } from './extraction/languages';
import { TOOLS } from './extraction/tools';
import { DATA_TYPES, type DataType, LABEL_TYPES, type LabelType, SUBJECT_MATTERS, type SubjectMatter } from './extraction/types';

export { COUNTRIES, DATA_TYPES, type DataType, LABEL_TYPES, type LabelType, LANGUAGES, SUBJECT_MATTERS, type SubjectMatter, TOOLS };

/** "BOUNDING_BOX" → "bounding box". */
export const readable = (code: string) =>
  code
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\b3d\b/g, '3D');

/** "BOUNDING_BOX" → "Bounding box": the label pages show (these vocabularies are long lists, so one rule labels them all). */
export const vocabularyLabel = (code: string) => {
  const words = readable(code);
  return words.charAt(0).toUpperCase() + words.slice(1);
};
