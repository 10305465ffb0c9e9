/**
 * Where a server's CPU time went: reads V8 `.cpuprofile` files (node --cpu-prof, e.g. from
 * BENCH_LOAD_PROFILE) and prints self time per bucket (idle, GC, native program, node internals,
 * each npm package, each workspace package) and the top functions. Usage:
 * `npx tsx bench/profile-summary.ts <dir|file...> [--top N]`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a frame's self time counts towards. */
export function bucketOf(functionName: string, url: string): string {
  if (functionName === '(idle)') return 'idle (waiting on I/O: PostgreSQL, sockets)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'native (V8/libuv outside JS)';
  if (!url) return functionName.startsWith('(') ? functionName : `native: ${functionName}`;
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm) return `npm: ${npm[1]}`;
  const workspace = /packages\/([^/]+)\//.exec(url);
  if (workspace) return `ours: ${workspace[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.split('/').slice(-2).join('/');
}

export function summarise(profiles: CpuProfile[], top = 15) {
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)?.callFrame;
      const dt = profile.timeDeltas[i] ?? 0;
      if (!frame) return;
      total += dt;
      const bucket = bucketOf(frame.functionName, frame.url);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + dt);
      const fn = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*packages\//, '')}:${frame.lineNumber + 1}`;
      functions.set(fn, (functions.get(fn) ?? 0) + dt);
    });
  }
  const share = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, percent: Math.round((us / total) * 1000) / 10 }));
  return { seconds: Math.round(total / 1e4) / 100, buckets: share(buckets, 25), topFunctions: share(functions, top) };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt === -1 ? 15 : Number(args.splice(topAt, 2)[1]);
  const files = args.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(p, f)) : [p]));
  if (!files.length) throw new Error('usage: profile-summary.ts <dir|file.cpuprofile...> [--top N]');
  const result = summarise(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile), top);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
