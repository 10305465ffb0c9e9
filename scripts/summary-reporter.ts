/**
 * Vitest reporter that ends the run with the plain closing line CI reads:
 * `N passed, N failed` (and `, N skipped`), whichever database the suite ran on.
 * Before it: the run's wall time against the suite's budget (docs/testing.md) and the slowest files,
 * so a creeping suite shows in every CI log. `SUITE_TIME_FILE` set: the same figures as JSON there.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, RunnerTestFile } from 'vitest/node';

/** The budget for a whole run on this 2-core machine (docs/testing.md), in seconds. */
export const SUITE_BUDGET_SECONDS = { pglite: 300, postgresql: 300 } as const;
const SLOWEST_SHOWN = 8;

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

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** One file's cost: its imports (collect), setup hooks and tests, as vitest measured them. */
function fileSeconds(file: RunnerTestFile): { file: string; seconds: number; collect: number; tests: number } {
  const collect = (file.collectDuration ?? 0) / 1000;
  const tests = (file.result?.duration ?? 0) / 1000;
  return { file: file.filepath.replace(`${process.cwd()}/`, ''), seconds: collect + tests, collect, tests };
}

export default class SummaryReporter implements Reporter {
  private startedAt = Date.now();

  onInit(): void {
    this.startedAt = Date.now();
  }

  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    count(files as unknown as TaskLike[], totals);
    totals.failed += errors.length;
    const db = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';
    const wall = (Date.now() - this.startedAt) / 1000;
    const budget = SUITE_BUDGET_SECONDS[db];
    const slowest = files.map(fileSeconds).sort((a, b) => b.seconds - a.seconds);
    const lines = [
      '',
      `${db} suite time: ${formatSeconds(wall)} wall for ${files.length} files (budget ${formatSeconds(budget)}${wall > budget ? ', OVER BUDGET' : ''}; see docs/testing.md)`,
      `slowest files (imports + hooks + tests, seconds): ${slowest
        .slice(0, SLOWEST_SHOWN)
        .map((f) => `${f.file} ${f.seconds.toFixed(1)}`)
        .join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.env.SUITE_TIME_FILE) {
      const report = { db, wallSeconds: wall, budgetSeconds: budget, files: files.length, slowest: slowest.slice(0, 30), all: slowest };
      writeFileSync(process.env.SUITE_TIME_FILE, `${JSON.stringify(report, null, 2)}\n`);
    }
    process.stdout.write(`\n${db}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
