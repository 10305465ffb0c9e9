import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../http/app';
import { designAssets, mountDesignAssets } from './assets';
import { apiFieldErrors, badge, dataTable, emptyState, enumLabel, field, fieldErrors, humanize } from './components';
import { formatDateTime, formatMoney, localeFrom } from './format';
import { html, layout, shell } from './page';

const text = async (h: unknown) => String(await h);

describe('design system', () => {
  it('serves the CSS base and our files from this origin, content-hashed and cacheable for a year', async () => {
    const app = new Hono<AppEnv>();
    mountDesignAssets(app);
    const { pico, ui, script } = designAssets();
    expect(pico.path).toMatch(/^\/assets\/pico\.[0-9a-f]{12}\.css$/);
    for (const asset of [pico, ui, script]) {
      const res = await app.request(asset.path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('Content-Type')).toBe(asset.type);
    }
    expect(await (await app.request(pico.path)).text()).toContain('Pico CSS');
    // An old hash is gone, not served stale.
    expect((await app.request('/assets/ui.000000000000.css')).status).toBe(404);
  });

  it('frames pages with only same-origin CSS and JS: no inline style or script', async () => {
    const page = await text(layout({ title: 'T', product: 'P', body: html`<p>${'<b>x</b>'}</p>` }));
    const dash = await text(shell({ title: 'T', product: 'P', body: html``, nav: [{ href: '/d', label: 'Dashboard' }], currentPath: '/d', tenantName: 'Acme <Ltd>', userName: 'Ann', userDetail: 'ann@x · Admin', signOut: html`` }));
    for (const p of [page, dash]) {
      expect(p).not.toMatch(/<style|style=|<script>|on(submit|click)=/);
      expect(p).toContain(`<link rel="stylesheet" href="${designAssets().pico.path}" />`);
      expect(p).toContain(`<script src="${designAssets().script.path}" defer></script>`);
    }
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(dash).toContain('Acme &lt;Ltd&gt;');
    expect(dash).toContain('<a href="/d" aria-current="page">Dashboard</a>');
  });

  it('tables give empty cells words and an empty table its empty state', async () => {
    const columns = [
      { label: 'Name', cell: (r: { name: string; last?: string }) => r.name },
      { label: 'Last used', cell: (r: { name: string; last?: string }) => r.last, empty: 'Never' },
    ];
    const table = await text(dataTable({ columns, rows: [{ name: 'key' }], empty: emptyState('No keys yet') }));
    expect(table).toContain('<td data-label="Last used">Never</td>');
    const none = await text(dataTable({ columns, rows: [], empty: emptyState('No keys yet', 'Create one below.') }));
    expect(none).toContain('No keys yet');
    expect(none).not.toContain('<table');
  });

  it('labels enums through a map and never shows UPPER_SNAKE, even for a value the map lacks', () => {
    const labels = { AUDIO: 'Audio', TEXT: 'Text' } as const;
    expect(enumLabel(labels, 'AUDIO')).toBe('Audio');
    expect(enumLabel(labels, 'SPEAKER_DIARIZATION')).toBe('Speaker diarization');
    expect(enumLabel(labels, null, 'Any')).toBe('Any');
    expect(humanize('in_progress')).toBe('In progress');
  });

  it('shows zod errors next to their fields, wired for screen readers', async () => {
    const schema = z.object({ email: z.email({ message: 'expected an email address' }), name: z.string().min(1, { message: 'enter a name' }) });
    const parsed = schema.safeParse({ email: 'nope', name: '' });
    expect(parsed.success).toBe(false);
    const errors = fieldErrors((parsed as { error: z.ZodError }).error);
    expect(errors).toEqual({ email: 'expected an email address', name: 'enter a name' });
    const input = await text(field({ name: 'email', label: 'Email', error: errors.email, hint: 'Work address' }));
    expect(input).toContain('<label for="f-email">Email</label>');
    expect(input).toContain('aria-invalid="true" aria-describedby="f-email-hint f-email-error"');
    expect(input).toContain('<small class="field-error" id="f-email-error">expected an email address</small>');
    expect(await text(badge('Active', 'success'))).toBe('<span class="badge success">Active</span>');
  });

  it('puts an API refusal naming a field under that form field, in words', () => {
    const refusal = { message: 'bidAmountUsd: enter an amount above 0 and at most 10000 USD.', details: { field: 'bidAmountUsd' } };
    expect(apiFieldErrors(refusal, { bidAmountUsd: 'bid_amount' })).toEqual({ bid_amount: 'Enter an amount above 0 and at most 10000 USD.' });
    expect(apiFieldErrors({ message: 'languages.0.language: unknown language', details: { field: 'languages.0.language' } }, { languages: 'lang_0' })).toEqual({ lang_0: 'Unknown language' });
    // A refusal about something that is not on this form stays a flash message.
    expect(apiFieldErrors({ message: 'Job is closed.', details: { reason: 'closed' } }, { bidAmountUsd: 'bid_amount' })).toEqual({});
  });

  it('formats money and dates in the reader locale from Accept-Language', () => {
    expect(localeFrom('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(localeFrom('fr;q=0.5, en-GB;q=0.9')).toBe('en-GB');
    expect(localeFrom('not a locale!!, *')).toBe('en-US');
    expect(localeFrom(undefined)).toBe('en-US');
    expect(formatMoney(123456)).toBe('$1,234.56');
    expect(formatMoney(123456, 'de-DE')).toBe('1.234,56\u00a0$');
    expect(formatDateTime('2026-05-01T10:00:00Z', 'en-GB')).toBe('1 May 2026, 10:00 UTC');
  });
});
