/**
 * @module Test-only fault injection for the fault tests (scripts/faults, docs/fault-tests.md):
 * `killPoint(name)` makes the process SIGKILL itself when the environment variable FAULT_KILL_AT
 * names that point, so a test can stop the app at an exact place (inside a transaction before its
 * commit, right after a commit, after a webhook POST) instead of racing a `kill -9` from outside.
 * Inert unless FAULT_KILL_AT is set: the variable is read once, and an unset one costs a comparison.
 */
const target = process.env.FAULT_KILL_AT?.trim() || undefined;

/** The points the apps define, for the docs and the fault tests (a typo in FAULT_KILL_AT would never fire). */
export const KILL_POINTS = [
  'opentrain.approval.before-commit:proposal_hire',
  'opentrain.approval.after-commit:proposal_hire',
  'opentrain.approval.before-commit:milestone_approve',
  'opentrain.approval.after-commit:milestone_approve',
  'opentrain.approval.before-commit:milestone_fund',
  'opentrain.approval.after-commit:milestone_fund',
  'opentrain.approval.before-commit:contract_end',
  'opentrain.approval.after-commit:contract_end',
  'opentrain.webhook.after-send',
  'trainar.session.before-commit:stop',
  'trainar.session.after-commit:stop',
  'trainar.knowledge.after-chunks',
  'trainar.knowledge.after-embed-batch',
] as const;

export type KillPoint = (typeof KILL_POINTS)[number];

/** SIGKILL this process here when FAULT_KILL_AT is this point (nothing runs after it: no cleanup, no flush). */
export function killPoint(name: KillPoint | (string & {})): void {
  if (target === name) process.kill(process.pid, 'SIGKILL');
}
