/**
 * @module Dashboard → Skills & Knowledge → Skills. Everyone sees the skills (theirs and the
 * platform's); admins create, edit, delete and test them (spec 2.7: managing skills needs the
 * admin role). The test panel runs a real execution (recorded, `skill.executed` fires) with the
 * payload as arguments and a test session context, and shows status, latency and the response.
 */
import { ApiError, type AppEnv, actionForm, fieldErrors, html, redirectTo } from '@platform/kit';
import { ops, type Skill, type SkillExecution, UUID_PATTERN } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formField, noticeFrom, page, skillsTabs } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import type { SkillsServices } from './context';
import { type FormValues, skillForm, skillTable, testPanel, valuesOf } from './page-views';
import type { SkillInput } from './service';

const FORM_FIELDS = [
  'display_name',
  'name',
  'description',
  'webhook_url',
  'http_method',
  'parameters_schema',
  'auth_header_name',
  'auth_header_value',
  'timeout_ms',
  'execution_mode',
  'ai_instructions',
  'response_target',
  'display_hint',
  'response_scheduling',
  'available_to_roles',
  'folder',
  'capture_frame_on_execute',
  'is_active',
] as const;

const NOTICES: Record<string, string> = { created: 'Skill created.', saved: 'Skill saved.', deleted: 'Skill deleted.' };

/** The form as create_skill / update_skill input, or the errors to show next to each field. */
function readSkillForm(values: FormValues, existing: Skill | null): { input?: SkillInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let schema: unknown;
  try {
    schema = JSON.parse(values.parameters_schema || '{"type":"object","properties":{}}');
  } catch (err) {
    errors.parameters_schema = `Not valid JSON: ${(err as Error).message}`;
  }
  let auth_header: SkillInput['auth_header'];
  if (!values.auth_header_name) auth_header = null;
  else if (values.auth_header_value) auth_header = { name: values.auth_header_name, value: values.auth_header_value };
  else if (existing?.auth_header?.name !== values.auth_header_name) errors.auth_header = 'Enter the header value (it is stored, and never shown again).';
  const raw = {
    display_name: values.display_name,
    name: values.name && !existing?.name_locked ? values.name : undefined,
    description: values.description,
    webhook_url: values.webhook_url,
    http_method: values.http_method,
    parameters_schema: schema,
    auth_header,
    timeout_ms: Number(values.timeout_ms || 30000),
    execution_mode: values.execution_mode,
    ai_instructions: values.ai_instructions,
    response_target: values.response_target,
    display_hint: values.display_hint || undefined,
    response_scheduling: values.response_scheduling,
    capture_frame_on_execute: values.capture_frame_on_execute === 'on',
    available_to_roles: values.available_to_roles,
    is_active: values.is_active === 'on',
    folder: values.folder,
  };
  const parsed = ops.createSkill.input.safeParse(raw);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error), errors);
  if (Object.keys(errors).length || !parsed.success) return { errors };
  return { input: parsed.data, errors };
}

