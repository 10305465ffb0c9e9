/**
 * @module What messaging needs from the modules before it (accounts, talent, jobs), as small
 * structural interfaces: the composition root passes talent's and jobs' services, which satisfy
 * them. All are required; a lookup that answers 404 reads as "not there" (see `orUndefined`).
 */
import { ApiError } from '@platform/kit';
import type { UsersService } from '../accounts';
import type { FreelancerFrame, FreelancerProfile } from '../talent';

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
  /** The freelancer pages' frame shows the profile's masked name. */
  getProfile(userId: string): Promise<FreelancerProfile | undefined>;
}

/** Names for people without a freelancer profile; the freelancer pages' signed-in user. */
export type PeoplePort = Pick<UsersService, 'findById'>;

/** The employer's organization name on the freelancer's message pages. */
export interface OrganizationsPort {
  get(organizationId: string): Promise<{ name: string | null } | undefined>;
}

export interface JobsPort {
  get(jobId: string): MaybePromise<{ id: string; title: string | null } | null | undefined>;
}

export interface MessagingPorts {
  proposals: ProposalsPort;
  freelancers: FreelancersPort;
  jobs: JobsPort;
  users: PeoplePort;
  organizations: OrganizationsPort;
  /** The freelancer pages' frame (navigation, masked name, sandbox banner). */
  freelancerFrame: FreelancerFrame;
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
