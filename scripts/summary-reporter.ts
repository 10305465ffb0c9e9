/**
 * Vitest reporter that ends the run with the plain closing line CI reads:
 * `N passed, N failed` (and `, N skipped`), whichever database the suite ran on.
 */
import type { Reporter, RunnerTestFile } from 'vitest/node';

interface TaskLike {
  type: string;
  mode?: string;
  result?: { state?: string };
  tasks?: TaskLike[];
}

function count(tasks: TaskLike[], totals: { passed: number; failed: number; skipped: number }): void {
  for (const task of tasks) {
    if (task.type === 'test') {
      if (task.result?.state === 'pass') totals.passed++;
      else if (task.result?.state === 'fail') totals.failed++;
      else totals.skipped++;
    } else if (task.tasks) {
      // A suite that failed before its tests ran (a hook error) counts as one failure.
      if (task.result?.state === 'fail' && task.tasks.every((t) => !t.result?.state)) totals.failed++;
      count(task.tasks, totals);
    }
  }
}

export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    count(files as unknown as TaskLike[], totals);
    totals.failed += errors.length;
    const db = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';
    process.stdout.write(`\n${db}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
