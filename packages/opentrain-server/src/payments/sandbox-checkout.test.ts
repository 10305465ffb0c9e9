import { hours, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations } from '../credits/index';
import { createPayments, mountPaymentWebhook, mountSandboxCheckout, mountTopUpReturnPage, paymentsMigrations, signSandboxWebhook } from './index';

const ORIGIN = 'http://localhost';
const WEBHOOK_SECRET = 'sandbox-webhook-secret-0123456789';
let database: TestDatabase;
const clock = new ManualClock('2026-07-01T10:00:00Z');
let credits: CreditsService;
let payments: ReturnType<typeof createPayments>;
const app = new Hono();
let n = 0;
const account = () => `acct_sbx_${Date.now().toString(36)}_${++n}`;

beforeAll(async () => {
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations, ...paymentsMigrations]);
  credits = new CreditsService(database.db, clock);
  payments = createPayments({ db: database.db, clock, credits, publicUrl: () => ORIGIN, config: { SANDBOX_PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  mountSandboxCheckout(app, { topUps: payments.topUps });
  mountTopUpReturnPage(app, { topUps: payments.topUps });
  mountPaymentWebhook(app, { topUps: payments.topUps });
});
afterAll(async () => database?.close());

/** Opens the checkout like a browser: returns the page, its CSRF token and cookie. */
async function openCheckout(checkoutUrl: string) {
  const res = await app.request(checkoutUrl);
  const body = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { status: res.status, body, token, cookie };
}

function submit(path: string, { token, cookie }: { token: string; cookie: string }, fields: Record<string, string> = {}, origin = ORIGIN) {
  return app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

describe('sandbox checkout page', () => {
  it('is clearly labelled, and paying twice at once credits the account once', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 2_500);
    const page = await openCheckout(topUp.checkoutUrl as string);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sandbox checkout');
    expect(page.body).toContain('No card is charged and no real money moves');
    expect(page.body).toContain('Sandbox: no real email, payment or person is involved.');
    expect(page.body).toContain('Pay $25.00');
    expect(page.body).toContain('>Cancel</button>');
    expect(page.token).toMatch(/^[0-9A-Za-z]{32}$/);
    // Both forms (Pay, Cancel) carry the one token the browser gets as its cookie.
    expect([...page.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1])).toEqual([page.token, page.token]);
    expect(page.cookie).toBe(`csrf_token=${page.token}`);

    const path = new URL(topUp.checkoutUrl as string).pathname;
    const [r1, r2] = await Promise.all([submit(`${path}/pay`, page, { saveCard: '1' }), submit(`${path}/pay`, page, { saveCard: '1' })]);
    for (const r of [r1, r2]) {
      expect(r.status).toBe(303);
      expect(r.headers.get('Location')).toBe(topUp.successUrl);
    }
    expect(await credits.getBalance(a)).toEqual({ availableCents: 2_500, reservedCents: 0 });
    expect((await credits.recentEntries(a)).map((e) => e.type)).toEqual(['TOP_UP']);
    expect(await payments.paymentMethods.hasPaymentMethod(a)).toBe(true);

    const after = await openCheckout(topUp.checkoutUrl as string);
    expect(after.body).toContain('Paid: $25.00 of sandbox credits were added');
    expect(after.body).not.toContain('Pay $25.00');
    const landing = await app.request(topUp.successUrl);
    expect(await landing.text()).toContain('Payment received: $25.00 of credits were added to the account.');
  });

  it('refuses a pay without a matching CSRF token or from another origin', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_000);
    const page = await openCheckout(topUp.checkoutUrl as string);
    const path = new URL(topUp.checkoutUrl as string).pathname;
    const forged = await submit(`${path}/pay`, { ...page, token: 'x'.repeat(32) });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Form expired');
    const crossSite = await submit(`${path}/pay`, page, {}, 'https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
    expect(await payments.paymentMethods.hasPaymentMethod(a)).toBe(false);
  });

  it('cancels, and then will not take the payment', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_000);
    const page = await openCheckout(topUp.checkoutUrl as string);
    const path = new URL(topUp.checkoutUrl as string).pathname;
    const canceled = await submit(`${path}/cancel`, page);
    expect(canceled.status).toBe(303);
    expect(canceled.headers.get('Location')).toBe(topUp.cancelUrl);
    expect((await payments.topUps.getTopUp(topUp.id)).status).toBe('CANCELED');
    const late = await submit(`${path}/pay`, page);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('This sandbox checkout is canceled');
    expect(await (await app.request(topUp.cancelUrl)).text()).toContain('This top-up is canceled; nothing was charged.');
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('shows an expired link as expired and will not pay it', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_000);
    const page = await openCheckout(topUp.checkoutUrl as string);
    clock.advance(hours(24));
    const path = new URL(topUp.checkoutUrl as string).pathname;
    expect((await submit(`${path}/pay`, page)).status).toBe(409);
    expect((await openCheckout(topUp.checkoutUrl as string)).body).toContain('This checkout is expired; nothing was charged.');
    expect((await app.request(`${ORIGIN}/sandbox/checkout/topup_nope`)).status).toBe(404);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('accepts signed sandbox webhooks like a provider would send them', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_700);
    const body = JSON.stringify({ id: 'evt_sbx_1', type: 'checkout.paid', data: { topUpId: topUp.id, providerRef: topUp.providerRef, amountCents: 1_700, currency: 'usd' } });
    const now = Math.floor(clock.now().getTime() / 1000);
    const send = (signature: string, raw = body) =>
      app.request(`${ORIGIN}/payments/webhooks/sandbox`, { method: 'POST', headers: { 'Sandbox-Signature': signature, 'Content-Type': 'application/json' }, body: raw });
    expect((await send(signSandboxWebhook('wrong-secret-0123456789', body, now))).status).toBe(400);
    expect((await send(signSandboxWebhook(WEBHOOK_SECRET, body, now - 400))).status).toBe(400);
    expect((await send(signSandboxWebhook(WEBHOOK_SECRET, body, now), body.replace('1700', '1701'))).status).toBe(400);
    const ok = await send(signSandboxWebhook(WEBHOOK_SECRET, body, now));
    expect(await ok.json()).toEqual({ received: true, handled: true, topUpId: topUp.id, status: 'COMPLETED', replayed: false });
    expect((await (await send(signSandboxWebhook(WEBHOOK_SECRET, body, now))).json()).replayed).toBe(true);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 1_700, reservedCents: 0 });
  });
});
