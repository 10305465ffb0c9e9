/** @module A TrainAR tenant and keys for the checks: the operator CLI on the shared database, then the Tenant API through the proxy. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SCOPES } from '@trainar/api';
import { repoRoot } from '../../start-process';
import { check, json, uniqueEmail } from './support';

function trainarAdmin(databaseUrl: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'packages/trainar-server/bin/trainar-admin.js'), ...args, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  check(result.status === 0, `trainar-admin ${args[0]}`, result.stderr);
  return JSON.parse(result.stdout);
}

export interface TrainArTenant {
  tenantId: string;
  /** A full-scope key that mints the others (never used for load, so its rate-limit window stays free). */
  adminKey: string;
  /** A fresh key with every scope: each check gets its own rate-limit window. */
  newKey(): Promise<string>;
}

export async function trainArTenant(base: string, databaseUrl: string, name: string): Promise<TrainArTenant> {
  const tenant = trainarAdmin(databaseUrl, ['create-tenant', '--name', name, '--admin-email', uniqueEmail('mi-admin')]);
  const adminKey = trainarAdmin(databaseUrl, ['create-key', '--tenant', tenant.tenant_id, '--name', 'multi-instance', '--scopes', 'all']).key as string;
  return {
    tenantId: tenant.tenant_id,
    adminKey,
    async newKey() {
      const created = await json(`${base}/v1/api-tenant-api-keys`, { token: adminKey, body: { name: 'multi-instance check', scopes: [...SCOPES] } });
      check(created.status === 201 || created.status === 200, 'a key minted through the proxy', created);
      return created.body.key as string;
    },
  };
}
