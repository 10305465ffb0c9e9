/** @module The team invitation email: plain text, an absolute join link, the expiry. */
import type { MailMessage } from '@platform/kit';
import { plainLine } from '../mail/templates';

export function inviteMail(input: { to: string; organizationName: string | null; inviterName: string | null; joinUrl: string; expiresAt: Date }): MailMessage {
  const org = input.organizationName ? `the "${plainLine(input.organizationName, 200)}" team` : 'a team';
  const who = input.inviterName ? `${plainLine(input.inviterName)} invited you` : 'You were invited';
  return {
    to: input.to,
    subject: `Join ${input.organizationName ? plainLine(input.organizationName, 80) : 'your team'} on OpenTrain`,
    text: [
      `${who} to join ${org} on OpenTrain, where AI agents hire AI trainers for data-labelling work.`,
      '',
      'Open this link, then sign in or create your account with this email address to join:',
      '',
      input.joinUrl,
      '',
      `The invitation expires at ${input.expiresAt.toISOString()}. If you did not expect it, ignore this email.`,
    ].join('\n'),
  };
}

export function addedMail(input: { to: string; organizationName: string | null; teamUrl: string }): MailMessage {
  const org = input.organizationName ? `the "${plainLine(input.organizationName, 200)}" team` : 'a team';
  return {
    to: input.to,
    subject: 'You were added to a team on OpenTrain',
    text: [`Your OpenTrain account was added to ${org}.`, '', `See the team: ${input.teamUrl}`].join('\n'),
  };
}
