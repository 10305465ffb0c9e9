/**
 * Minutes and billing through the real app and database: welcome minutes, a 12.5-minute session,
 * the bounded-negative exhaustion policy, a subscription bought on the sandbox checkout page,
 * plan/seat changes, currency lock, renewal, cancellation at period end and auto top-up on the
 * ManualClock, and concurrent sessions draining the pool (PostgreSQL when TEST_DATABASE_URL is set).
 */
import { ManualClock } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TrainArHarness } from '../testing/index';
import { WebClient } from '../testing/web-client';

let h: TrainArHarness;
const clock = new ManualClock('2026-03-10T09:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(() => h?.close());

async function keyFor(tenantId: string) {
  return (await h.createKey(tenantId, ['manage:billing'])).key;
}

/** Creates a subscription over REST and pays it on the sandbox checkout page, as a person would. */
async function subscribe(key: string, seats = 4, plan = 'professional') {
  const created = await h.call('POST', '/v1/api-tenant-billing-subscription', { key, body: { package_id: plan, seats } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const web = new WebClient(h.url);
  const page = await web.get(new URL(created.body.checkout_url).pathname);
  expect(page.text).toContain('Sandbox payment');
  const paid = await web.post(`${new URL(created.body.checkout_url).pathname}/pay`, {});
  expect(paid.status).toBe(303);
  expect((await web.get(paid.location as string)).text).toContain('Your subscription is active');
  return created.body;
}

describe('minute pool', () => {
  it('gives a new tenant 30 welcome minutes, and a 12.5-minute session takes exactly 12.5', async () => {
    const t = await h.createTenant();
    const key = await keyFor(t.tenantId);
    expect((await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body).toMatchObject({ remaining: 30, included: 0, purchased: 30, used_this_period: 0, action: 'continue' });
    const sessionId = crypto.randomUUID();
    const used = await h.services.billing.pool.recordUsage(t.tenantId, sessionId, 12.5, { userId: t.adminId });
    expect(used).toMatchObject({ charged: 12.5, unbilled: 0, remaining: 17.5, action: 'continue' });
    const balance = (await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body;
    expect(balance).toMatchObject({ remaining: 17.5, purchased: 17.5, used_this_period: 12.5 });
    const list = (await h.call('GET', '/v1/api-tenant-minute-transactions', { key })).body;
    expect(list.transactions.map((x: { type: string; minutes: number; balance_after: number }) => [x.type, x.minutes, x.balance_after])).toEqual([
      ['usage', -12.5, 17.5],
      ['welcome', 30, 30],
    ]);
    expect(list.transactions[0]).toMatchObject({ session_id: sessionId, user_id: t.adminId });
  });

  it('warns under 10 minutes, then allows a bounded negative of 5 and stops; the rest is unbilled', async () => {
    const t = await h.createTenant();
    await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 22);
    expect(await h.services.billing.pool.checkAllowance(t.tenantId)).toEqual({ remaining: 8, action: 'warn' });
    const over = await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 20);
    expect(over).toMatchObject({ charged: 13, unbilled: 7, remaining: -5, action: 'stop' });
    const again = await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 1.25);
    expect(again).toMatchObject({ charged: 0, unbilled: 1.25, remaining: -5, action: 'stop' });
    await expect(h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 0)).rejects.toThrow(/positive/);
  });

  it('never double-spends when many sessions drain the pool at once', async () => {
    const t = await h.createTenant();
    const results = await Promise.all(Array.from({ length: 16 }, () => h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 2.5)));
    const charged = results.reduce((sum, r) => sum + r.charged, 0);
    expect(charged).toBe(35); // 30 welcome + the 5-minute overdraft, not a minute more
    expect(results.reduce((sum, r) => sum + r.unbilled, 0)).toBe(5);
    const balance = await h.services.billing.getBalance(t.tenantId);
    expect(balance.remaining).toBe(-5);
    const ledger = await h.services.billing.listTransactions(t.tenantId, { limit: 100, offset: 0, type: 'usage' });
    // Each usage row's balance_after is distinct: the rows were written one after another.
    expect(new Set(ledger.transactions.filter((x) => x.minutes !== 0).map((x) => x.balance_after)).size).toBe(ledger.transactions.filter((x) => x.minutes !== 0).length);
  });
});

