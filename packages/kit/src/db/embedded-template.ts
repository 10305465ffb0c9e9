/**
 * @module Pre-migrated embedded templates: a fresh data directory starts as a file copy of a PGlite
 * directory that already ran initdb and every migration, instead of running them (initdb alone
 * is most of a cold start). Templates live in a cache directory, one per schema, PGlite version
 * and migration set (the key hashes all three), so a changed migration builds a new template and
 * an old one is never applied to a newer release. Built once per machine, atomically (a
 * temporary directory renamed into place), so concurrent starts never copy a half-written one.
 * Migrations must therefore create no per-install secret: every fresh directory shares them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openDatabase } from './database';
import { migrate, type SqlMigration } from './migrations';

/** PGlite's version (its package.json is not exported, so found from its entry point). */
function installedPgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** True when the directory holds no PGlite database yet (missing, empty, or only a lock's leftovers). */
export function isFreshDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

export function templateKey(schema: string | undefined, migrations: SqlMigration[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ pgliteVersion: installedPgliteVersion(), schema: schema ?? null, migrations }))
    .digest('hex')
    .slice(0, 20);
}

/** The template directory for this migration set, built now when missing. */
export async function ensureEmbeddedTemplate(cacheDir: string, schema: string | undefined, migrations: SqlMigration[]): Promise<string> {
  const dir = join(cacheDir, `${schema ?? 'public'}-${templateKey(schema, migrations)}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const database = await openDatabase({ dataDir: building, schema });
    try {
      await migrate(database.db, migrations, schema);
    } finally {
      await database.close();
    }
    renameSync(building, dir);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    // Another process finished the same template first: theirs is as good as ours.
    if (!existsSync(join(dir, 'PG_VERSION'))) throw err;
  }
  return dir;
}

/**
 * Seeds a fresh data directory from the template (building the template first if needed).
 * Leaves a directory that already holds a database untouched.
 */
export async function seedFromTemplate(dataDir: string, cacheDir: string, schema: string | undefined, migrations: SqlMigration[]): Promise<boolean> {
  if (!isFreshDataDir(dataDir)) return false;
  const template = await ensureEmbeddedTemplate(cacheDir, schema, migrations);
  mkdirSync(dataDir, { recursive: true });
  // Copied off the main thread (libuv's pool), so two products seeding at once overlap their copies
  // with each other's start instead of blocking the event loop for ~1 s each.
  await Promise.all(readdirSync(template).map((entry) => cp(join(template, entry), join(dataDir, entry), { recursive: true })));
  return true;
}
