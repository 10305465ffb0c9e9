/**
 * @module Dashboard → Settings (General and Locality): organisation name, timezone, country and
 * language. Everyone signed in sees them; only admins can change them.
 */
import { ApiError, type AppEnv, button, csrfField, field, html, redirectTo, selectField } from '@platform/kit';
import type { Account } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formField, noticeFrom, page } from '../platform/view';
import type { AccountServices } from './context';
import { allCountryCodes, allTimezones, countryName } from './locale';

const LANGUAGES = ['en', 'en-GB', 'en-US', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'pt-BR', 'sv', 'da', 'nb', 'fi', 'cs', 'ro', 'tr', 'ar', 'hi', 'ja', 'ko', 'zh'];

function form(c: Context, a: Pick<Account, 'name' | 'timezone' | 'country' | 'language'>, editable: boolean) {
  return html`<form method="post" action="/dashboard/settings">
    ${csrfField(c)}
    <fieldset ${editable ? '' : 'disabled'}>
      <legend>General</legend>
      ${field({ name: 'name', label: 'Organisation name', required: true, value: a.name, attrs: { maxlength: 200 } })}
    </fieldset>
    <fieldset ${editable ? '' : 'disabled'}>
      <legend>Locality</legend>
      ${selectField({ name: 'timezone', label: 'Timezone', value: a.timezone, options: allTimezones().map((z) => ({ value: z, label: z })), hint: 'Dates in the dashboard and in reports use this timezone.' })}
      ${selectField({ name: 'country', label: 'Country', value: a.country ?? '', options: [{ value: '', label: 'Not set' }, ...allCountryCodes().map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))] })}
      ${field({ name: 'language', label: 'Language the AI speaks', required: true, value: a.language, hint: 'A BCP 47 tag, e.g. en-GB or de.', attrs: { list: 'languages' } })}
      <datalist id="languages">${LANGUAGES.map((l) => html`<option value="${l}"></option>`)}</datalist>
    </fieldset>
    ${editable ? button('Save settings', { pending: 'Saving…' }) : html`<p><small>Only admins can change these settings.</small></p>`}
  </form>`;
}

async function render(c: Context, deps: PageDeps<AccountServices>, me: SessionUser, options: { error?: string; status?: number; values?: Account } = {}) {
  const account = options.values ?? (await deps.services.account.get(me.tenantId));
  return page(c, {
    title: 'Settings',
    user: me,
    notice: noticeFrom(c),
    error: options.error,
    status: options.status,
    body: html`<h1>Settings</h1>${form(c, account, me.role === 'admin')}`,
  });
}

export function mountSettingsPage(app: Hono<AppEnv>, deps: PageDeps<AccountServices>): void {
  app.get(
    '/dashboard/settings',
    signedIn(deps, (c, me) => render(c, deps, me)),
  );
  app.post(
    '/dashboard/settings',
    signedIn(deps, async (c, me) => {
      let submitted: Account | undefined;
      return withFormErrors(
        c,
        me,
        async () => {
          const f = await readForm(c);
          if (me.role !== 'admin') throw new ApiError({ kind: 'forbidden', message: 'Only admins can change the settings.' });
          const current = await deps.services.account.get(me.tenantId);
          const patch = { name: formField(f, 'name'), timezone: formField(f, 'timezone'), country: formField(f, 'country') || null, language: formField(f, 'language') };
          submitted = { ...current, ...patch };
          await deps.services.account.update(me.tenantId, patch);
          return redirectTo(c, '/dashboard/settings?notice=saved');
        },
        (error, status) => render(c, deps, me, { error, status, values: submitted }),
      );
    }),
  );
}
