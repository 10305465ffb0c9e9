import { PGlite } from '@electric-sql/pglite';
import { readFileSync, cpSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
const t = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const buf = readFileSync(process.argv[2]);
let c0 = t(), w0 = Date.now();
const mod = await WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm')));
const fsBundle = new Blob([readFileSync(join(dist, 'pglite.data'))]);
console.log('compile cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
const base = await PGlite.create({ loadDataDir: new Blob([buf]), pgliteWasmModule: mod, fsBundle });
await base.exec('checkpoint');
const raw = await base.dumpDataDir('none');
await base.close();
console.log('raw size', raw.size);
for (let i = 0; i < 3; i++) {
  c0 = t(); w0 = Date.now();
  const p = await PGlite.create({ loadDataDir: raw, pgliteWasmModule: mod, fsBundle });
  await p.query('select 1');
  console.log('cached-wasm raw load', i, 'cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
  c0 = t(); w0 = Date.now();
  await p.close();
  console.log(' close cpu', Math.round(t() - c0));
}
for (let i = 0; i < 2; i++) {
  c0 = t(); w0 = Date.now();
  const p = await PGlite.create({ loadDataDir: new Blob([buf]), pgliteWasmModule: mod, fsBundle });
  await p.query('select 1');
  console.log('cached-wasm gz load', i, 'cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
  await p.close();
}
// data dir on disk (tmpfs)
const dir = '/dev/shm/pgl-bench-tmpl';
rmSync(dir, { recursive: true, force: true });
{ const p = await PGlite.create({ dataDir: dir, loadDataDir: raw, pgliteWasmModule: mod, fsBundle }); await p.query('select 1'); await p.close(); }
for (let i = 0; i < 2; i++) {
  c0 = t(); w0 = Date.now();
  const d = `/dev/shm/pgl-bench-${i}`; rmSync(d, { recursive: true, force: true }); cpSync(dir, d, { recursive: true });
  const p = await PGlite.create({ dataDir: d, pgliteWasmModule: mod, fsBundle });
  await p.query('select 1');
  console.log('nodefs copy+open', i, 'cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
  await p.close(); rmSync(d, { recursive: true, force: true });
}
// one instance: create database from template
{
  const p = await PGlite.create({ loadDataDir: raw, pgliteWasmModule: mod, fsBundle });
  c0 = t(); w0 = Date.now();
  await p.exec('create database f1 template postgres');
  console.log('create database cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
  const r = await p.query("select nspname from pg_namespace where nspname not like 'pg_%'");
  console.log(r.rows);
}
rmSync(dir, { recursive: true, force: true });