describe('subscription', () => {
  it('starts through the sandbox checkout, sets seats and included minutes, and locks the currency', async () => {
    const t = await h.createTenant();
    const key = await keyFor(t.tenantId);
    expect(await h.services.billing.seatLimit(t.tenantId)).toEqual({ seatLimit: 1, plan: 'trial' });
    const pending = await h.call('POST', '/v1/api-tenant-billing-subscription', { key, body: { package_id: 'professional', seats: 4 } });
    expect(pending.body).toMatchObject({ amount_cents: 39600, currency: 'gbp', sandbox: true });
    expect((await h.call('GET', '/v1/api-tenant-billing-subscription', { key })).body).toMatchObject({ status: 'trial', seats: 1, pending_checkout: { id: pending.body.checkout_id } });
    await subscribe(key);
    const sub = (await h.call('GET', '/v1/api-tenant-billing-subscription', { key })).body;
    expect(sub).toMatchObject({ status: 'active', plan: { id: 'professional', name: 'Professional Plan', minutes_per_seat: 700 }, seats: 4, included_minutes_per_period: 2800, currency: 'gbp', cancel_at_period_end: false });
    expect(await h.services.billing.seatLimit(t.tenantId)).toEqual({ seatLimit: 4, plan: 'professional' });
    expect((await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body).toMatchObject({ remaining: 2830, included: 2800, purchased: 30 });
    const again = await h.call('POST', '/v1/api-tenant-billing-subscription', { key, body: { package_id: 'starter', seats: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('update_subscription');
    const currency = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { billing_details: { currency: 'usd' } } });
    expect(currency.status).toBe(409);
    expect(currency.body.message).toContain('billing_details.currency');
    const details = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { billing_details: { tax_id: 'GB123456789', address: { city: 'Leeds', country: 'GB' } } } });
    expect(details.status).toBe(200);
    expect((await h.call('GET', '/v1/api-tenant-billing-details', { key })).body).toMatchObject({ currency: 'gbp', currency_locked: true, tax_id: 'GB123456789', address: { city: 'Leeds', country: 'GB' }, payment_provider: 'sandbox' });
    const bad = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { billing_details: { address: { country: 'England' } } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('country');
  });

  it('changes seats and plan (included minutes follow), renews on the clock, and ends at period end after cancel', async () => {
    const t = await h.createTenant();
    const key = await keyFor(t.tenantId);
    await subscribe(key, 2, 'starter'); // 600 included
    await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 100.75);
    const more = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { seats: 3 } });
    expect(more.body).toMatchObject({ seats: 3, included_minutes_per_period: 900 });
    expect((await h.services.billing.getBalance(t.tenantId)).included).toBe(799.25);
    const end = new Date(more.body.period_end).getTime();

    clock.set(end + DAY);
    const renewed = await h.services.billing.getBalance(t.tenantId);
    expect(renewed).toMatchObject({ included: 900, purchased: 30, used_this_period: 0 });
    expect(new Date(renewed.period_start as string).getTime()).toBe(end);
    const renewal = await h.services.billing.listTransactions(t.tenantId, { limit: 1, offset: 0, type: 'renewal' });
    expect(renewal.transactions[0]).toMatchObject({ minutes: 100.75, balance_after: 930 });

    const cancel = await h.call('POST', '/v1/api-tenant-billing-subscription-cancel', { key, body: {} });
    expect(cancel.body).toMatchObject({ status: 'active', cancel_at_period_end: true });
    const reactivated = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { cancel_at_period_end: false } });
    expect(reactivated.body.cancel_at_period_end).toBe(false);
    await h.call('POST', '/v1/api-tenant-billing-subscription-cancel', { key, body: { at_period_end: true } });
    clock.set(new Date(renewed.period_end as string).getTime() + 1000);
    expect((await h.call('GET', '/v1/api-tenant-billing-subscription', { key })).body).toMatchObject({ status: 'canceled', plan: null, seats: 1 });
    expect(await h.services.billing.getBalance(t.tenantId)).toMatchObject({ remaining: 30, included: 0, purchased: 30 });
    expect(await h.services.billing.seatLimit(t.tenantId)).toEqual({ seatLimit: 1, plan: 'canceled' });
    const change = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { seats: 5 } });
    expect(change.status).toBe(409);
    expect(change.body.message).toContain('create_subscription');
  });
});

