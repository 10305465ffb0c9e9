/**
 * @module The Skills page's pieces: the list table, the create/edit form (every authored field,
 * the same validation as create_skill / update_skill), and the test panel's result.
 */
import { button, choiceField, csrfField, dataTable, type EnumBadges, emptyState, facts, field, type Html, html, selectField, statusBadge, textareaField } from '@platform/kit';
import type { Skill, SkillExecution } from '@trainar/api';
import type { Context } from 'hono';

export type FormValues = Record<string, string>;

const ACTIVE: EnumBadges<'active' | 'inactive'> = { active: { label: 'Enabled', tone: 'success' }, inactive: { label: 'Disabled', tone: 'neutral' } };
const TIER: Record<Skill['tier'], string> = { tenant: 'Yours', platform: 'Platform', system: 'System' };
const MODE: Record<Skill['execution_mode'], string> = { direct: 'Direct', background: 'Background' };
const TARGET: Record<Skill['response_target'], string> = { context: 'Context', display: 'Display' };
const ROLES: Record<Skill['available_to_roles'], string> = { all: 'All', trainer: 'Trainer', trainee: 'Trainee' };

export function skillTable(skills: Skill[], admin: boolean): Html {
  return dataTable({
    columns: [
      { label: 'Skill', cell: (s: Skill) => html`<strong>${s.display_name}</strong><br /><code>${s.name}</code>` },
      { label: 'Kind', cell: (s: Skill) => (s.bundle ? `${TIER[s.tier]} · ${s.bundle}` : TIER[s.tier]) },
      { label: 'Mode', cell: (s: Skill) => MODE[s.execution_mode] },
      { label: 'Parameters', cell: (s: Skill) => String(s.parameter_count) },
      { label: 'Target', cell: (s: Skill) => TARGET[s.response_target] },
      { label: 'Roles', cell: (s: Skill) => ROLES[s.available_to_roles] },
      { label: 'Folder', cell: (s: Skill) => s.folder, empty: 'No folder' },
      { label: 'Status', cell: (s: Skill) => statusBadge(ACTIVE, s.is_active ? 'active' : 'inactive') },
      {
        label: 'Actions',
        empty: 'Read-only',
        cell: (s: Skill) => (admin && !s.read_only ? html`<a href="/dashboard/skills/${s.id}">Edit and test</a>` : null),
      },
    ],
    rows: skills,
    rowAttrs: (s) => ({ 'data-skill-id': s.id }),
    empty: emptyState('No skills yet', admin ? 'Create the first one below.' : 'Ask an admin to create one.'),
  });
}

/** Form values from a skill (edit) or defaults (create). The auth header value is never put back in a page. */
export function valuesOf(s: Skill | null): FormValues {
  if (!s)
    return {
      http_method: 'POST',
      parameters_schema: '{\n  "type": "object",\n  "properties": {}\n}',
      timeout_ms: '30000',
      execution_mode: 'direct',
      response_target: 'context',
      display_hint: '',
      response_scheduling: 'WHEN_IDLE',
      available_to_roles: 'all',
      is_active: 'on',
    };
  return {
    display_name: s.display_name,
    name: s.name,
    description: s.description,
    webhook_url: s.webhook_url ?? '',
    http_method: s.http_method,
    parameters_schema: JSON.stringify(s.parameters_schema, null, 2),
    auth_header_name: s.auth_header?.name ?? '',
    timeout_ms: String(s.timeout_ms),
    execution_mode: s.execution_mode,
    ai_instructions: s.ai_instructions ?? '',
    response_target: s.response_target,
    display_hint: s.display_hint ?? '',
    response_scheduling: s.response_scheduling ?? 'WHEN_IDLE',
    capture_frame_on_execute: s.capture_frame_on_execute ? 'on' : '',
    available_to_roles: s.available_to_roles,
    is_active: s.is_active ? 'on' : '',
    folder: s.folder ?? '',
  };
}

