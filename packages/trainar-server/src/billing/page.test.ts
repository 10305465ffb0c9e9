/**
 * Dashboard → Billing over HTTP with the sandbox provider (the default): no cards exist, so there is
 * no Customer Portal, only the words saying when card management becomes available, and a forged
 * portal request is refused without reaching any provider. (The Stripe side, status strip and
 * portal redirect: stripe.test.ts.) The auto top-up form saves through the same rule as the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness, WebClient } from '../testing/index';

let h: TrainArHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('Billing page with the sandbox provider', () => {
  it('offers no card management and refuses the portal form', async () => {
    const t = await h.createTenant();
    await h.subscribe(t.tenantId, 2);
    const web = new WebClient(h.url);
    expect((await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD })).status).toBe(303);
    const page = await web.get('/dashboard/billing');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Card management is available once Stripe is configured');
    expect(page.text).not.toContain('Manage card and invoices');
    expect(page.text).not.toContain('data-payment-issue');
    expect((await h.services.billing.getSubscription(t.tenantId)).payment_issue).toBeNull();

    const refused = await web.post('/dashboard/billing/portal', {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Card management is available once Stripe is configured');
    expect((await web.post('/dashboard/billing/portal', {}, { csrf: false })).status).toBe(403);
  });

  it('turns auto top-up on and off with the form, refusing a bad threshold or pack with the field named', async () => {
    const t = await h.createTenant();
    const web = new WebClient(h.url);
    expect((await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD })).status).toBe(303);
    const page = await web.get('/dashboard/billing');
    expect(page.text).toContain('Buy a pack automatically when the balance runs low');
    const saved = await web.post('/dashboard/billing/auto-top-up', { enabled: '1', threshold_minutes: '120', pack_id: 'pack_500' });
    expect(saved.status).toBe(303);
    expect((await h.services.billing.getBillingDetails(t.tenantId)).auto_top_up).toEqual({ enabled: true, threshold_minutes: 120, pack_id: 'pack_500' });
    expect((await web.get('/dashboard/billing')).text).toMatch(/name="enabled" value="1" checked/);

    const badThreshold = await web.post('/dashboard/billing/auto-top-up', { enabled: '1', threshold_minutes: 'lots', pack_id: 'pack_500' });
    expect(badThreshold.status).toBe(400);
    expect(badThreshold.text).toContain('When fewer minutes than this remain: a number of minutes from 0 to 100,000.');
    const badPack = await web.post('/dashboard/billing/auto-top-up', { enabled: '1', threshold_minutes: '50', pack_id: 'pack_9' });
    expect(badPack.status).toBe(400);
    expect(badPack.text).toContain('Pack to buy: choose one of the packs listed.');
    expect((await h.services.billing.getBillingDetails(t.tenantId)).auto_top_up.threshold_minutes).toBe(120); // nothing half-saved

    expect((await web.post('/dashboard/billing/auto-top-up', { threshold_minutes: '120', pack_id: 'pack_500' })).status).toBe(303);
    expect((await h.services.billing.getBillingDetails(t.tenantId)).auto_top_up.enabled).toBe(false);
    expect((await web.post('/dashboard/billing/auto-top-up', { enabled: '1', threshold_minutes: '5', pack_id: 'pack_500' }, { csrf: false })).status).toBe(403);
  });
});