describe('seats bounded by the subscription', () => {
  it('lets add_seat use the seats paid for, raises the limit with update_subscription, and refuses going below the seats in use', async () => {
    const t = await h.createTenant();
    const key = (await h.createKey(t.tenantId, ['manage:billing', 'manage:users', 'read:users'])).key;
    const addSeat = () => h.call('POST', '/v1/api-tenant-seats', { key, body: { roles: ['trainee'] } });
    expect((await h.call('GET', '/v1/api-tenant-seats', { key })).body).toMatchObject({ total: 1, seat_limit: 1, plan: 'trial' });
    expect((await addSeat()).status).toBe(409);
    await subscribe(key, 2, 'starter');
    expect((await h.call('GET', '/v1/api-tenant-seats', { key })).body).toMatchObject({ seat_limit: 2, plan: 'starter' });
    expect((await addSeat()).status).toBe(201);
    const full = await addSeat();
    expect(full.status).toBe(409);
    expect(full.body.message).toContain('All 2 seat(s) of your starter plan are in use');

    const down = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { seats: 1 } });
    expect(down.status).toBe(409);
    expect(down.body).toMatchObject({ details: { field: 'seats', seats_in_use: 2, next: 'remove_seat' } });
    expect((await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { seats: 3 } })).body).toMatchObject({ seats: 3 });
    expect((await addSeat()).status).toBe(201);
    expect((await h.call('GET', '/v1/api-tenant-seats', { key })).body).toMatchObject({ total: 3, seat_limit: 3 });
  });
});

describe('packs and auto top-up', () => {
  it('adds a bought pack to the purchased pool once, however often the page is submitted', async () => {
    const t = await h.createTenant();
    const key = await keyFor(t.tenantId);
    const pack = await h.call('POST', '/v1/api-tenant-minute-packs', { key, body: { pack_id: 'pack_500' } });
    expect(pack.body).toMatchObject({ amount_cents: 11000, currency: 'gbp' });
    const web = new WebClient(h.url);
    const path = new URL(pack.body.checkout_url).pathname;
    await web.get(path);
    expect((await web.post(`${path}/pay`, {})).status).toBe(303);
    expect((await web.post(`${path}/pay`, {})).status).toBe(303);
    expect(await h.services.billing.getBalance(t.tenantId)).toMatchObject({ remaining: 530, purchased: 530 });
    expect((await web.post(`${path}/pay`, {}, { csrf: false })).status).toBe(403);
  });

  it('buys the chosen pack when a session takes the balance under the threshold', async () => {
    const t = await h.createTenant();
    const key = await keyFor(t.tenantId);
    const on = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { auto_top_up: { enabled: true, threshold_minutes: 20, pack_id: 'pack_100' } } });
    expect(on.status).toBe(200);
    const first = await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 5);
    expect(first).toMatchObject({ remaining: 25, autoToppedUp: false });
    const second = await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 7.5);
    expect(second).toMatchObject({ remaining: 117.5, autoToppedUp: true });
    const tx = (await h.call('GET', '/v1/api-tenant-minute-transactions', { key, query: { type: 'auto_topup' } })).body;
    expect(tx.transactions).toMatchObject([{ minutes: 100, balance_after: 117.5, pool: 'purchased' }]);
    expect((await h.call('GET', '/v1/api-tenant-billing-details', { key })).body).toMatchObject({ currency_locked: true, auto_top_up: { enabled: true, threshold_minutes: 20, pack_id: 'pack_100' } });
  });
});
