/**
 * @module PostgreSQL backup and restore as docs/operations.md describes it: `pg_dump -Fc` of the
 * live database (both products' schemas) while the instances serve, `pg_restore` into a fresh
 * database, then `npm start` on the copy: it must come up without migrating anything new and
 * serve what the original held (an OpenTrain job, a TrainAR key and its tenant).
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { startProcess } from '../../start-process';
import { withDatabase } from '../cluster';
import { check, json } from './support';

export async function backupAndRestore(databaseUrl: string, probe: { jobId: string; key: string }): Promise<Record<string, unknown>> {
  if (spawnSync('pg_dump', ['--version']).status !== 0) return { skipped: 'pg_dump not installed (apt-get install -y postgresql-client)' };
  const copy = `${new URL(databaseUrl).pathname.slice(1)}_restored`;
  const copyUrl = withDatabase(databaseUrl, copy);
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    const dump = spawnSync('pg_dump', ['-Fc', '-d', databaseUrl], { maxBuffer: 1024 * 1024 * 1024 });
    check(dump.status === 0, 'pg_dump', String(dump.stderr));
    await admin.query(`create database ${copy}`);
    const restore = spawnSync('pg_restore', ['--no-owner', '-d', copyUrl], { input: dump.stdout, maxBuffer: 64 * 1024 * 1024 });
    check(restore.status === 0, 'pg_restore', String(restore.stderr));
    const app = startProcess({ DATABASE_URL: copyUrl, DEV_MODE: '1', LOG_LEVEL: 'warn' });
    try {
      const { opentrain, trainar } = await app.ready(180_000);
      const job = await json(`${opentrain}/api/public/v1/jobs/${probe.jobId}`);
      check(job.status === 200, 'the restored OpenTrain serves the job', job);
      const users = await json(`${trainar}/v1/api-tenant-users?limit=1`, { token: probe.key });
      check(users.status === 200, 'the restored TrainAR accepts the key', users);
    } finally {
      await app.stop();
    }
    return { dumpMb: Number((dump.stdout.length / 2 ** 20).toFixed(1)) };
  } finally {
    await admin.query(`drop database if exists ${copy} with (force)`);
    await admin.end();
  }
}
