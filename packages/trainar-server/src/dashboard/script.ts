/**
 * @module The dashboard's only script, served as a file from this origin so the page CSP can forbid
 * inline scripts (`script-src 'self'`): the sign-up timezone, copy buttons, "all scopes" and
 * confirmation prompts on destructive forms (`data-confirm`). Pages work without it.
 */
import type { AppEnv } from '@platform/kit';
import type { Hono } from 'hono';

export const DASHBOARD_SCRIPT_PATH = '/dashboard/assets/dashboard.js';

const SCRIPT = `'use strict';
var tz = document.getElementById('timezone');
if (tz) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
document.querySelectorAll('[data-copy]').forEach(function (b) {
  b.addEventListener('click', function () {
    var text = document.getElementById(b.getAttribute('data-copy')).textContent;
    navigator.clipboard.writeText(text).then(function () { b.textContent = 'Copied'; }, function () { b.textContent = 'Select the key and copy it'; });
  });
});
var all = document.getElementById('all_scopes');
if (all) all.addEventListener('change', function () {
  document.querySelectorAll('input[name=scopes]').forEach(function (box) { box.checked = all.checked; });
});
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
});
`;

export function mountDashboardScript(app: Hono<AppEnv>): void {
  app.get(DASHBOARD_SCRIPT_PATH, (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
}
