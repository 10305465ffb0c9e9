/**
 * @module Human output for operation results: the contract's summary (tool names turned into CLI
 * commands), a table per list, the "ask:" questions for missing draft fields, and the next step.
 */
import { type AnyOperation, operationSchemas } from '@platform/kit';
import { commandFor, translateToolNames } from './commands-map';
import { listsIn, renderTable } from './table';

interface MissingField {
  field?: string;
  label?: string;
  message?: string;
  prompt?: string;
  type?: string;
  enumValues?: string[];
  updateKeys?: string[];
  example?: unknown;
  hint?: string;
}

interface DraftLike {
  jobId?: string;
  missingFields?: unknown;
  validation?: { publishReady?: boolean; missingFields?: unknown };
}

function asMissingFields(value: unknown): MissingField[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is MissingField => Boolean(v) && typeof v === 'object');
}

function exampleValue(f: MissingField): string {
  if (f.example !== undefined && f.example !== null) return Array.isArray(f.example) ? f.example.join(',') : typeof f.example === 'object' ? JSON.stringify(f.example) : String(f.example);
  if (f.enumValues?.length) return f.enumValues[0];
  return '<value>';
}

/** One block per missing field: the question to relay, its type and values, and how to set it. */
export function renderMissingFields(fields: MissingField[], jobId: string | undefined): string[] {
  if (fields.length === 0) return [];
  const update = commandFor('opentrain_update_job_draft_fields', jobId ? { jobId } : {});
  const lines = [`Missing fields (${fields.length}): ask the human, then set the answers.`];
  for (const f of fields) {
    const key = f.updateKeys?.[0] ?? f.field ?? '?';
    const type = [f.type, f.enumValues?.length ? `one of ${f.enumValues.join(', ')}` : ''].filter(Boolean).join(': ');
    lines.push(`  ${f.field ?? key}${f.label && f.label !== f.field ? ` (${f.label})` : ''}${type ? ` [${type}]` : ''}`);
    const question = f.prompt ?? f.message;
    if (question) lines.push(`    ${/^ask:/i.test(question) ? question : `ask: ${question}`}`);
    if (f.hint) lines.push(`    hint: ${f.hint}`);
    if (update) lines.push(`    set: ${update} --set ${key}=${exampleValue(f)}${f.updateKeys && f.updateKeys.length > 1 ? ` (keys: ${f.updateKeys.join(', ')})` : ''}`);
  }
  return lines;
}

function isDraft(out: DraftLike): boolean {
  return typeof out.jobId === 'string' && typeof out.validation?.publishReady === 'boolean';
}

function draftNextStep(out: DraftLike): string[] {
  if (!out.jobId || !out.validation) return [];
  const publish = commandFor('opentrain_publish_job', { jobId: out.jobId });
  const update = commandFor('opentrain_update_job_draft_fields', {
    jobId: out.jobId,
  });
  if (out.validation.publishReady) return publish ? [`Next: ${publish}`] : [];
  const names = Array.isArray(out.validation.missingFields) ? out.validation.missingFields.filter((n): n is string => typeof n === 'string') : [];
  const still = names.length ? `Still missing: ${names.join(', ')}. ` : '';
  return update ? [`${still}Next: ${update} --set <field>=<value>, then ${publish ?? 'publish'}`] : [];
}

function pagingHint(output: Record<string, unknown>): string[] {
  const cursor = output.nextCursor;
  if (typeof cursor !== 'string' || cursor === '' || output.hasMore === false) return [];
  return [`More results: repeat with --cursor ${cursor}`];
}

export function renderHuman(op: AnyOperation, output: unknown, input: Record<string, unknown>): string {
  const summary = translateToolNames(op.summarize(output as never, input as never));
  const out = (output && typeof output === 'object' ? output : {}) as Record<string, unknown> & DraftLike;
  const lists = listsIn(output, operationSchemas(op).output);
  const missing = asMissingFields(out.missingFields).filter((f) => f.prompt || f.field);
  const prompts = new Set(missing.map((f) => f.prompt?.trim()).filter(Boolean));
  let lines = summary.split('\n');
  // The table and the missing-field blocks replace the summary's own bullet lists.
  if (lists.length) lines = lines.filter((l) => !/^\s*[-•*] /.test(l));
  if (missing.length) lines = lines.filter((l) => ![...prompts].some((p) => p && l.includes(p)) && !/^\s*ask:/i.test(l));
  const draft = isDraft(out);
  // Draft summaries name MCP calls for the next step; the CLI prints the exact commands instead.
  if (draft) lines = lines.filter((l) => !/^Next:/.test(l.trim())).map((l) => l.replace(/\s*Next:.*$/, ''));
  const blocks: string[] = [lines.join('\n').trim()];
  for (const [key, items] of lists) blocks.push(`${lists.length > 1 ? `${key}:\n` : ''}${renderTable(items)}`);
  if (missing.length) blocks.push(renderMissingFields(missing, out.jobId).join('\n'));
  const tail = [...(draft ? draftNextStep(out) : []), ...pagingHint(out)];
  if (tail.length) blocks.push(tail.join('\n'));
  return blocks.filter(Boolean).join('\n\n');
}
