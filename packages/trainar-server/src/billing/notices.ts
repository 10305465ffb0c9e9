/**
 * @module E-mail to the tenant's admins when money stops flowing: a subscription payment failed or
 * went past due (Stripe), or a failed charge turned auto top-up off. Queued as a kit job in the same
 * transaction that records the problem (a webhook is answered without waiting for SMTP, and a
 * rolled-back change mails nobody); the job's dedupe key is the provider event or top-up, so a
 * replayed webhook mails once. The Billing page URL is the next step in every mail.
 */
import { enqueueJob, type Job, type JobHandlers } from '@platform/kit';
import type { TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import type { TenantAdmins } from './ports';

export const NOTICE_JOB = 'billing.notice';

export type NoticeKind = 'payment_failed' | 'past_due' | 'auto_top_up_stopped';

export interface NoticePayload {
  tenant_id: string;
  kind: NoticeKind;
  /** What happened, in a sentence (amount, when Stripe retries, or why the charge failed). */
  detail: string;
}

const SUBJECTS: Record<NoticeKind, string> = {
  payment_failed: 'TrainAR: a subscription payment failed',
  past_due: 'TrainAR: your subscription is past due',
  auto_top_up_stopped: 'TrainAR: auto top-up was turned off',
};

/** In the caller's transaction; `dedupeKey` names what happened (a Stripe event or a top-up), so it mails once. */
export async function queueNotice(deps: ServiceDeps, trx: TrainArExecutor, payload: NoticePayload, dedupeKey: string): Promise<void> {
  await enqueueJob(trx, { kind: NOTICE_JOB, payload, dedupeKey: `${NOTICE_JOB}:${dedupeKey}` }, deps.clock);
}

export function noticeJobHandlers(deps: ServiceDeps, admins: TenantAdmins, billingPageUrl: () => string): JobHandlers {
  return {
    [NOTICE_JOB]: async (job: Job<NoticePayload>) => {
      const { tenant_id: tenantId, kind, detail } = job.payload;
      const to = await admins.activeAdmins(tenantId);
      // One mail per admin; a failure throws and the job retries (an admin may then get it twice, never none).
      for (const admin of to) {
        await deps.mailer.send({
          to: admin.email,
          subject: SUBJECTS[kind],
          text: [`Hello ${admin.fullName},`, '', detail, '', `What to do: open the Billing page and update the card there: ${billingPageUrl()}`].join('\n'),
        });
      }
    },
  };
}
