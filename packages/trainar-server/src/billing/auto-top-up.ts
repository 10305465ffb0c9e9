/**
 * @module Auto top-up with a real payment provider (Stripe), spec 2.11: "buy pack P when the balance
 * drops below a threshold". A usage that leaves the pool under the threshold records one pending
 * `billing_auto_top_ups` row and a kit job, in the usage transaction; no minutes move yet (no money
 * has). The job charges the tenant's saved card off-session with an idempotency key derived from the
 * row id, so a retried job never charges twice; only a successful charge credits the pack
 * (`auto_topup` ledger row, `stripe_ref` = the PaymentIntent), in one transaction with the row
 * turning `succeeded`. A refused charge marks the row `failed` and turns auto top-up off with the
 * reason (shown as `auto_top_up_stopped` and on the Billing page) so it does not loop.
 * The sandbox keeps crediting in the usage transaction (pool.ts).
 */
import { describeError, enqueueJob, type Job, type JobContext, type JobHandlers } from '@platform/kit';
import type { AutoTopUpFailure, BillingAutoTopUpsTable, TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { queueNotice } from './notices';
import type { BillingPaymentAdapter } from './payments';
import type { AccountRow, MinutesPool, Pack } from './pool';

export const AUTO_TOP_UP_JOB = 'billing.auto_top_up';

export interface AutoTopUpPayload {
  tenant_id: string;
  top_up_id: string;
}

/** The same key on every attempt: Stripe answers a retry with the first PaymentIntent instead of charging again. */
export const autoTopUpIdempotencyKey = (topUpId: string) => `trainar-auto-top-up-${topUpId}`;

/**
 * In the usage transaction, with the tenant's billing row locked (so the check below cannot race):
 * one pending charge per tenant at most (also a partial unique index). Returns whether one was queued.
 */
export async function queueAutoTopUp(deps: ServiceDeps, trx: TrainArExecutor, row: AccountRow, pack: Pack): Promise<boolean> {
  const pending = await trx.selectFrom('billing_auto_top_ups').select('id').where('tenant_id', '=', row.tenant_id).where('status', '=', 'pending').executeTakeFirst();
  if (pending) return false;
  const id = crypto.randomUUID();
  await trx
    .insertInto('billing_auto_top_ups')
    .values({
      id,
      tenant_id: row.tenant_id,
      pack_id: pack.id,
      minutes: pack.minutes,
      amount_cents: pack.price_cents,
      currency: row.currency ?? 'gbp',
      status: 'pending',
      payment_intent_id: null,
      failure_reason: null,
      failure_message: null,
      created_at: deps.clock.now(),
      completed_at: null,
    })
    .execute();
  const payload: AutoTopUpPayload = { tenant_id: row.tenant_id, top_up_id: id };
  await enqueueJob(trx, { kind: AUTO_TOP_UP_JOB, payload, dedupeKey: `${AUTO_TOP_UP_JOB}:${id}` }, deps.clock);
  return true;
}

type ChargeOutcome = { ok: true; paymentIntentId: string } | { ok: false; reason: AutoTopUpFailure | 'canceled'; message: string; paymentIntentId: string | null };

export function autoTopUpJobHandlers(deps: ServiceDeps, pool: MinutesPool, adapter: BillingPaymentAdapter): JobHandlers {
  return {
    [AUTO_TOP_UP_JOB]: async (job: Job<AutoTopUpPayload>, ctx: JobContext) => {
      const { tenant_id: tenantId, top_up_id: id } = job.payload;
      const topUp = await deps.db.selectFrom('billing_auto_top_ups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      if (topUp?.status !== 'pending') return; // finished by an earlier run
      const outcome = await charge(deps, adapter, job, topUp);
      await settle(deps, pool, ctx, topUp, outcome);
    },
  };
}

async function charge(deps: ServiceDeps, adapter: BillingPaymentAdapter, job: Job<AutoTopUpPayload>, topUp: BillingAutoTopUpsTable): Promise<ChargeOutcome> {
  const account = await deps.db.selectFrom('billing_accounts').select(['provider_customer_id', 'auto_top_up_enabled']).where('tenant_id', '=', topUp.tenant_id).executeTakeFirst();
  // Turned off after this charge was queued: the person no longer wants it, so nothing is charged.
  if (!account?.auto_top_up_enabled) return { ok: false, reason: 'canceled', message: 'Auto top-up was turned off before the charge was made.', paymentIntentId: null };
  if (!account.provider_customer_id) return { ok: false, reason: 'no_saved_card', message: 'No Stripe customer is known for this tenant: buy a pack through Stripe Checkout to save a card.', paymentIntentId: null };
  try {
    const result = await adapter.chargeSavedCard({
      customerId: account.provider_customer_id,
      amountCents: topUp.amount_cents,
      currency: topUp.currency,
      description: `TrainAR auto top-up: ${Number(topUp.minutes)} minutes (${topUp.pack_id})`,
      idempotencyKey: autoTopUpIdempotencyKey(topUp.id),
      metadata: { reference: topUp.id, kind: 'auto_top_up', tenant_id: topUp.tenant_id, pack_id: topUp.pack_id },
    });
    return result.ok ? { ok: true, paymentIntentId: result.paymentIntentId } : result;
  } catch (err) {
    // Network or API error: the kit retries with backoff, and the same idempotency key keeps it one charge.
    if (job.attempt < job.maxAttempts) throw err;
    // Out of attempts: stop (the pending row would otherwise block every later top-up). Whether Stripe
    // took the money is unknown, so say where to look before enabling again.
    return {
      ok: false,
      reason: 'provider_error',
      message: `Stripe could not be reached after ${job.attempt} attempts (${describeError(err)}); no minutes were added. Check the Stripe dashboard for a payment with reference ${topUp.id} before enabling auto top-up again.`,
      paymentIntentId: null,
    };
  }
}

/**
 * The charge's result, once: the billing row is locked first (the usage transaction's order, so the
 * two cannot deadlock), then the top-up row; a row no longer pending (a replay) changes nothing.
 * The job completes in the same transaction.
 */
async function settle(deps: ServiceDeps, pool: MinutesPool, ctx: JobContext, topUp: BillingAutoTopUpsTable, outcome: ChargeOutcome): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    let row = await pool.lock(trx, topUp.tenant_id);
    const current = await trx.selectFrom('billing_auto_top_ups').selectAll().where('id', '=', topUp.id).forUpdate().executeTakeFirst();
    if (current?.status === 'pending') {
      const now = deps.clock.now();
      if (outcome.ok) {
        await trx.updateTable('billing_auto_top_ups').set({ status: 'succeeded', payment_intent_id: outcome.paymentIntentId, completed_at: now }).where('id', '=', current.id).execute();
        if (!row.currency_locked) row = await pool.update(trx, row, { currency: current.currency, currency_locked: true });
        await pool.credit(trx, row, { type: 'auto_topup', minutes: Number(current.minutes), pool: 'purchased', ref: outcome.paymentIntentId });
      } else {
        await trx
          .updateTable('billing_auto_top_ups')
          .set({ status: 'failed', failure_reason: outcome.reason, failure_message: outcome.message.slice(0, 1000), payment_intent_id: outcome.paymentIntentId, completed_at: now })
          .where('id', '=', current.id)
          .execute();
        // Off, so the next usage does not try the same card again; the reason stays visible until re-enabled.
        if (outcome.reason !== 'canceled') {
          await pool.update(trx, row, { auto_top_up_enabled: false, auto_top_up_stopped_reason: outcome.reason, auto_top_up_stopped_message: outcome.message.slice(0, 1000), auto_top_up_stopped_at: now });
          const detail = `Auto top-up was turned off: the ${Number(current.minutes)}-minute pack could not be charged (${outcome.message}). No minutes were added; turn auto top-up on again once the card is updated.`;
          await queueNotice(deps, trx, { tenant_id: row.tenant_id, kind: 'auto_top_up_stopped', detail }, `auto-top-up:${current.id}`);
        }
      }
    }
    await ctx.completeIn(trx);
  });
}

