/**
 * @module Plain-text tables for list responses. Columns are picked from the rows themselves (ids,
 * names, statuses first; long text and nested blobs left out) so a new list operation gets a
 * readable table without CLI changes; `--json` always has every field.
 */

type Row = Record<string, unknown>;

const MAX_COLUMNS = 7;
const MAX_CELL = 40;
/** Long or secret-ish fields never make a good column. */
const HIDDEN = /(html|description|text|content|body|secret|summary|instructions|transcript)$|^seo/i;
/** Column order: the row's own id, what it is called, its state, money, times; then the rest; references last. */
const PRIORITY = [/^id$/i, /^(name|title|label|displayName|fullName|type|eventType)$/i, /^status$/i, /(amount|usd|total|balance|rate|price)/i, /(At|Date)$/];
const LAST = /(Id|Ids|slug)$/;

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** Scalars, lists of scalars and one level of nested scalars (`proposalCounts.total`). */
function flatten(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (isScalar(value)) out[key] = value;
    else if (Array.isArray(value) && value.every(isScalar)) out[key] = value.join(',');
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Row)) if (isScalar(v)) out[`${key}.${inner}`] = v;
    }
  }
  return out;
}

function rank(key: string): number {
  const i = PRIORITY.findIndex((re) => re.test(key));
  if (i !== -1) return i;
  return LAST.test(key) ? PRIORITY.length + 1 : PRIORITY.length;
}

export function pickColumns(rows: Row[]): string[] {
  const seen: string[] = [];
  for (const row of rows.slice(0, 20)) for (const key of Object.keys(row)) if (!seen.includes(key)) seen.push(key);
  const usable = seen.filter((k) => !HIDDEN.test(k) && rows.some((r) => r[k] !== null && r[k] !== undefined && r[k] !== ''));
  // Nested columns only when there is room after the top-level ones.
  const ordered = usable
    .map((key, index) => ({
      key,
      index,
      weight: rank(key) + (key.includes('.') ? PRIORITY.length + 2 : 0),
    }))
    .sort((a, b) => a.weight - b.weight || a.index - b.index);
  return ordered.slice(0, MAX_COLUMNS).map((c) => c.key);
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  const text = String(value).replace(/\s+/g, ' ');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

export function renderTable(items: unknown[]): string {
  const rows = items.filter((i): i is Row => Boolean(i) && typeof i === 'object').map(flatten);
  if (rows.length === 0) return '(none)';
  const columns = pickColumns(rows);
  const matrix = [columns.map((c) => c.toUpperCase()), ...rows.map((r) => columns.map((c) => cell(r[c])))];
  const widths = columns.map((_, i) => Math.max(...matrix.map((line) => line[i].length)));
  return matrix.map((line) => line.map((v, i) => (i === line.length - 1 ? v : v.padEnd(widths[i]))).join('  ')).join('\n');
}

/** Top-level arrays of objects in a response (per the output schema): the lists worth showing as tables. */
export function listsIn(output: unknown, outputSchema: Record<string, unknown>): Array<[string, unknown[]]> {
  if (!output || typeof output !== 'object') return [];
  const props = (outputSchema.properties ?? {}) as Record<string, { type?: unknown; items?: { type?: unknown } }>;
  const found: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(output as Row)) {
    const declared = props[key];
    const objectItems = declared?.type === 'array' && declared.items?.type === 'object';
    if (Array.isArray(value) && objectItems) found.push([key, value]);
  }
  // Draft responses carry missingFields/unmappedFields lists that have their own rendering.
  return found.filter(([key]) => !['missingFields', 'unmappedFields', 'lowConfidenceFields', 'issues', 'warnings'].includes(key));
}
