/**
 * `npm run screenshots`: regenerates docs/screenshots/ from the design browser tests (the same
 * harness, data and pages the tests check with axe-core), so the pictures stay current. Each
 * page is saved at desktop (1280 px) and phone (360 px) width as `<page>-<width>.png`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const TESTS = ['packages/opentrain-server/src/web/design.browser.test.ts', 'packages/trainar-server/src/dashboard/design.browser.test.ts'];

rmSync(dir, { recursive: true, force: true });
const run = spawnSync('npx', ['vitest', 'run', ...TESTS], { stdio: 'inherit', env: { ...process.env, SCREENSHOTS_DIR: dir } });
if (run.status !== 0) {
  console.error('The design browser tests failed, so the screenshots may be incomplete.');
  process.exit(run.status ?? 1);
}
console.log(`Screenshots written to ${dir}`);
