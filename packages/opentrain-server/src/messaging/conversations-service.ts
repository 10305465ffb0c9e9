/**
 * @module Conversations: the pre-hire room per proposal (employer opens it, idempotently), the
 * post-hire job DM per contract (opened inside the hire transaction), read-only once the contract
 * ends, blocked by the freelancer. Participant checks live here: the employer side is the
 * organization, the freelancer side is one `ot_users` row.
 */
import { type Clock, conflict, forbidden, newId, notFound } from '@platform/kit';
import type { Kysely } from 'kysely';
import { type FreelancersPort, type JobsPort, NOT_READY_FOR_MESSAGING, orUndefined, type PeoplePort, type ProposalsPort, proposalStatusOf } from './ports';
import { asMessagingExecutor, type MessagingDb, type MessagingExecutor } from './schema';
import { type ConversationRow, maskName, type Viewer } from './views';

export interface ConversationsDeps {
  db: MessagingDb;
  clock: Clock;
  proposals: ProposalsPort;
  freelancers: FreelancersPort;
  jobs: JobsPort;
  users: PeoplePort;
}

export interface JobConversationInput {
  organizationId: string;
  jobId: string;
  contractId: string;
  proposalId: string | null;
  freelancerUserId: string;
}

export class ConversationsService {
  constructor(private readonly deps: ConversationsDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** POST /proposals/{id}/conversation: get-or-create the pre-hire room; only the job's organization opens it. */
  async startForProposal(auth: { organizationId: string; userId: string | null }, proposalId: string) {
    const proposal = await orUndefined(() => this.deps.proposals.get(proposalId));
    if (!proposal)
      throw notFound(`No proposal ${proposalId}.`, {
        resource: 'proposals',
        proposalId,
      });
    if (proposal.organizationId !== auth.organizationId) {
      if (auth.userId && auth.userId === proposal.freelancerUserId) {
        throw forbidden('Only the employer opens a pre-hire conversation; the candidate replies once the employer has written.', {
          reason: 'employer_first_message_required',
          proposalId,
        });
      }
      throw notFound(`No proposal ${proposalId}.`, {
        resource: 'proposals',
        proposalId,
      });
    }
    const status = proposalStatusOf(proposal);
    if ((NOT_READY_FOR_MESSAGING as readonly string[]).includes(status)) {
      throw conflict(`Proposal ${proposalId} is ${status}; declined proposals cannot be messaged.`, {
        reason: 'proposal_not_ready_for_messaging',
        proposalId,
        status,
      });
    }
    const now = this.deps.clock.now();
    const inserted = await this.db
      .insertInto('ot_conversations')
      .values({
        id: newId('conv', now),
        organization_id: proposal.organizationId,
        freelancer_user_id: proposal.freelancerUserId,
        bucket: 'proposal',
        job_id: proposal.jobId,
        proposal_id: proposal.id,
        contract_id: null,
        status: 'open',
        status_reason: null,
        channel_name: await this.channelName(proposal.freelancerUserId, proposal.jobId),
        sandbox: proposal.sandbox ?? (await this.isSandbox(proposal.freelancerUserId)),
        employer_first_message_at: null,
        employer_read_seq: 0,
        freelancer_read_seq: 0,
        employer_last_seq: 0,
        freelancer_last_seq: 0,
        last_message_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('proposal_id').where('bucket', '=', 'proposal').doNothing())
      .returning('id')
      .executeTakeFirst();
    const id =
      inserted?.id ??
      (await this.db.selectFrom('ot_conversations').select('id').where('bucket', '=', 'proposal').where('proposal_id', '=', proposal.id).executeTakeFirstOrThrow()).id;
    return {
      ok: true as const,
      conversationId: id,
      proposalId: proposal.id,
      jobId: proposal.jobId,
      created: inserted !== undefined,
    };
  }

  /**
   * The post-hire job DM for a contract, created in the caller's transaction (the hire confirm).
   * Idempotent per contract. Only `trx` is touched: on PGlite a query outside an open transaction waits for it.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
  async ensureJobConversation(trx: Kysely<any>, input: JobConversationInput): Promise<string> {
    const t = asMessagingExecutor(trx);
    const existing = await t.selectFrom('ot_conversations').select('id').where('bucket', '=', 'job').where('contract_id', '=', input.contractId).executeTakeFirst();
    if (existing) return existing.id;
    // The pre-hire room already knows the channel name and whether the freelancer is sandbox.
    const preHire = input.proposalId
      ? await t.selectFrom('ot_conversations').select(['channel_name', 'sandbox']).where('bucket', '=', 'proposal').where('proposal_id', '=', input.proposalId).executeTakeFirst()
      : undefined;
    const now = this.deps.clock.now();
    const inserted = await t
      .insertInto('ot_conversations')
      .values({
        id: newId('conv', now),
        organization_id: input.organizationId,
        freelancer_user_id: input.freelancerUserId,
        bucket: 'job',
        job_id: input.jobId,
        proposal_id: input.proposalId,
        contract_id: input.contractId,
        status: 'open',
        status_reason: null,
        channel_name: preHire?.channel_name ?? null,
        sandbox: preHire?.sandbox ?? null,
        employer_first_message_at: null,
        employer_read_seq: 0,
        freelancer_read_seq: 0,
        employer_last_seq: 0,
        freelancer_last_seq: 0,
        last_message_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('contract_id').where('bucket', '=', 'job').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const raced = await t.selectFrom('ot_conversations').select('id').where('bucket', '=', 'job').where('contract_id', '=', input.contractId).executeTakeFirstOrThrow();
    return raced.id;
  }

  /** The contract ended: its job DM keeps its history but takes no new messages (409 read_only_conversation). */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
  async markContractEnded(trx: Kysely<any>, contractId: string): Promise<void> {
    await asMessagingExecutor(trx)
      .updateTable('ot_conversations')
      .set({ status: 'read_only', status_reason: 'contract_ended' })
      .where('bucket', '=', 'job')
      .where('contract_id', '=', contractId)
      .execute();
  }

  /** The job DM of a contract, for other domains (contract views show `jobDmConversationId`). */
  async jobConversationId(contractId: string, exec: MessagingExecutor = this.db): Promise<string | null> {
    const row = await exec.selectFrom('ot_conversations').select('id').where('bucket', '=', 'job').where('contract_id', '=', contractId).executeTakeFirst();
    return row?.id ?? null;
  }

  /** A conversation the viewer takes part in: 404 when it does not exist or is someone else's. */
  async forViewer(viewer: Viewer, conversationId: string, exec: MessagingExecutor = this.db): Promise<ConversationRow> {
    const row = await exec.selectFrom('ot_conversations').selectAll().where('id', '=', conversationId).executeTakeFirst();
    if (!row)
      throw notFound(`No conversation ${conversationId}.`, {
        resource: 'conversations',
        conversationId,
      });
    const participant = viewer.side === 'employer' ? row.organization_id === viewer.organizationId : row.freelancer_user_id === viewer.userId;
    // Someone else's conversation reads exactly like a missing one (a 403 would confirm the id exists).
    if (!participant)
      throw notFound(`No conversation ${conversationId}.`, {
        resource: 'conversations',
        conversationId,
      });
    return this.resolve(row);
  }

  /** The freelancer blocks (or unblocks) an employer's conversation: the employer then gets 409 message_blocked. */
  async setBlocked(freelancerUserId: string, conversationId: string, blocked: boolean): Promise<ConversationRow> {
    const row = await this.forViewer({ side: 'freelancer', userId: freelancerUserId }, conversationId);
    if (blocked && row.status === 'open') {
      await this.db
        .updateTable('ot_conversations')
        .set({ status: 'blocked', status_reason: 'blocked_by_freelancer' })
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .execute();
    }
    if (!blocked && row.status === 'blocked') {
      await this.db.updateTable('ot_conversations').set({ status: 'open', status_reason: null }).where('id', '=', row.id).where('status', '=', 'blocked').execute();
    }
    return this.forViewer({ side: 'freelancer', userId: freelancerUserId }, conversationId);
  }

  /** Fills what a job DM could not learn inside the hire transaction (channel name, sandbox) and stores it. */
  async resolve(row: ConversationRow): Promise<ConversationRow> {
    if (row.channel_name !== null && row.sandbox !== null) return row;
    const channel_name = row.channel_name ?? (await this.channelName(row.freelancer_user_id, row.job_id));
    const sandbox = row.sandbox ?? (await this.isSandbox(row.freelancer_user_id));
    await this.db.updateTable('ot_conversations').set({ channel_name, sandbox }).where('id', '=', row.id).execute();
    return { ...row, channel_name, sandbox };
  }

  async resolveAll(rows: ConversationRow[]): Promise<ConversationRow[]> {
    const out: ConversationRow[] = [];
    for (const row of rows) out.push(await this.resolve(row));
    return out;
  }

  async isSandbox(freelancerUserId: string): Promise<boolean> {
    return (await this.deps.freelancers.isSandbox(freelancerUserId)) === true;
  }

  /** "Maria G. · Job title" (masked name from the talent directory, else from the user's own name). */
  private async channelName(freelancerUserId: string, jobId: string): Promise<string> {
    let name = await orUndefined(() => this.deps.freelancers.maskedName(freelancerUserId));
    if (!name) {
      const user = await this.deps.users.findById(freelancerUserId);
      name = maskName(user?.first_name ?? null, user?.last_name ?? null);
    }
    const job = await orUndefined(() => this.deps.jobs.get(jobId));
    return job?.title ? `${name} · ${job.title}` : name;
  }
}
