/**
 * @module The design system's components: typed helpers returning escaped HTML. Forms put labels
 * above inputs with hint text and inline errors (from the same zod validation as the API, via
 * `fieldErrors`); tables give every column a human label, every empty cell words and every empty
 * table an empty state; enums are shown only through a label map (`EnumLabels`), never raw.
 */
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { z } from 'zod';
import { csrfField } from './csrf';
import type { Html } from './page';

type Content = Html | string | number;
type Attrs = Record<string, string | number | boolean | undefined>;

function attrs(extra: Attrs = {}) {
  return Object.entries(extra)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? html` ${k}` : html` ${k}="${String(v)}"`));
}

/** Field id from its name (`scope_read:jobs` → `f-scope_read-jobs`). */
const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldBase {
  name: string;
  label: string;
  hint?: Content;
  error?: string;
  id?: string;
  attrs?: Attrs;
}

function described(id: string, o: FieldBase) {
  const ids = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { ids: ids || undefined, invalid: o.error ? 'true' : undefined };
}

function fieldNotes(id: string, o: FieldBase) {
  return html`${o.error ? html`<small class="field-error" id="${id}-error">${o.error}</small>` : ''}${o.hint ? html`<small class="hint" id="${id}-hint">${o.hint}</small>` : ''}`;
}

/** A labelled input: label above, error then hint below, `aria-invalid` and `aria-describedby` wired. */
export function field(o: FieldBase & { type?: string; value?: string; required?: boolean }) {
  const id = o.id ?? fieldId(o.name);
  const d = described(id, o);
  return html`<label for="${id}">${o.label}</label>
    <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${attrs({ required: o.required, 'aria-invalid': d.invalid, 'aria-describedby': d.ids, ...o.attrs })} />
    ${fieldNotes(id, o)}`;
}

export function textareaField(o: FieldBase & { value?: string; required?: boolean; rows?: number }) {
  const id = o.id ?? fieldId(o.name);
  const d = described(id, o);
  return html`<label for="${id}">${o.label}</label>
    <textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${attrs({ required: o.required, 'aria-invalid': d.invalid, 'aria-describedby': d.ids, ...o.attrs })}>${o.value ?? ''}</textarea>
    ${fieldNotes(id, o)}`;
}

export interface SelectOption {
  value: string;
  label: string;
}

export function selectField(o: FieldBase & { options: SelectOption[]; value?: string }) {
  const id = o.id ?? fieldId(o.name);
  const d = described(id, o);
  return html`<label for="${id}">${o.label}</label>
    <select id="${id}" name="${o.name}"${attrs({ 'aria-invalid': d.invalid, 'aria-describedby': d.ids, ...o.attrs })}>
      ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? raw(' selected') : ''}>${opt.label}</option>`)}
    </select>
    ${fieldNotes(id, o)}`;
}

/** A checkbox or radio with its label to the right (the one place a label is not above). */
export function choiceField(o: Omit<FieldBase, 'label'> & { label: Content; type?: 'checkbox' | 'radio'; value?: string; checked?: boolean; disabled?: boolean }) {
  const id = o.id ?? fieldId(`${o.name}-${o.value ?? ''}`);
  return html`<label for="${id}"><input id="${id}" type="${o.type ?? 'checkbox'}" name="${o.name}"${attrs({ value: o.value, checked: o.checked, disabled: o.disabled, ...o.attrs })} /> ${o.label}</label>${o.hint ? html`<small class="hint">${o.hint}</small>` : ''}`;
}

/** First message per top-level field of a zod error, keyed by field name (for inline errors). */
export function fieldErrors(error: z.ZodError, names: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    const name = names[key] ?? key;
    out[name] ??= issue.message;
  }
  return out;
}

/**
 * The inline error of an API refusal that names a field (`details.field`, the same validation as the
 * API): `{ [form field]: message }`, the message's own `field: ` prefix dropped and capitalised.
 * Empty when the refusal names no field of this form (show it as a flash instead).
 */
export function apiFieldErrors(err: { message: string; details?: Record<string, unknown> }, names: Record<string, string>): Record<string, string> {
  const path = typeof err.details?.field === 'string' ? err.details.field : undefined;
  const name = path ? names[path.split('.')[0] ?? ''] : undefined;
  if (!path || !name) return {};
  const text = err.message.startsWith(`${path}:`) ? err.message.slice(path.length + 1).trim() : err.message;
  return { [name]: text.charAt(0).toUpperCase() + text.slice(1) };
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'outline';

/** A submit button; `pending` is what it says while the form submits (static JS, see ui.js). */
export function button(label: string, o: { variant?: ButtonVariant; pending?: string; type?: 'submit' | 'button'; attrs?: Attrs } = {}) {
  const cls = o.variant === 'secondary' ? 'secondary' : o.variant === 'danger' ? 'danger' : o.variant === 'outline' ? 'outline' : undefined;
  return html`<button type="${o.type ?? 'submit'}"${attrs({ class: cls, 'data-pending': o.pending, ...o.attrs })}>${label}</button>`;
}

/**
 * A one-button POST form with the CSRF token. With `confirm`, the static script asks in a
 * `<dialog>` first (for destructive actions); the server still re-checks everything.
 */
export function actionForm(c: Context, o: { action: string; label: string; variant?: ButtonVariant; confirm?: string; hidden?: Record<string, string>; pending?: string }) {
  return html`<form method="post" action="${o.action}"${attrs({ 'data-confirm': o.confirm })}>${csrfField(c)}${Object.entries(o.hidden ?? {}).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`,
  )}${button(o.label, { variant: o.variant, pending: o.pending })}</form>`;
}

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