export interface LateCharge {
  topUpId: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
}

/**
 * Stripe's payment_intent.succeeded for an auto top-up charge: the backstop for a charge Stripe took
 * after the job gave up (`provider_error`: the network failed on every attempt), and a no-op for one
 * the job already settled. Credits the pack once (the row turns `succeeded` in the same transaction)
 * and takes away the stop notice that said no minutes were added; auto top-up stays off until a
 * person turns it on. A charge that does not match the row (amount, currency) is left for a person.
 */
export async function creditLateAutoTopUp(deps: ServiceDeps, pool: MinutesPool, charge: LateCharge): Promise<'applied' | 'unchanged' | 'unknown'> {
  const found = await deps.db.selectFrom('billing_auto_top_ups').select('tenant_id').where('id', '=', charge.topUpId).executeTakeFirst();
  if (!found) return 'unknown';
  return deps.db.transaction().execute(async (trx) => {
    let row = await pool.lock(trx, found.tenant_id);
    const topUp = await trx.selectFrom('billing_auto_top_ups').selectAll().where('id', '=', charge.topUpId).forUpdate().executeTakeFirstOrThrow();
    if (topUp.status === 'succeeded') return 'unchanged';
    if (topUp.amount_cents !== charge.amountCents || topUp.currency !== charge.currency.toLowerCase()) {
      deps.logger.warn({ topUpId: topUp.id, paymentIntentId: charge.paymentIntentId }, 'auto top-up charge does not match its row; not credited');
      return 'unchanged';
    }
    const now = deps.clock.now();
    await trx
      .updateTable('billing_auto_top_ups')
      .set({ status: 'succeeded', payment_intent_id: charge.paymentIntentId, completed_at: now, failure_reason: null, failure_message: null })
      .where('id', '=', topUp.id)
      .execute();
    if (!row.currency_locked) row = await pool.update(trx, row, { currency: topUp.currency, currency_locked: true });
    if (row.auto_top_up_stopped_reason === 'provider_error') row = await pool.update(trx, row, { auto_top_up_stopped_reason: null, auto_top_up_stopped_message: null, auto_top_up_stopped_at: null });
    await pool.credit(trx, row, { type: 'auto_topup', minutes: Number(topUp.minutes), pool: 'purchased', ref: charge.paymentIntentId });
    return 'applied';
  });
}
