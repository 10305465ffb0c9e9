/**
 * @module Text extraction per format, with well-kept libraries: unpdf (PDF.js) for PDF, mammoth for
 * docx, html-to-text for HTML; txt/md/csv are UTF-8 text. A file that yields no text (a scanned PDF
 * without OCR) fails with a reason the user can act on.
 */
import { convert as htmlToText } from 'html-to-text';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';

const EXTENSION_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSION_TYPES);

/** The canonical MIME type for a file, from its declared type or else its extension; null when unsupported. */
export function resolveMimeType(filename: string, declared?: string): string | null {
  const given = declared?.toLowerCase().split(';')[0].trim();
  if (given && Object.values(EXTENSION_TYPES).includes(given)) return given;
  if (given === 'text/x-markdown') return 'text/markdown';
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  return EXTENSION_TYPES[ext] ?? null;
}

export class ExtractionError extends Error {}

/** The document's text. Throws ExtractionError with a user-facing reason. */
export async function extractDocumentText(bytes: Uint8Array, mimeType: string): Promise<string> {
  switch (mimeType) {
    case 'text/plain':
    case 'text/markdown':
    case 'text/csv':
      return decodeUtf8(bytes);
    case 'text/html':
      return htmlToText(decodeUtf8(bytes), {
        wordwrap: false,
        selectors: [
          { selector: 'a', options: { ignoreHref: true } },
          { selector: 'img', format: 'skip' },
        ],
      });
    case 'application/pdf':
      return pdfText(bytes);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return docxText(bytes);
    default:
      throw new ExtractionError(`Cannot extract text from ${mimeType}; supported: ${SUPPORTED_EXTENSIONS.join(', ')}.`);
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ExtractionError('The file is not valid UTF-8 text; save it as UTF-8 or upload it as PDF/docx.');
  }
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  let pages: string[];
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (err) {
    throw new ExtractionError(`The PDF could not be read (${(err as Error).message}); check the file opens in a PDF viewer and upload it again.`);
  }
  const text = pages
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
  if (!text.trim()) throw new ExtractionError('The PDF has no text layer (a scan?); OCR is not available yet: upload a text PDF, docx or txt version.');
  return text;
}

async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch (err) {
    throw new ExtractionError(`The docx could not be read (${(err as Error).message}); re-save it from Word and upload it again (.doc is not supported).`);
  }
}
