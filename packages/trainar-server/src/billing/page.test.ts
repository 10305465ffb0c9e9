/**
 * Dashboard → Billing over HTTP with the sandbox provider (the default): no cards exist, so there is
 * no Customer Portal, only the words saying when card management becomes available, and a forged
 * portal request is refused without reaching any provider. (The Stripe side, status strip and
 * portal redirect: stripe.test.ts.)
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
});
