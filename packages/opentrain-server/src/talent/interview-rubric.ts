/**
 * @module The AI interview: questions generated from the job's requirements, and a documented,
 * deterministic rubric that scores the answers 0–100 (docs/talent.md, "AI interview").
 *
 * Every question lists the requirement terms a good answer mentions. Per answer:
 *   coverage  = share of the question's terms the answer mentions (the experience question instead
 *               compares the years stated with the level's minimum: expert 3, intermediate 1, else 0)
 *   substance = min(1, words / 25)  (a one-word answer is not an answer)
 *   answer    = 0.75 × coverage + 0.25 × substance
 * The interview score is the mean over all questions (unanswered = 0), × 100, rounded.
 */
import type { InterviewQuestionPlan } from './schema';
import type { JobRequirements } from './matching';
import { listText, mentions, termLabel } from './vocabulary';

export const MIN_YEARS: Record<string, number> = {
  EXPERT: 3,
  INTERMEDIATE: 1,
  ENTRY_LEVEL: 0,
};
const SUBSTANTIVE_WORDS = 25;

export function planInterview(job: JobRequirements, jobTitle: string | null): InterviewQuestionPlan[] {
  const labels = job.labelTypes.map((l) => `label:${l}`);
  const data = job.dataType ? [`data:${job.dataType}`] : [];
  const subject = job.subjectMatter ? [`subject:${job.subjectMatter}`] : [];
  const plan: InterviewQuestionPlan[] = [
    {
      key: 'overview',
      question: `Thanks for applying to "${jobTitle ?? 'this job'}". Describe the labelling project you did that is most similar to this one: what data, which kinds of labels, and how you kept quality high.`,
      expected: [...labels, ...data],
    },
  ];
  if (labels.length) {
    plan.push({
      key: 'label_types',
      question: `This job needs ${listText(labels.map(termLabel))}. Which of these have you produced before, and roughly how many?`,
      expected: labels,
    });
  }
  if (job.software.length) {
    const tools = job.software.map((s) => `tool:${s}`);
    plan.push({
      key: 'tools',
      question: `The work is done in ${listText(tools.map(termLabel))}. Which of these tools have you used, and for what?`,
      expected: tools,
    });
  }
  if (job.languages.length) {
    const langs = job.languages.map((l) => `lang:${l}`);
    plan.push({
      key: 'languages',
      question: `The work is in ${listText(langs.map(termLabel))}. Which of these languages do you speak, and at what level?`,
      expected: langs,
    });
  }
  if (subject.length || data.length) {
    plan.push({
      key: 'domain',
      question: `What experience do you have with ${listText([...subject, ...data].map(termLabel))} data?`,
      expected: [...subject, ...data],
    });
  }
  plan.push({
    key: 'experience',
    question: 'How many years of data-labelling or AI-training experience do you have?',
    expected: [],
    minYears: MIN_YEARS[job.experienceLevel ?? ''] ?? 0,
  });
  return plan;
}

/** The largest "N years" / "N yrs" stated in the answer, or null. */
export function statedYears(answer: string): number | null {
  const years = [...answer.matchAll(/(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b/gi)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : null;
}

export interface AnswerScore {
  key: string;
  coverage: number;
  substance: number;
  score: number;
  covered: string[];
  missing: string[];
  years: number | null;
}

export function scoreAnswer(question: InterviewQuestionPlan, answer: string | undefined): AnswerScore {
  const text = answer?.trim() ?? '';
  const words = text ? text.split(/\s+/).length : 0;
  const substance = Math.min(1, words / SUBSTANTIVE_WORDS);
  const covered = question.expected.filter((t) => text && mentions(text, t));
  const missing = question.expected.filter((t) => !covered.includes(t));
  const years = statedYears(text);
  let coverage: number;
  if (question.minYears !== undefined) {
    if (years === null) coverage = 0;
    else coverage = question.minYears === 0 ? 1 : Math.min(1, years / question.minYears);
  } else {
    coverage = question.expected.length ? covered.length / question.expected.length : words > 0 ? 1 : 0;
  }
  const score = text ? 0.75 * coverage + 0.25 * substance : 0;
  return {
    key: question.key,
    coverage,
    substance,
    score,
    covered,
    missing,
    years,
  };
}

export interface InterviewResult {
  score: number;
  summary: string;
  answers: AnswerScore[];
}

/** Scores a finished interview; `answers` maps question key → the candidate's answer. */
export function scoreInterview(plan: readonly InterviewQuestionPlan[], answers: Record<string, string>): InterviewResult {
  const scored = plan.map((q) => scoreAnswer(q, answers[q.key]));
  const score = plan.length ? Math.round((100 * scored.reduce((s, a) => s + a.score, 0)) / plan.length) : 0;
  return { score, summary: summarize(plan, scored, score), answers: scored };
}

function summarize(plan: readonly InterviewQuestionPlan[], scored: AnswerScore[], score: number): string {
  const required = [...new Set(plan.flatMap((q) => q.expected))];
  const covered = new Set(scored.flatMap((a) => a.covered));
  const hit = required.filter((t) => covered.has(t));
  const miss = required.filter((t) => !covered.has(t));
  const parts = [`Interview score ${score}/100.`];
  if (required.length) {
    parts.push(`Covered ${hit.length} of ${required.length} job requirements${hit.length ? ` (${listText(hit.map(termLabel))})` : ''}.`);
    if (miss.length) parts.push(`Did not mention ${listText(miss.map(termLabel))}.`);
  }
  const experience = scored.find((a) => a.key === 'experience');
  const minYears = plan.find((q) => q.key === 'experience')?.minYears ?? 0;
  if (experience) {
    parts.push(experience.years === null ? 'Did not state years of experience.' : `States ${experience.years} year(s) of experience${minYears ? ` (job asks for ${minYears}+)` : ''}.`);
  }
  const thin = scored.filter((a) => a.substance < 0.4).length;
  if (thin) parts.push(`${thin} answer(s) were very short.`);
  return parts.join(' ');
}
