/**
 * @module Tells a real freelancer by email that an employer wrote: one mail per unread streak (the
 * outbox job's dedupe key carries the freelancer's read watermark, so the next mail is sent only
 * after they have read the conversation). Plain text, masked sender (the organization's name),
 * a link to the thread; sandbox freelancers get none.
 */
import type { Job, JobHandlers, Mailer, MailMessage } from '@platform/kit';
import { plainLine } from '../mail/templates';
import type { MessagingDb } from './schema';

export const NOTIFY_FREELANCER_JOB = 'messaging.notify_freelancer';

export interface NotifyPayload {
  conversationId: string;
}

export const notifyDedupeKey = (conversationId: string, freelancerReadSeq: number | string) => `notify-freelancer:${conversationId}:${freelancerReadSeq}`;

export function newMessageMail(input: { to: string; employer: string; excerpt: string; link: string }): MailMessage {
  const excerpt = plainLine(input.excerpt.replace(/\s+/g, ' '), 300);
  return {
    to: input.to,
    subject: `New message from ${plainLine(input.employer, 80)} on OpenTrain`,
    text: [
      `${plainLine(input.employer, 80)} sent you a message on OpenTrain:`,
      '',
      `  "${excerpt}${input.excerpt.length > 300 ? '…' : ''}"`,
      '',
      'Read and reply here:',
      input.link,
      '',
      'Keep contact details and payment on OpenTrain: that is what protects your earnings.',
    ].join('\n'),
  };
}

export function notificationHandlers(db: MessagingDb, mailer: Mailer, publicUrl: () => string): JobHandlers {
  return {
    [NOTIFY_FREELANCER_JOB]: async (job: Job<NotifyPayload>) => {
      const row = await db
        .selectFrom('ot_conversations as c')
        .innerJoin('ot_users as u', 'u.id', 'c.freelancer_user_id')
        .innerJoin('ot_organizations as o', 'o.id', 'c.organization_id')
        .leftJoin('ot_messages as m', 'm.id', 'c.last_message_id')
        .select(['c.id', 'c.sandbox', 'c.freelancer_read_seq', 'c.employer_last_seq', 'u.email', 'o.name', 'm.content', 'm.sender_side'])
        .where('c.id', '=', job.payload.conversationId)
        .executeTakeFirst();
      // Already read, or nothing from the employer to announce: no mail.
      if (!row || row.sandbox === true || Number(row.freelancer_read_seq) >= Number(row.employer_last_seq) || row.sender_side !== 'employer') return;
      await mailer.send(
        newMessageMail({
          to: row.email,
          employer: row.name ?? 'An OpenTrain employer',
          excerpt: row.content ?? '',
          link: `${publicUrl()}/freelancer/messages/${encodeURIComponent(row.id)}`,
        }),
      );
    },
  };
}
