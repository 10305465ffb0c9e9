import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const buf = readFileSync(file);
const t = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let c0 = t(), w0 = Date.now();
for (let i = 0; i < 4; i++) {
  const p = await PGlite.create({ loadDataDir: new Blob([buf]) });
  await p.query('select 1');
  const c1 = t(), w1 = Date.now();
  console.log('loadDataDir create', i, 'cpu ms', Math.round(c1 - c0), 'wall', w1 - w0);
  await p.close();
  c0 = t(); w0 = Date.now();
}
const p = await PGlite.create({ loadDataDir: new Blob([buf]) });
c0 = t(); w0 = Date.now();
const d = await p.dumpDataDir('none');
console.log('dump none cpu', Math.round(t() - c0), 'size', d.size);
c0 = t(); w0 = Date.now();
const q = await PGlite.create({ loadDataDir: d });
console.log('load uncompressed cpu', Math.round(t() - c0), 'wall', Date.now() - w0);
