/**
 * @module The mail OpenTrain sends to humans. Plain text (no HTML, so agent-chosen names can never
 * inject markup); links are absolute, built from the public URL. The claim email deliberately
 * carries no user code: the code comes from the agent, which proves the human is talking to it.
 */
import type { MailMessage } from '@platform/kit';

/** Agent-chosen text in mail: one line, no control characters, bounded. */
export function plainLine(text: string, max = 120): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
}

export function claimMail(input: { to: string; agentName: string | null; organizationName: string | null; verificationUri: string; expiresAt: Date }): MailMessage {
  const agent = input.agentName ? `"${plainLine(input.agentName)}"` : 'An AI agent';
  const org = input.organizationName ? ` for the organization "${plainLine(input.organizationName, 200)}"` : '';
  return {
    to: input.to,
    subject: 'Claim your OpenTrain agent account',
    text: [
      `${agent} asked to connect its OpenTrain account${org} to you (${input.to}).`,
      '',
      'To claim it, open this link, sign in or create your account with this email address, and enter',
      'the 6-digit code your agent shows you:',
      '',
      input.verificationUri,
      '',
      `The link expires at ${input.expiresAt.toISOString()}. Claiming lets the agent hire AI trainers,`,
      'send messages and invite your team; money still moves only after you confirm each payment.',
      '',
      'If you did not expect this, ignore this email: nothing happens without the code.',
    ].join('\n'),
  };
}

export function signInMail(input: { to: string; link: string; newAccount: boolean; expiresAt: Date }): MailMessage {
  return {
    to: input.to,
    subject: input.newAccount ? 'Create your OpenTrain account' : 'Your OpenTrain sign-in link',
    text: [
      input.newAccount ? 'Open this link to create your OpenTrain account and sign in:' : 'Open this link to sign in to OpenTrain:',
      '',
      input.link,
      '',
      `The link works once and expires at ${input.expiresAt.toISOString()}.`,
      'If you did not ask for it, ignore this email.',
    ].join('\n'),
  };
}
