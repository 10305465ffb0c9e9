/**
 * @module What messaging needs from the domains before it (talent: proposals and freelancers; jobs),
 * as small structural interfaces, so this module builds and runs whatever those services add
 * beyond these fields. Missing services degrade gracefully: no proposals → pre-hire rooms cannot
 * be opened (404); no freelancer directory → names masked from `ot_users`, nobody is sandbox.
 */
import { ApiError } from '@platform/kit';
import type { BaseServices } from '../services';

/** The proposal fields messaging reads. `status` may be the raw enum or the API's `{raw, label}`. */
export interface ProposalRef {
  id: string;
  jobId: string;
  /** The employer organization that owns the job. */
  organizationId: string;
  freelancerUserId: string;
  status: string | { raw: string };
  sandbox?: boolean;
}

type MaybePromise<T> = T | Promise<T>;

export interface ProposalsPort {
  get(proposalId: string): MaybePromise<ProposalRef | null | undefined>;
}

export interface FreelancersPort {
  isSandbox(userId: string): MaybePromise<boolean>;
  maskedName(userId: string): MaybePromise<string | null | undefined>;
}

export interface JobsPort {
  get(jobId: string): MaybePromise<{ id: string; title: string | null } | null | undefined>;
}

export interface MessagingDeps extends BaseServices {
  proposals?: ProposalsPort;
  freelancers?: FreelancersPort;
  jobs?: JobsPort;
}

/** A lookup that answers "not found" by throwing a 404 reads as undefined here. */
export async function orUndefined<T>(lookup: () => MaybePromise<T | null | undefined>): Promise<T | undefined> {
  try {
    return (await lookup()) ?? undefined;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

export const proposalStatusOf = (p: ProposalRef): string => (typeof p.status === 'string' ? p.status : p.status.raw).toUpperCase();

/** [I] Proposals the employer turned down cannot be messaged; every other status can. */
export const NOT_READY_FOR_MESSAGING = ['DECLINED', 'NOT_A_FIT'] as const;
