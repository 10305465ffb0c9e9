/**
 * @module The AI interview of a proposal: the interviewer asks the questions planned from the job's
 * requirements one at a time; when the last is answered the rubric scores the answers (0–100) and
 * writes a summary. The transcript leaves the server scrubbed of contact details.
 */
import type { InterviewView } from '@opentrain/api';
import { type Clock, badRequest, conflict, newId, notFound } from '@platform/kit';
import type { TalentDb, TalentExecutor } from './db';
import { jsonb } from './db';
import { scoreInterview } from './interview-rubric';
import { iso } from '../platform/db';
import { scrubContactDetails } from './privacy';
import type { InterviewQuestionPlan } from './schema';

export const MAX_ANSWER_CHARS = 5000;
export const CLOSING_MESSAGE = 'Thank you, that is all my questions. The employer will see a summary of this interview.';

export class InterviewsService {
  constructor(
    private readonly db: TalentDb,
    private readonly clock: Clock,
  ) {}

  /** Stores the plan and asks the first question (inside the caller's transaction). */
  async start(trx: TalentExecutor, proposalId: string, plan: InterviewQuestionPlan[]): Promise<void> {
    await trx
      .updateTable('ot_proposals')
      .set({ interview_plan: jsonb(plan), interview_status: 'in_progress' })
      .where('id', '=', proposalId)
      .execute();
    await this.say(trx, proposalId, 'interviewer', plan[0].key, plan[0].question);
  }

  /** The question the candidate has to answer next, or null when the interview is over. */
  async currentQuestion(exec: TalentExecutor, proposalId: string): Promise<InterviewQuestionPlan | null> {
    const proposal = await exec.selectFrom('ot_proposals').select(['interview_plan', 'interview_status']).where('id', '=', proposalId).executeTakeFirst();
    if (proposal?.interview_status !== 'in_progress') return null;
    const answered = await this.answeredKeys(exec, proposalId);
    return proposal.interview_plan.find((q) => !answered.has(q.key)) ?? null;
  }

  /** The freelancer answers the current question; the next one is asked, or the interview is scored. */
  async answer(freelancerUserId: string, proposalId: string, text: string): Promise<{ completed: boolean }> {
    const answer = text.trim();
    if (!answer)
      throw badRequest('answer: write an answer before sending.', {
        field: 'answer',
      });
    if (answer.length > MAX_ANSWER_CHARS)
      throw badRequest(`answer: at most ${MAX_ANSWER_CHARS} characters.`, {
        field: 'answer',
      });
    return this.db.transaction().execute(async (trx) => {
      const proposal = await trx.selectFrom('ot_proposals').select(['id', 'interview_status']).where('id', '=', proposalId).where('freelancer_user_id', '=', freelancerUserId).forUpdate().executeTakeFirst();
      if (!proposal)
        throw notFound('No such proposal.', {
          resource: 'proposals',
          proposalId,
        });
      if (proposal.interview_status !== 'in_progress')
        throw conflict('This interview is not in progress.', {
          reason: 'interview_not_in_progress',
          proposalId,
        });
      return this.record(trx, proposalId, answer);
    });
  }

  /** Answers every remaining question in order (the sandbox simulator), inside the caller's transaction. */
  async answerAll(trx: TalentExecutor, proposalId: string, answerFor: (q: InterviewQuestionPlan) => string): Promise<void> {
    for (;;) {
      const question = await this.currentQuestion(trx, proposalId);
      if (!question) return;
      await this.record(trx, proposalId, answerFor(question));
    }
  }

  private async record(trx: TalentExecutor, proposalId: string, answer: string): Promise<{ completed: boolean }> {
    const question = await this.currentQuestion(trx, proposalId);
    if (!question)
      throw conflict('This interview is not in progress.', {
        reason: 'interview_not_in_progress',
        proposalId,
      });
    await this.say(trx, proposalId, 'candidate', question.key, answer);
    const { interview_plan: plan } = await trx.selectFrom('ot_proposals').select('interview_plan').where('id', '=', proposalId).executeTakeFirstOrThrow();
    const next = plan[plan.findIndex((q) => q.key === question.key) + 1];
    if (next) {
      await this.say(trx, proposalId, 'interviewer', next.key, next.question);
      return { completed: false };
    }
    const answers = await trx.selectFrom('ot_interview_messages').select(['question_key', 'content']).where('proposal_id', '=', proposalId).where('role', '=', 'candidate').orderBy('seq').execute();
    const byKey = Object.fromEntries(answers.map((a) => [a.question_key ?? '', a.content]));
    const result = scoreInterview(plan, byKey);
    await this.say(trx, proposalId, 'interviewer', null, CLOSING_MESSAGE);
    await trx
      .updateTable('ot_proposals')
      .set({
        interview_status: 'completed',
        interview_score: result.score,
        interview_summary: result.summary,
        interview_completed_at: this.clock.now(),
        updated_at: this.clock.now(),
      })
      .where('id', '=', proposalId)
      .execute();
    return { completed: true };
  }

  private async answeredKeys(exec: TalentExecutor, proposalId: string): Promise<Set<string>> {
    const rows = await exec.selectFrom('ot_interview_messages').select('question_key').where('proposal_id', '=', proposalId).where('role', '=', 'candidate').execute();
    return new Set(rows.map((r) => r.question_key ?? ''));
  }

  private async say(trx: TalentExecutor, proposalId: string, role: 'interviewer' | 'candidate', questionKey: string | null, content: string) {
    const now = this.clock.now();
    await trx
      .insertInto('ot_interview_messages')
      .values({
        id: newId('imsg', now),
        proposal_id: proposalId,
        role,
        question_key: questionKey,
        content,
        sent_at: now,
      })
      .execute();
  }

  /** The sanitized transcript, oldest first; null when no interview was started. */
  async transcript(exec: TalentExecutor, proposalId: string): Promise<InterviewView | null> {
    const proposal = await exec.selectFrom('ot_proposals').select(['id', 'interview_status', 'interview_score', 'interview_summary']).where('id', '=', proposalId).executeTakeFirst();
    if (!proposal || proposal.interview_status === 'not_started') return null;
    const rows = await exec.selectFrom('ot_interview_messages').selectAll().where('proposal_id', '=', proposalId).orderBy('seq').execute();
    const messages = rows.map((m) => ({
      id: m.id,
      role: m.role,
      content: scrubContactDetails(m.content),
      sentAt: iso(m.sent_at) as string,
    }));
    const completed = proposal.interview_status === 'completed';
    return {
      proposalId,
      interviewId: `int_${proposalId.slice(proposalId.indexOf('_') + 1)}`,
      status: completed ? 'completed' : 'in_progress',
      score: proposal.interview_score,
      summary: proposal.interview_summary,
      messages:
        messages.length || !completed
          ? messages
          : [
              {
                id: `${proposalId}_done`,
                role: 'interviewer',
                content: 'Interview completed.',
                sentAt: new Date(0).toISOString(),
              },
            ],
    };
  }
}
