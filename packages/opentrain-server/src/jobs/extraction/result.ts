/**
 * Collects field values with their confidence and evidence, warnings and unmapped input, and turns
 * them into the public ExtractionResult (with missing fields and validation).
 */
import { validateDraft } from './requirements';
import {
  type ExtractionResult,
  type ExtractionWarning,
  FIELD_NAMES,
  type FieldName,
  type Finding,
  LOW_CONFIDENCE_THRESHOLD,
  type NormalizedJobFields,
  type RefinerReport,
  type UnmappedField,
} from './types';

export class ResultBuilder {
  readonly fields: NormalizedJobFields = {};
  readonly confidence: Partial<Record<FieldName, number>> = {};
  readonly evidence: Partial<Record<FieldName, string>> = {};
  readonly warnings: ExtractionWarning[] = [];
  readonly unmapped: UnmappedField[] = [];
  refiner?: RefinerReport;

  has(field: FieldName): boolean {
    return this.fields[field] !== undefined;
  }

  /** Sets a field unless it is already set (earlier sources win: structured data before text). */
  set<K extends FieldName>(field: K, value: NormalizedJobFields[K] | undefined, confidence: number, evidence?: string): boolean {
    if (value === undefined || this.has(field)) return false;
    this.fields[field] = value;
    this.confidence[field] = Math.round(confidence * 100) / 100;
    if (evidence) this.evidence[field] = evidence.length > 160 ? `${evidence.slice(0, 157)}…` : evidence;
    return true;
  }

  /** Replaces a field's value (used by the refiner when it fills or confirms a field). */
  replace<K extends FieldName>(field: K, value: NormalizedJobFields[K], confidence: number, evidence?: string): void {
    delete this.fields[field];
    this.set(field, value, confidence, evidence);
  }

  setFinding<K extends FieldName>(field: K, finding: Finding<NormalizedJobFields[K]> | undefined): boolean {
    if (!finding) return false;
    this.warnings.push(...(finding.warnings ?? []));
    return this.set(field, finding.value, finding.confidence, finding.evidence);
  }

  warn(...warnings: ExtractionWarning[]): void {
    for (const w of warnings) {
      if (!this.warnings.some((x) => x.code === w.code && x.message === w.message)) this.warnings.push(w);
    }
  }

  finish(): ExtractionResult {
    const normalizedFields: NormalizedJobFields = {};
    const fieldConfidence: Record<string, number> = {};
    const evidence: Record<string, string> = {};
    for (const name of FIELD_NAMES) {
      const value = this.fields[name];
      if (value === undefined) continue;
      (normalizedFields as Record<string, unknown>)[name] = value;
      fieldConfidence[name] = this.confidence[name] ?? 1;
      const ev = this.evidence[name];
      if (ev) evidence[name] = ev;
    }
    const lowConfidenceFields = Object.entries(fieldConfidence)
      .filter(([, c]) => c < LOW_CONFIDENCE_THRESHOLD)
      .map(([name]) => name);
    const { validation, missingFields } = validateDraft(normalizedFields);
    return {
      normalizedFields,
      fieldConfidence,
      lowConfidenceFields,
      evidence,
      warnings: [...this.warnings],
      unmappedFields: [...this.unmapped],
      missingFields,
      validation,
      ...(this.refiner ? { refiner: this.refiner } : {}),
    };
  }

  /** Rebuilds a builder from a finished result (the refiner merges into it). */
  static from(result: ExtractionResult): ResultBuilder {
    const b = new ResultBuilder();
    for (const [name, value] of Object.entries(result.normalizedFields) as [FieldName, never][]) {
      b.set(name, value, result.fieldConfidence[name] ?? 1, result.evidence[name]);
    }
    b.warnings.push(...result.warnings);
    b.unmapped.push(...result.unmappedFields);
    return b;
  }
}
