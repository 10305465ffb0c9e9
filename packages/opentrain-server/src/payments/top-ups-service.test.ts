import { ApiError, hours, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations } from '../credits/index';
import { createPayments, type PaymentAdapter, parseAmountUsd, paymentsMigrations, publicTopUp, SandboxPaymentAdapter } from './index';

let database: TestDatabase;
const clock = new ManualClock('2026-05-01T09:00:00Z');
let credits: CreditsService;
let payments: ReturnType<typeof createPayments>;
let n = 0;
const account = () => `acct_tu_${Date.now().toString(36)}_${++n}`;

beforeAll(async () => {
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations, ...paymentsMigrations]);
  credits = new CreditsService(database.db, clock);
  payments = createPayments({ db: database.db, clock, credits, publicUrl: () => 'http://127.0.0.1:3000' });
});
afterAll(async () => database?.close());

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('amountUsd', () => {
  it('turns dollars with up to two decimals into cents without float error', () => {
    expect(parseAmountUsd(10)).toBe(1_000);
    expect(parseAmountUsd(10.1)).toBe(1_010);
    expect(parseAmountUsd('25.5')).toBe(2_550);
    expect(parseAmountUsd(' 99.99 ')).toBe(9_999);
    expect(parseAmountUsd(10_000)).toBe(1_000_000);
    expect(parseAmountUsd(19.99)).toBe(1_999);
  });

  it('refuses out-of-range, over-precise and non-numeric amounts with a 400 naming amountUsd', () => {
    for (const bad of [9.99, 10_000.01, '10.005', 0.1 + 0.2, -10, 'ten', '', null, Number.NaN, Number.POSITIVE_INFINITY, '1e3', true]) {
      let err: unknown;
      try {
        parseAmountUsd(bad);
      } catch (e) {
        err = e;
      }
      expect(err, String(bad)).toMatchObject({ status: 400, details: { field: 'amountUsd' } });
    }
  });
});