/** A status in words and colour. */
export function badge(label: string, tone: Tone = 'neutral') {
  return html`<span class="badge ${tone}">${label}</span>`;
}

/** Every enum a person sees has one of these: value → human label (and optional badge tone). */
export type EnumLabels<T extends string> = Record<T, string>;
export type EnumBadges<T extends string> = Record<T, { label: string; tone: Tone }>;

/** The label of an enum value; an unknown value (newer server, older map) reads as words, not UPPER_SNAKE. */
export function enumLabel<T extends string>(labels: EnumLabels<T>, value: NoInfer<T> | (string & {}) | null | undefined, whenEmpty = 'Not set'): string {
  if (value == null || value === '') return whenEmpty;
  return (labels as Record<string, string>)[value] ?? humanize(value);
}

export function statusBadge<T extends string>(badges: EnumBadges<T>, value: NoInfer<T> | (string & {})) {
  const b = (badges as Record<string, { label: string; tone: Tone }>)[value];
  return badge(b?.label ?? humanize(value), b?.tone ?? 'neutral');
}

/** `IN_PROGRESS` / `in_progress` → `In progress`. */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Flash messages (after POST-redirect-GET): a fixed notice and/or an error. */
export function flash(o: { notice?: Content | null; error?: Content | null }) {
  return html`${o.notice ? html`<p class="flash notice" role="status">${o.notice}</p>` : ''}${o.error ? html`<p class="flash error" role="alert">${o.error}</p>` : ''}`;
}

/**
 * A secret shown on this response only (a new API key, token or signing secret): it is never
 * stored in the clear or shown again, so the page says so and offers a copy button.
 */
export function secretShownOnce(o: { label: string; heading: Content; secret: string; id: string; attrs?: Attrs }) {
  return html`<article class="stakes" aria-label="${o.label}"><header><strong>${o.heading}</strong></header>
    <p>It is shown only once and cannot be recovered.</p>
    <p><code id="${o.id}"${attrs(o.attrs)}>${o.secret}</code></p>
    ${button('Copy', { type: 'button', attrs: { 'data-copy': o.id } })}</article>`;
}

/** What a person sees instead of an empty table: what is missing and what to do. */
export function emptyState(title: string, text?: Content, action?: Html) {
  return html`<div class="empty-state" data-empty-state><strong>${title}</strong>${text ? html`<span>${text}</span>` : ''}${action ? html`<p>${action}</p>` : ''}</div>`;
}

export interface Column<T> {
  label: string;
  /** The cell; null/undefined/'' shows `empty` (words, never a bare dash). */
  cell: (row: T) => Content | null | undefined;
  empty?: string;
}

/** A table that stacks into cards on phones; with no rows, the empty state instead. */
export function dataTable<T>(o: { columns: Column<T>[]; rows: T[]; empty: Html; rowAttrs?: (row: T) => Attrs; caption?: string }) {
  if (o.rows.length === 0) return o.empty;
  return html`<table class="stack">${o.caption ? html`<caption>${o.caption}</caption>` : ''}
    <thead><tr>${o.columns.map((col) => html`<th scope="col">${col.label}</th>`)}</tr></thead>
    <tbody>${o.rows.map(
      (row) => html`<tr${attrs(o.rowAttrs?.(row))}>${o.columns.map((col) => {
        const v = col.cell(row);
        return html`<td data-label="${col.label}">${v == null || v === '' ? (col.empty ?? 'None') : v}</td>`;
      })}</tr>`,
    )}</tbody></table>`;
}

/** Label/value pairs (who is paid, how much, from which source). The last may be marked as the total. */
export type Fact = [label: string, value: Content, attrs?: Attrs] | null | undefined | false;

export function facts(rows: Fact[], o: { totalLast?: boolean } = {}) {
  const kept = rows.filter((r): r is [string, Content, Attrs?] => Boolean(r));
  return html`<dl class="facts">${kept.map(
    ([label, value, a], i) => html`<div class="${o.totalLast && i === kept.length - 1 ? 'total' : ''}"><dt>${label}</dt><dd${attrs(a)}>${value}</dd></div>`,
  )}</dl>`;
}
