/**
 * Start-up: `npm start` (node scripts/start.mjs, the prebuilt bundle) on a fresh DATA_DIR until both
 * apps answer /readyz, then again on the now existing directory. Baseline: a bare Node process
 * serving one HTTP route, spawned and polled the same way (the floor any start-up pays).
 * The pre-migrated templates are built before timing (once per machine and migration set, see
 * packages/kit/src/db/embedded-template.ts); `coldTemplateMs` is that one-time first start.
 * The `…CpuMs` figures are the CPU the start process used until ready: on a shared machine they
 * show what the start costs when wall time mostly shows the contention.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startProcess } from '../scripts/start-process';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU time (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz ticks
  } catch {
    return Number.NaN;
  }
}

/** Wall time to both /readyz, and the CPU the start process spent meanwhile (load-independent). */
async function timedStart(dataDir: string, env: Record<string, string> = {}): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const p = startProcess({ DATA_DIR: dataDir, ...env });
  try {
    await p.ready(600_000);
    return { wall: performance.now() - started, cpu: cpuMs(p.child.pid) };
  } finally {
    await p.stop();
  }
}

async function bareNodeMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', "require('node:http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log(this.address().port)})"], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  while ((await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0)) !== 200) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - started;
  child.kill();
  return ms;
}

export async function startupBench(): Promise<Record<string, unknown>> {
  execFileSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: repoRoot });
  const root = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  // A private template cache makes the first start cold on purpose; later fresh starts reuse it.
  const env = { TEMPLATE_CACHE_DIR: join(root, 'templates') };
  try {
    const coldTemplateMs = await timedStart(join(root, 'cold'), env);
    const fresh: { wall: number; cpu: number }[] = [];
    const again: { wall: number; cpu: number }[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const dir = join(root, `fresh-${i}`);
      fresh.push(await timedStart(dir, env));
      again.push(await timedStart(dir, env));
      bare.push(await bareNodeMs());
    }
    const freshMs = median(fresh.map((r) => r.wall));
    return {
      freshDataDirMs: Math.round(freshMs),
      freshDataDirCpuMs: Math.round(median(fresh.map((r) => r.cpu))),
      existingDataDirMs: Math.round(median(again.map((r) => r.wall))),
      existingDataDirCpuMs: Math.round(median(again.map((r) => r.cpu))),
      bareNodeMs: Math.round(median(bare)),
      coldTemplateMs: Math.round(coldTemplateMs.wall),
      coldTemplateCpuMs: Math.round(coldTemplateMs.cpu),
      goalMs: 5000,
      ratioToGoal: freshMs / 5000,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
