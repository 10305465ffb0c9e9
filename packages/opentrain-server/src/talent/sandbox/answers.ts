/**
 * @module What a simulated freelancer writes: cover letters and interview answers built from their
 * own profile, so a trainer who really has the job's skills mentions them and scores well, and one
 * who does not, does not. Deterministic per (freelancer, question).
 */
import { numberOrNull } from '../db';
import type { ProfileRow } from '../freelancer-view';
import type { InterviewQuestionPlan } from '../schema';
import type { JobRequirements } from '../matching';
import { listText, readable, termLabel } from '../vocabulary';

/** FNV-1a: a stable small hash for deterministic choices. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const QUALITY_LINE = 'I follow the guidelines closely, flag ambiguous items instead of guessing, and review a sample of my own work every day to keep accuracy high.';

/** Roughly one in five simulated trainers writes terse answers. */
const isTerse = (profile: ProfileRow) => stableHash(`terse:${profile.user_id}`) % 5 === 0;

function owned(profile: ProfileRow, term: string): boolean {
  const [kind, value] = [term.slice(0, term.indexOf(':')), term.slice(term.indexOf(':') + 1).toLowerCase()];
  const has = (list: readonly string[]) => list.some((v) => v.toLowerCase() === value);
  if (kind === 'label') return has(profile.skills.labelTypes);
  if (kind === 'tool') return has(profile.skills.software);
  if (kind === 'lang') return has(profile.languages.map((l) => l.language));
  if (kind === 'data') return has(profile.skills.dataTypes);
  if (kind === 'subject') return has(profile.skills.subjectMatter);
  return false;
}

export function sandboxAnswer(profile: ProfileRow, question: InterviewQuestionPlan): string {
  const terse = isTerse(profile);
  const have = question.expected.filter((t) => owned(profile, t)).map(termLabel);
  const own = profile.skills.labelTypes.slice(0, 2).map(readable);
  let answer: string;
  switch (question.key) {
    case 'experience':
      answer = `I have ${profile.years_experience} years of data labelling experience${profile.years_experience ? `, most recently as a ${profile.title ?? 'labeller'}` : ', but I learn quickly'}.`;
      break;
    case 'languages': {
      const spoken = profile.languages.filter((l) => owned(profile, `lang:${l.language}`) && question.expected.some((t) => t.toLowerCase() === `lang:${l.language.toLowerCase()}`));
      answer = spoken.length ? `I speak ${listText(spoken.map((l) => `${l.language} (${l.proficiency.toLowerCase()})`))}.` : `My languages are ${listText(profile.languages.map((l) => l.language))}.`;
      break;
    }
    case 'tools':
      answer = have.length ? `I have used ${listText(have)} on paid projects.` : `I have not used those; I mostly work in ${listText(profile.skills.software)}.`;
      break;
    default:
      answer = have.length ? `I have hands-on experience with ${listText(have)}, thousands of items in total.` : `Most of my work has been ${listText(own)} labelling.`;
  }
  return terse ? answer : `${answer} ${QUALITY_LINE}`;
}

export function sandboxCoverLetter(profile: ProfileRow, job: JobRequirements, jobTitle: string | null): string {
  const fits = job.labelTypes.filter((l) => profile.skills.labelTypes.includes(l)).map(readable);
  return [
    `Hello! I am a ${profile.title ?? 'data labeller'} with ${profile.years_experience} year(s) of experience.`,
    fits.length ? `I have done ${listText(fits)} work before and would love to help with "${jobTitle ?? 'your project'}".` : `I would like to help with "${jobTitle ?? 'your project'}".`,
    `I usually work in ${listText(profile.skills.software)}.`,
  ].join(' ');
}

/** A bid in the job's unit: the trainer's hourly rate, the job's per-label price or fixed price (±10 %). */
export function sandboxBid(profile: ProfileRow, fields: Record<string, unknown>): number {
  const wobble = 0.9 + (stableHash(`bid:${profile.user_id}`) % 21) / 100;
  const rate = numberOrNull(profile.hourly_rate_usd) ?? 15;
  const price = (key: string) => (typeof fields[key] === 'number' ? (fields[key] as number) : null);
  let amount: number;
  if (fields.paymentType === 'PAY_PER_LABEL') amount = (price('pricePerLabel') ?? 0.05) * wobble;
  else if (fields.paymentType === 'FIXED_PRICE') amount = (price('fixedPrice') ?? rate * 40) * wobble;
  else amount = rate;
  return Math.max(0.01, Math.round(amount * 100) / 100);
}