const opts = <T extends string>(labels: Record<T, string>) => (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export function skillForm(c: Context, o: { action: string; submit: string; values: FormValues; errors: Record<string, string>; skill: Skill | null }): Html {
  const v = o.values;
  const e = o.errors;
  const locked = o.skill?.name_locked ?? false;
  return html`<form method="post" action="${o.action}" class="skill-form">
    ${csrfField(c)}
    ${field({ name: 'display_name', label: 'Display name', required: true, value: v.display_name, error: e.display_name, attrs: { maxlength: 100 } })}
    ${field({
      name: 'name',
      label: 'Name (snake_case)',
      value: v.name,
      error: e.name,
      hint: locked ? 'Fixed: this skill has already run, and devices call it by this name.' : 'What the AI calls; left empty, it is made from the display name.',
      attrs: { maxlength: 64, readonly: locked },
    })}
    ${textareaField({ name: 'description', label: 'Description', required: true, value: v.description, error: e.description, rows: 3, hint: 'The AI decides when to call the skill from this alone.' })}
    ${field({ name: 'webhook_url', label: 'Webhook URL', type: 'url', required: true, value: v.webhook_url, error: e.webhook_url, hint: 'https; private and loopback addresses are refused in production.' })}
    ${selectField({ name: 'http_method', label: 'HTTP method', options: opts({ POST: 'POST (JSON body)', GET: 'GET (query string)' }), value: v.http_method })}
    ${textareaField({ name: 'parameters_schema', label: 'Parameters (JSON Schema)', value: v.parameters_schema, error: e.parameters_schema, rows: 8, hint: 'An object schema: list each parameter under "properties".' })}
    ${field({ name: 'auth_header_name', label: 'Auth header name', value: v.auth_header_name, error: e.auth_header, hint: 'e.g. Authorization or X-Api-Key. Leave empty for none.' })}
    ${field({
      name: 'auth_header_value',
      label: 'Auth header value',
      type: 'password',
      value: '',
      hint: o.skill?.auth_header ? `Stored (${o.skill.auth_header.value_preview}); leave empty to keep it.` : 'Stored securely; only its last 4 characters are ever shown.',
      attrs: { autocomplete: 'off' },
    })}
    ${field({ name: 'timeout_ms', label: 'Response wait time (ms)', type: 'number', value: v.timeout_ms, error: e.timeout_ms, attrs: { min: 500, max: 120000, step: 100 } })}
    ${selectField({ name: 'execution_mode', label: 'Execution mode', options: opts({ direct: 'Direct: the AI waits for the answer', background: 'Background: the AI carries on' }), value: v.execution_mode })}
    ${textareaField({ name: 'ai_instructions', label: 'AI instructions (private)', value: v.ai_instructions, error: e.ai_instructions, rows: 3 })}
    ${selectField({ name: 'response_target', label: 'Response target', options: opts({ context: 'Context (the AI reads it)', display: 'Display (shown on the glasses)' }), value: v.response_target })}
    ${selectField({ name: 'display_hint', label: 'Display hint', options: opts({ '': 'Not set (context)', fullscreen: 'Full screen', hud: 'HUD' }), value: v.display_hint, error: e.display_hint })}
    ${selectField({ name: 'response_scheduling', label: 'Response scheduling', options: opts({ WHEN_IDLE: 'When idle', INTERRUPT: 'Interrupt' }), value: v.response_scheduling })}
    ${selectField({ name: 'available_to_roles', label: 'Available to', options: opts(ROLES), value: v.available_to_roles })}
    ${field({ name: 'folder', label: 'Folder', value: v.folder, error: e.folder, attrs: { maxlength: 100 } })}
    ${choiceField({ name: 'capture_frame_on_execute', label: 'Capture a camera frame when the skill runs', checked: v.capture_frame_on_execute === 'on' })}
    ${choiceField({ name: 'is_active', label: 'Enabled (offered to the AI)', checked: v.is_active === 'on' })}
    ${button(o.submit, { pending: 'Saving…' })}
  </form>`;
}

export function testPanel(c: Context, skill: Skill, payload: string, result: SkillExecution | null): Html {
  return html`<article aria-labelledby="test-heading">
    <h2 id="test-heading">Test this skill</h2>
    <p>Sends the payload as the arguments, with a test session context (you, as a trainer), using the skill's ${skill.http_method} method.</p>
    <form method="post" action="/dashboard/skills/${skill.id}/test">
      ${csrfField(c)}
      ${textareaField({ name: 'payload', label: 'Payload (JSON)', value: payload, rows: 5 })}
      ${button('Run test', { pending: 'Running…' })}
    </form>
    ${result ? testResult(result) : ''}
  </article>`;
}

function testResult(r: SkillExecution): Html {
  const shown = typeof r.response === 'string' ? r.response : JSON.stringify(r.response, null, 2);
  return html`<section id="test-result" aria-live="polite">
    <h3>${r.success ? 'Succeeded' : 'Failed'}</h3>
    ${facts([
      ['HTTP status', r.status_code === null ? 'No response' : String(r.status_code), { 'data-test': 'status' }],
      ['Latency', `${r.latency_ms} ms`, { 'data-test': 'latency' }],
      r.error ? ['Error', r.error, { 'data-test': 'error' }] : null,
    ])}
    <h4>Response</h4>
    <pre data-test="response">${shown ?? 'Empty'}</pre>
  </section>`;
}
