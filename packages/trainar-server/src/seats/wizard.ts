/**
 * @module The Add Seat wizard (spec 2.3): step 1 roles and user (now or later), step 2 the device:
 * Buy from TrainAR (INMO Air 3 £899, Vuzix Blade 2 £775, Klarna up to 36 months), Bring your own
 * (model + serial), or Skip for now. One form, two fieldsets: it works without JavaScript.
 */
import { button, csrfField, html } from '@platform/kit';
import { DEVICE_MODELS } from '@trainar/api';
import type { Context } from 'hono';
import { PRODUCT_LABELS, SEAT_ROLE_LABELS } from './labels';

export function addSeatWizard(c: Context, users: { id: string; full_name: string; email: string }[], full: string | null) {
  if (full) return html`<article><h2>Add Seat</h2><p>${full}</p></article>`;
  return html`<article aria-label="Add Seat">
    <h2>Add Seat</h2>
    <form method="post" action="/dashboard/seats">${csrfField(c)}
      <fieldset><legend>Step 1: roles and user</legend>
        ${(['trainer', 'trainee'] as const).map((r) => html`<label><input type="checkbox" name="roles" value="${r}" ${r === 'trainee' ? 'checked' : ''} /> ${SEAT_ROLE_LABELS[r]}</label>`)}
        <label for="wizard-user">User</label>
        <select id="wizard-user" name="user_id"><option value="">Assign later</option>${users.map((u) => html`<option value="${u.id}">${u.full_name} (${u.email})</option>`)}</select>
      </fieldset>
      <fieldset><legend>Step 2: device</legend>
        <label><input type="radio" name="device_option" value="buy" /> Buy from TrainAR</label>
        <label for="wizard-product">Glasses</label>
        <select id="wizard-product" name="product">${Object.entries(PRODUCT_LABELS).map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select>
        <label for="wizard-financing">Payment</label>
        <select id="wizard-financing" name="financing"><option value="none">Pay now</option><option value="klarna_12">Klarna, 12 months</option><option value="klarna_24">Klarna, 24 months</option><option value="klarna_36">Klarna, 36 months</option></select>
        <label><input type="radio" name="device_option" value="byoh" /> Bring your own hardware</label>
        <label for="wizard-model">Model</label>
        <select id="wizard-model" name="model">${DEVICE_MODELS.map((m) => html`<option value="${m}">${m}</option>`)}</select>
        <label for="wizard-serial">Serial (optional now, required before pairing)</label>
        <input id="wizard-serial" name="serial" maxlength="40" />
        <label><input type="radio" name="device_option" value="skip" checked /> Skip for now</label>
      </fieldset>
      ${button('Add seat', { pending: 'Adding…' })}
    </form>
  </article>`;
}
