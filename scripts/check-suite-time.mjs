#!/usr/bin/env node
// CI guard for the suite's time (docs/testing.md). Reads the JSON the summary reporter wrote
// (SUITE_TIME_FILE) and fails only past a hard limit well above the budget: CI shares this 2-core
// machine, so a run over budget but under the limit is reported, not failed.
// Usage: node scripts/check-suite-time.mjs <report.json> [hard-limit-seconds]
import { readFileSync } from 'node:fs';

const [file, limitArg] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const limit = Number(limitArg ?? process.env.SUITE_HARD_LIMIT_SECONDS ?? 4 * report.budgetSeconds);
const fmt = (s) => `${Math.floor(Math.round(s) / 60)}m${String(Math.round(s) % 60).padStart(2, '0')}s`;
const verdict = report.wallSeconds <= report.budgetSeconds ? 'within budget' : report.wallSeconds <= limit ? 'OVER BUDGET (under the hard limit)' : 'OVER THE HARD LIMIT';
console.log(`${report.db} suite: ${fmt(report.wallSeconds)} for ${report.files} files; budget ${fmt(report.budgetSeconds)}, hard limit ${fmt(limit)}: ${verdict}`);
if (report.wallSeconds > limit) {
  console.error(`The ${report.db} suite took ${fmt(report.wallSeconds)}, past the hard limit of ${fmt(limit)}. Slowest files: ${report.slowest.slice(0, 5).map((f) => `${f.file} (${f.seconds.toFixed(1)} s)`).join(', ')}. See docs/testing.md for how to keep a file cheap.`);
  process.exit(1);
}