describe('top-ups', () => {
  it('creates a pending sandbox checkout that expires 24 h later, flipped on read', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 2_500);
    expect(topUp).toMatchObject({ status: 'PENDING', amountCents: 2_500, sandbox: true, provider: 'sandbox', checkoutUrl: `http://127.0.0.1:3000/sandbox/checkout/${topUp.id}` });
    expect(topUp.expiresAt.getTime() - topUp.createdAt.getTime()).toBe(hours(24));
    expect(topUp.successUrl).toBe(`http://127.0.0.1:3000/payments/top-ups/${topUp.id}?outcome=success`);
    expect(publicTopUp(topUp)).toEqual({ id: topUp.id, status: 'PENDING', amountCents: 2_500, createdAt: topUp.createdAt.toISOString(), completedAt: null, expiresAt: topUp.expiresAt.toISOString(), sandbox: true });
    clock.advance(hours(24) - 1);
    expect((await payments.topUps.getTopUp(topUp.id)).status).toBe('PENDING');
    clock.advance(1);
    expect((await payments.topUps.getTopUp(topUp.id, { accountId: a })).status).toBe('EXPIRED');
    expect(await apiError(payments.topUps.getTopUp(topUp.id, { accountId: 'acct_other' }))).toMatchObject({ status: 404, details: { resource: 'credit-top-ups', topUpId: topUp.id } });
    expect(await apiError(payments.topUps.createTopUp(a, 999))).toMatchObject({ status: 400, details: { field: 'amountUsd' } });
    expect(await apiError(payments.topUps.createTopUp(a, 1_000_001))).toMatchObject({ status: 400, details: { field: 'amountUsd' } });
  });

  it('credits a paid top-up exactly once, however often and concurrently the payment is reported', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 5_000);
    const ref = { providerRef: topUp.providerRef as string, amountCents: 5_000, currency: 'usd' };
    const results = await Promise.all([1, 2, 3].map(() => payments.topUps.markPaid(topUp.id, ref)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry?.id)).size).toBe(1);
    expect(results[0].topUp).toMatchObject({ status: 'COMPLETED', completedAt: clock.now(), ledgerEntryId: results[0].entry?.id });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 5_000, reservedCents: 0 });
    const [entry] = await credits.recentEntries(a);
    expect(entry).toMatchObject({ type: 'TOP_UP', amountCents: 5_000, reference: topUp.id, idempotencyKey: `top-up:${topUp.id}`, memo: 'Sandbox top-up of $50.00' });
  });

  it('credits nothing when the payment does not match the checkout', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_500);
    expect((await apiError(payments.topUps.markPaid(topUp.id, { providerRef: 'sbx_cs_other' }))).details).toMatchObject({ reason: 'provider_ref_mismatch' });
    expect((await apiError(payments.topUps.markPaid(topUp.id, { providerRef: topUp.providerRef as string, amountCents: 1_499 }))).details).toMatchObject({ reason: 'amount_mismatch' });
    expect((await apiError(payments.topUps.markPaid(topUp.id, { providerRef: topUp.providerRef as string, currency: 'eur' }))).details).toMatchObject({ reason: 'currency_mismatch' });
    expect(await apiError(payments.topUps.markPaid('topup_missing', { providerRef: 'x' }))).toMatchObject({ status: 404 });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('still credits money a provider collected after the link expired', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_000);
    clock.advance(hours(25));
    expect((await payments.topUps.getTopUp(topUp.id)).status).toBe('EXPIRED');
    const paid = await payments.topUps.markPaid(topUp.id, { providerRef: topUp.providerRef as string });
    expect(paid.topUp.status).toBe('COMPLETED');
    expect(await credits.getBalance(a)).toEqual({ availableCents: 1_000, reservedCents: 0 });
  });

  it('lets the sandbox pay only a live checkout, and keeps the test card on file when asked', async () => {
    const a = account();
    const topUp = await payments.topUps.createTopUp(a, 1_200);
    expect(await payments.paymentMethods.hasPaymentMethod(a)).toBe(false);
    const paid = await payments.topUps.payInSandbox(topUp.id, { saveCard: true });
    expect(paid).toMatchObject({ replayed: false, topUp: { status: 'COMPLETED' } });
    expect(await payments.topUps.payInSandbox(topUp.id)).toMatchObject({ replayed: true });
    expect(await payments.paymentMethods.getPaymentMethod(a)).toMatchObject({ provider: 'sandbox', label: 'Sandbox test card •••• 4242' });
    expect((await apiError(payments.topUps.cancel(topUp.id))).details).toMatchObject({ reason: 'top_up_completed' });

    const canceled = await payments.topUps.createTopUp(a, 1_300);
    expect((await payments.topUps.cancel(canceled.id)).status).toBe('CANCELED');
    expect((await apiError(payments.topUps.payInSandbox(canceled.id))).details).toMatchObject({ reason: 'top_up_not_payable', status: 'CANCELED' });
    const stale = await payments.topUps.createTopUp(a, 1_400);
    clock.advance(hours(24));
    expect((await apiError(payments.topUps.payInSandbox(stale.id))).details).toMatchObject({ reason: 'top_up_not_payable', status: 'EXPIRED' });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 1_200, reservedCents: 0 });
    expect(await payments.paymentMethods.removePaymentMethod(a)).toBe(true);
    expect(await payments.paymentMethods.hasPaymentMethod(a)).toBe(false);
  });

  it('cancels the top-up and answers 503 when the provider cannot create a checkout', async () => {
    const failing: PaymentAdapter = {
      provider: 'stripe',
      sandbox: false,
      createCheckout: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      parseWebhook: async () => ({ ok: false, error: 'n/a' }),
    };
    const broken = createPayments({ db: database.db, clock, credits, publicUrl: () => 'http://x', adapter: failing });
    const a = account();
    const err = await apiError(broken.topUps.createTopUp(a, 2_000));
    expect(err).toMatchObject({ status: 503, details: { reason: 'payment_provider_unavailable' } });
    const [topUp] = await broken.topUps.listTopUps(a);
    expect(topUp).toMatchObject({ id: err.details?.topUpId, status: 'CANCELED', checkoutUrl: null });
  });

  it('builds checkout links from the public URL', async () => {
    const adapter = new SandboxPaymentAdapter({ publicUrl: () => 'https://opentrain.example', clock, webhookSecret: 'sandbox-secret-0123456789' });
    const checkout = await adapter.createCheckout({ topUpId: 'topup_1', amountCents: 1_000, successUrl: 's', cancelUrl: 'c' });
    expect(checkout.checkoutUrl).toBe('https://opentrain.example/sandbox/checkout/topup_1');
    expect(checkout.providerRef).toMatch(/^sbx_cs_[0-9A-Za-z]{24}$/);
  });
});
