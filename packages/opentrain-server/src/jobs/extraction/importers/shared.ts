/**
 * Helpers shared by the structured importers: XML parsing (fast-xml-parser, entity expansion
 * capped), HTML-to-text, previews for unmapped values, and the import error type.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { extractPayment } from '../currency';
import type { ResultBuilder } from '../result';
import { fold, splitSentences } from '../text';
import type { PaymentType, UnmappedField } from '../types';

export type ImportErrorCode = 'invalid_payload' | 'invalid_xml' | 'no_job_found' | 'unsupported_format';

/** A payload that cannot be imported at all (the endpoint answers 400 with `code` in details). */
export class JobImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JobImportError';
  }
}

/** Hard cap on structured payloads (the text limit plus room for markup). */
export const MAX_IMPORT_CHARS = 200_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxTotalExpansions: 200, maxExpandedLength: 100_000, maxEntityCount: 20 },
});

export function parseXml(xml: unknown): Record<string, unknown> {
  if (typeof xml !== 'string' || xml.trim() === '') throw new JobImportError('invalid_payload', 'xml must be a non-empty string.');
  if (xml.length > MAX_IMPORT_CHARS) throw new JobImportError('invalid_payload', `xml is longer than ${MAX_IMPORT_CHARS} characters.`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new JobImportError('invalid_xml', `XML is not well-formed: ${valid.err.msg} (line ${valid.err.line}).`);
  }
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new JobImportError('invalid_xml', `XML could not be parsed: ${(error as Error).message}`);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an XML node or JSON value ("#text" of an element with attributes, numbers as strings). */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node.trim() || undefined;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (isRecord(node) && '#text' in node) return textOf(node['#text']);
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML to plain text: block ends become line breaks, tags are dropped, basic entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<\s*(?:script|style)[^>]*>[\s\S]*?<\s*\/\s*(?:script|style)\s*>/gi, ' ')
    .replace(/<\s*(?:br|\/p|\/li|\/h\d|\/div|\/tr)\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '\n- ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n{2,}(?=- )/g, '\n')
    .trim();
}

/** A short JSON preview of an unmapped value. */
export function preview(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    s = String(value);
  }
  s = (s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export function unmapped(b: ResultBuilder, path: string, reason: UnmappedField['reason'], value?: unknown): void {
  b.unmapped.push({ path, reason, ...(value !== undefined ? { valuePreview: preview(value) } : {}) });
}

const PRICE_FIELD: Record<PaymentType, 'pricePerHour' | 'pricePerLabel' | 'fixedPrice'> = {
  PAY_PER_HOUR: 'pricePerHour',
  PAY_PER_LABEL: 'pricePerLabel',
  FIXED_PRICE: 'fixedPrice',
};
export const priceFieldFor = (t: PaymentType) => PRICE_FIELD[t];

/** Reads a free-text salary ("$20-$30 per hour") into the payment fields. True when it was understood. */
export function applySalaryText(b: ResultBuilder, text: string, path: string, confidence = 0.9): boolean {
  const payment = extractPayment(splitSentences(text), fold(text));
  b.warn(...payment.warnings);
  if (!payment.paymentType || !payment.price) {
    unmapped(b, path, 'unrecognized_value', text);
    return false;
  }
  const c = (x: number) => Math.min(confidence, x);
  b.set('paymentType', payment.paymentType.value, c(payment.paymentType.confidence), text);
  b.set(PRICE_FIELD[payment.paymentType.value], payment.price.value, c(payment.price.confidence), text);
  if (payment.budgetRange) b.set('budgetRange', payment.budgetRange.value, c(payment.budgetRange.confidence), text);
  if (payment.currency) b.set('currency', payment.currency.value, c(payment.currency.confidence), text);
  return true;
}
