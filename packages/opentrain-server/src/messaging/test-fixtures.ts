/**
 * @module Test setup for messaging: a claimed employer agent, a freelancer user (a real `ot_users`
 * row made by the users service), and job DMs opened through `ensureJobConversation` exactly as
 * the money domain does inside its hire transaction.
 */
import { newId } from '@platform/kit';
import type { Harness } from '../testing/harness';
import { uniqueEmail } from '../testing/harness';

export interface Employer {
  token: string;
  organizationId: string;
  userId: string;
}

export async function claimedEmployer(h: Harness, name = 'Messaging agent'): Promise<Employer> {
  const { token } = await h.claimedAgent(name);
  const me = await h.api('/auth/me', { token });
  if (me.status !== 200) throw new Error(`auth/me failed: ${me.status}`);
  return {
    token,
    organizationId: me.body.account.organizationId,
    userId: me.body.actor.userId,
  };
}

export async function freelancerUser(h: Harness, firstName = 'Maria', lastName = 'Garcia') {
  const email = uniqueEmail('freelancer');
  const { user } = await h.services.users.findOrCreate(h.services.db, {
    email,
    firstName,
    lastName,
  });
  return { email, userId: user.id };
}

/** A post-hire job DM, created the way the hire confirmation does (in a transaction). */
export async function jobConversation(
  h: Harness,
  employer: Employer,
  freelancerUserId: string,
  options: {
    jobId?: string;
    contractId?: string;
    proposalId?: string | null;
  } = {},
) {
  const contractId = options.contractId ?? newId('ctr');
  const jobId = options.jobId ?? newId('job');
  const conversationId = await h.services.db.transaction().execute((trx) =>
    h.services.messaging.ensureJobConversation(trx, {
      organizationId: employer.organizationId,
      jobId,
      contractId,
      proposalId: options.proposalId ?? null,
      freelancerUserId,
    }),
  );
  return { conversationId, contractId, jobId };
}

export const send = (h: Harness, token: string, conversationId: string, content: string) =>
  h.api('/messages', {
    method: 'POST',
    token,
    body: { conversationId, content },
  });
