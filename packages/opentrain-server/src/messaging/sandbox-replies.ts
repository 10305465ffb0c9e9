/**
 * @module The sandbox freelancer's side of a conversation: when an employer writes to a simulated
 * freelancer, an outbox job (delayed by `sandboxReplyDelaySeconds`) answers everything still
 * unanswered with one deterministic, plausible reply that reacts to what was asked (availability,
 * rate, a sample batch, experience, tools, questions). The reply is a real freelancer message: it
 * emits `message.received`. Replies never contain contact details or payment talk (tested).
 */
import { createHash } from 'node:crypto';
import type { Job, JobContext, JobHandlers } from '@platform/kit';
import type { MessagesService } from './messages-service';
import { SANDBOX_REPLY_JOB } from './messages-service';
import type { MessagingDb } from './schema';

export interface SandboxReplyPayload {
  conversationId: string;
  messageId: string;
}

interface Topic {
  match: RegExp;
  replies: string[];
}

const TOPICS: Topic[] = [
  {
    match: /\b(availab\w*|start|when|hours?|schedule|deadline|timeline|capacity|full[- ]time|part[- ]time)\b/i,
    replies: [
      'I can start this week and have about 25 hours a week for this project.',
      'I am available right away, roughly 4-5 hours a day on weekdays, and can keep that pace until the batch is done.',
      'My schedule is open from Monday; I can commit around 30 hours a week.',
    ],
  },
  {
    match: /\b(rate|price|pricing|budget|cost|quote|per[- ]label|per[- ]hour|hourly)\b/i,
    replies: [
      'The rate in my proposal works for me, and I am open to adjusting it for a larger volume.',
      'I am comfortable with the rate I proposed; if the volume grows we can revisit it here.',
    ],
  },
  {
    match: /\b(sample|trial|test|pilot|assessment|quality|accuracy|qa)\b/i,
    replies: [
      'Happy to do a short sample batch first so you can check my quality against your guidelines.',
      'I usually start with a small pilot of 50 items and self-review every tenth one; accuracy on my last project was above 98%.',
    ],
  },
  {
    match: /\b(experience|background|worked|portfolio|previous|similar|before)\b/i,
    replies: [
      'I have done similar labelling work for over two years: bounding boxes, transcription and text classification.',
      'Most of my recent work was image annotation and audio transcription, including edge-case review for model evaluation sets.',
    ],
  },
  {
    match: /\b(tool|software|label studio|cvat|labelbox|platform|guidelines?|instructions?)\b/i,
    replies: [
      'I have worked in Label Studio and CVAT and pick up new tools quickly; if you share the guidelines I will read them before starting.',
      'Any standard labelling tool is fine for me. Please send the guidelines here and I will confirm any unclear cases before I begin.',
    ],
  },
];

const GREETINGS = ['Hi, thanks for reaching out!', 'Hello, and thank you for the message.', 'Hi! Thanks for getting in touch.'];
const FOLLOW_UPS = [
  'Could you share the expected volume and the guidelines?',
  'Is there a deadline I should plan around?',
  'Let me know if you would like me to start with a specific part of the dataset.',
];
const ACKNOWLEDGEMENTS = [
  'Sounds good, I will follow up here once I have reviewed the details.',
  'Understood, thank you. I will keep you posted here.',
  'Great, noted. I am ready when you are.',
];

/** A stable number from the conversation and the last unanswered message: same input, same reply. */
function seedOf(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

const pick = <T>(list: T[], seed: number, salt: number) => list[(seed + salt * 7919) % list.length];

/** The reply to the employer's unanswered messages (oldest first). */
export function composeSandboxReply(conversationId: string, unanswered: { id: string; content: string }[], isFirstReply: boolean): string {
  const text = unanswered.map((m) => m.content).join('\n');
  const seed = seedOf(conversationId, unanswered[unanswered.length - 1]?.id ?? '');
  const parts: string[] = [];
  if (isFirstReply) parts.push(pick(GREETINGS, seed, 0));
  const matched = TOPICS.filter((t) => t.match.test(text));
  for (const [i, t] of matched.slice(0, 3).entries()) parts.push(pick(t.replies, seed, i + 1));
  if (matched.length === 0) parts.push(text.includes('?') ? pick(FOLLOW_UPS, seed, 5) : pick(ACKNOWLEDGEMENTS, seed, 6));
  else if (!text.includes('?')) parts.push(pick(FOLLOW_UPS, seed, 5));
  return parts.join(' ');
}

export function sandboxReplyHandlers(db: MessagingDb, messages: MessagesService): JobHandlers {
  return {
    [SANDBOX_REPLY_JOB]: async (job: Job<SandboxReplyPayload>, ctx: JobContext) => {
      await db.transaction().execute(async (trx) => {
        const c = await trx.selectFrom('ot_conversations').selectAll().where('id', '=', job.payload.conversationId).forUpdate().executeTakeFirst();
        // Closed, blocked or no longer sandbox: nothing to say. Already answered (an earlier job replied to a burst): nothing either.
        if (c?.status !== 'open' || c.sandbox !== true || Number(c.freelancer_last_seq) >= Number(c.employer_last_seq)) {
          await ctx.completeIn(trx);
          return;
        }
        const unanswered = await trx
          .selectFrom('ot_messages')
          .select(['id', 'content'])
          .where('conversation_id', '=', c.id)
          .where('sender_side', '=', 'employer')
          .where('seq', '>', c.freelancer_last_seq)
          .orderBy('seq', 'asc')
          .limit(20)
          .execute();
        const reply = composeSandboxReply(c.id, unanswered, Number(c.freelancer_last_seq) === 0);
        await messages.insertIn(trx, c.id, 'freelancer', c.freelancer_user_id, reply);
        await ctx.completeIn(trx);
      });
    },
  };
}