export function mountSkillsPage(app: Hono<AppEnv>, deps: PageDeps<SkillsServices>): void {
  const { skills, skillExecutions } = deps.services;
  const adminOnly = { adminOnly: true };
  const actor = (me: SessionUser) => ({ kind: 'user' as const, userId: me.userId });

  async function renderList(c: Context, me: SessionUser, o: { values?: FormValues; errors?: Record<string, string>; error?: string; status?: number } = {}) {
    const { skills: list, total } = await skills.list(me.tenantId, { include_platform: true, include_system: false, limit: 1000, offset: 0 });
    const admin = me.role === 'admin';
    return page(c, {
      title: 'Skills',
      user: me,
      notice: NOTICES[c.req.query('notice') ?? ''] ?? noticeFrom(c),
      error: o.error,
      status: o.status,
      sandbox: deps.sandboxMail,
      body: html`${skillsTabs('skills')}<h1>Skills</h1>
        <p>Skills are webhooks the on-glasses AI calls while someone works. It picks a skill from its description and sends the arguments its parameters describe.</p>
        <h2>${total} skill${total === 1 ? '' : 's'}</h2>
        ${skillTable(list, admin)}
        ${admin ? html`<article><h2>New skill</h2>${skillForm(c, { action: '/dashboard/skills', submit: 'Create skill', values: o.values ?? valuesOf(null), errors: o.errors ?? {}, skill: null })}</article>` : ''}`,
    });
  }

  async function renderSkill(
    c: Context,
    me: SessionUser,
    skill: Skill,
    o: { values?: FormValues; errors?: Record<string, string>; error?: string; status?: number; payload?: string; result?: SkillExecution | null } = {},
  ) {
    const recent = await skillExecutions.listExecutions(me.tenantId, { skill_id: skill.id, limit: 5, offset: 0 });
    return page(c, {
      title: skill.display_name,
      user: me,
      notice: NOTICES[c.req.query('notice') ?? ''] ?? null,
      error: o.error,
      status: o.status,
      sandbox: deps.sandboxMail,
      body: html`<p><a href="/dashboard/skills">← All skills</a></p>
        <h1>${skill.display_name}</h1>
        ${testPanel(c, skill, o.payload ?? '{"test": true}', o.result ?? null)}
        <article><h2>Edit</h2>${skillForm(c, { action: `/dashboard/skills/${skill.id}`, submit: 'Save skill', values: o.values ?? valuesOf(skill), errors: o.errors ?? {}, skill })}</article>
        <article><h2>Recent runs</h2>
          ${recent.executions.length ? html`<ul>${recent.executions.map((e) => html`<li>${e.executed_at}: ${e.success ? 'succeeded' : 'failed'}, HTTP ${e.status_code ?? 'none'}, ${e.latency_ms} ms (${e.trigger})</li>`)}</ul>` : html`<p>Not run yet.</p>`}
        </article>
        <article><h2>Delete</h2>${actionForm(c, { action: `/dashboard/skills/${skill.id}/delete`, label: 'Delete skill', variant: 'danger', confirm: `Delete ${skill.display_name}? Devices can no longer call ${skill.name}; its run history stays.` })}</article>`,
    });
  }

  /** The admin's own tenant skill named in the path, or a 404 page. */
  async function load(c: Context, me: SessionUser): Promise<Skill | Response> {
    const id = c.req.param('id') ?? '';
    const skill = UUID_PATTERN.test(id) ? await skills.get(me.tenantId, id).catch(() => null) : null;
    if (!skill || skill.read_only) return renderList(c, me, { error: 'No such skill of yours (built-in skills are read-only).', status: 404 });
    return skill;
  }

  const formValues = (form: Record<string, unknown>): FormValues => Object.fromEntries(FORM_FIELDS.map((f) => [f, formField(form, f).trim()]));
  const apiFieldErrors = (err: ApiError) => {
    const field = typeof err.details?.field === 'string' ? err.details.field.split('.')[0] : null;
    return field ? { [field]: err.message } : {};
  };

  app.get(
    '/dashboard/skills',
    signedIn(deps, (c, me) => renderList(c, me)),
  );

  app.post(
    '/dashboard/skills',
    signedIn(
      deps,
      async (c, me) => {
        let values: FormValues = {};
        return withFormErrors(
          c,
          me,
          async () => {
            values = formValues(await readForm(c));
            const { input, errors } = readSkillForm(values, null);
            if (!input) return renderList(c, me, { values, errors, error: 'Check the highlighted fields.', status: 400 });
            try {
              const created = await skills.create(me.tenantId, actor(me), input as Parameters<typeof skills.create>[2]);
              return redirectTo(c, `/dashboard/skills/${created.id}?notice=created`);
            } catch (err) {
              if (err instanceof ApiError) return renderList(c, me, { values, errors: apiFieldErrors(err), error: err.message, status: err.status });
              throw err;
            }
          },
          (error, status) => renderList(c, me, { values, error, status }),
        );
      },
      adminOnly,
    ),
  );

  app.get(
    '/dashboard/skills/:id',
    signedIn(
      deps,
      async (c, me) => {
        const skill = await load(c, me);
        return skill instanceof Response ? skill : renderSkill(c, me, skill);
      },
      adminOnly,
    ),
  );

  app.post(
    '/dashboard/skills/:id',
    signedIn(
      deps,
      async (c, me) => {
        const skill = await load(c, me);
        if (skill instanceof Response) return skill;
        let values: FormValues = {};
        return withFormErrors(
          c,
          me,
          async () => {
            values = formValues(await readForm(c));
            const { input, errors } = readSkillForm(values, skill);
            if (!input) return renderSkill(c, me, skill, { values, errors, error: 'Check the highlighted fields.', status: 400 });
            try {
              await skills.update(me.tenantId, skill.id, input);
              return redirectTo(c, `/dashboard/skills/${skill.id}?notice=saved`);
            } catch (err) {
              if (err instanceof ApiError) return renderSkill(c, me, skill, { values, errors: apiFieldErrors(err), error: err.message, status: err.status });
              throw err;
            }
          },
          (error, status) => renderSkill(c, me, skill, { values, error, status }),
        );
      },
      adminOnly,
    ),
  );

  app.post(
    '/dashboard/skills/:id/test',
    signedIn(
      deps,
      async (c, me) => {
        const skill = await load(c, me);
        if (skill instanceof Response) return skill;
        let payload = '';
        return withFormErrors(
          c,
          me,
          async () => {
            payload = formField(await readForm(c), 'payload');
            let args: unknown;
            try {
              args = JSON.parse(payload || '{}');
            } catch (err) {
              return renderSkill(c, me, skill, { payload, error: `The payload is not valid JSON: ${(err as Error).message}`, status: 400 });
            }
            if (!args || typeof args !== 'object' || Array.isArray(args)) return renderSkill(c, me, skill, { payload, error: 'The payload must be a JSON object, e.g. {"test": true}.', status: 400 });
            const result = await skillExecutions.run(me.tenantId, {
              skill_id: skill.id,
              arguments: args as Record<string, unknown>,
              session_context: { customer_id: me.tenantId, user_id: me.userId, role: 'trainer' },
              trigger: 'dashboard',
            });
            return renderSkill(c, me, await skills.get(me.tenantId, skill.id), { payload, result });
          },
          (error, status) => renderSkill(c, me, skill, { payload, error, status }),
        );
      },
      adminOnly,
    ),
  );

  app.post(
    '/dashboard/skills/:id/delete',
    signedIn(
      deps,
      async (c, me) => {
        const skill = await load(c, me);
        if (skill instanceof Response) return skill;
        return withFormErrors(
          c,
          me,
          async () => {
            await readForm(c);
            await skills.delete(me.tenantId, skill.id);
            return redirectTo(c, '/dashboard/skills?notice=deleted');
          },
          (error, status) => renderSkill(c, me, skill, { error, status }),
        );
      },
      adminOnly,
    ),
  );
}
