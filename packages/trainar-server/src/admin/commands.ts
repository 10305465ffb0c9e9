/**
 * @module The operator commands behind trainar-admin. The same functions run in both modes: in the
 * CLI process against the database (app not running, or PostgreSQL), or inside the running app
 * via POST /_admin/commands/<name> (embedded database owned by the app).
 */
import { badRequest, validationError, z } from '@platform/kit';
import { isScope, SCOPES } from '@trainar/api';
import type { presentKey } from '../api-keys/service';
import type { TrainArServices } from '../services';
import { passwordProblem } from '../users/passwords';

const tenantArg = z.guid({ message: 'expected a tenant id (UUID); see list-tenants' });

const schemas = {
  'create-tenant': z.object({
    name: z.string().trim().min(1).max(200),
    admin_email: z.email({ message: 'expected an email address' }).max(254),
    admin_name: z.string().trim().min(1).max(200).optional(),
    admin_password: z.string().optional(),
  }),
  'create-key': z.object({
    tenant: tenantArg,
    name: z.string().trim().min(1).max(100),
    // ["all"] grants every scope; anything else must be known scope names (400 naming scopes.<i>).
    scopes: z
      .array(z.string())
      .min(1, { message: 'give at least one scope, or all' })
      .transform((list, ctx) => {
        if (list.length === 1 && list[0] === 'all') return [...SCOPES];
        list.forEach((scope, i) => {
          if (!isScope(scope)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown scope "${scope}"; known scopes: ${SCOPES.join(', ')}, or all` });
        });
        return list;
      }),
  }),
  'list-tenants': z.object({}),
  'disable-tenant': z.object({ tenant: tenantArg }),
  'enable-tenant': z.object({ tenant: tenantArg }),
} as const;

export type AdminCommand = keyof typeof schemas;
export const ADMIN_COMMANDS = Object.keys(schemas) as AdminCommand[];

export function isAdminCommand(name: string): name is AdminCommand {
  return name in schemas;
}

export async function runAdminCommand(services: TrainArServices, name: AdminCommand, rawArgs: unknown): Promise<Record<string, unknown>> {
  const parsed = schemas[name].safeParse(rawArgs ?? {});
  if (!parsed.success) throw validationError(parsed.error, 'input');
  switch (name) {
    case 'create-tenant': {
      const args = parsed.data as z.output<(typeof schemas)['create-tenant']>;
      if (args.admin_password !== undefined) {
        const problem = passwordProblem(args.admin_password);
        if (problem) throw badRequest(`Invalid input: admin_password: ${problem}`, { field: 'admin_password' });
      }
      const { tenant, admin, invitation } = await services.tenants.create({
        name: args.name,
        adminEmail: args.admin_email,
        adminName: args.admin_name,
        adminPassword: args.admin_password,
      });
      return { tenant_id: tenant.id, admin_user_id: admin.id, tenant, admin, set_password_url: invitation?.url ?? null };
    }
    case 'create-key': {
      const args = parsed.data as z.output<(typeof schemas)['create-key']>;
      const tenant = await services.tenants.get(args.tenant);
      const created = await services.apiKeys.create(tenant.id, { kind: 'operator' }, { name: args.name, scopes: args.scopes });
      return { ...created, tenant_id: tenant.id };
    }
    case 'list-tenants':
      return { tenants: await services.tenants.list() };
    case 'disable-tenant':
    case 'enable-tenant': {
      const args = parsed.data as { tenant: string };
      const tenant = await services.tenants.setStatus(args.tenant, name === 'disable-tenant' ? 'disabled' : 'active');
      return { tenant };
    }
  }
}

/** One-line human summaries (without --json). */
export function summarizeAdminResult(name: AdminCommand, out: Record<string, unknown>): string {
  switch (name) {
    case 'create-tenant': {
      const tenant = out.tenant as { name: string; id: string };
      const admin = out.admin as { email: string; id: string; status: string };
      const next = out.set_password_url ? `\nThe admin sets a password with this link (also mailed): ${out.set_password_url}` : '';
      return `Created tenant ${tenant.name} (${tenant.id}) with admin ${admin.email} (${admin.id}, ${admin.status}).${next}`;
    }
    case 'create-key': {
      const key = out as ReturnType<typeof presentKey> & { key: string; tenant_id: string };
      return `Created key ${key.name} (${key.id}) for tenant ${key.tenant_id} with ${key.scopes.join(', ')}:\n${key.key}\nStore it now: it is not shown again.`;
    }
    case 'list-tenants': {
      const tenants = out.tenants as Array<{ id: string; name: string; status: string; users: number; active_api_keys: number }>;
      if (tenants.length === 0) return 'No tenants yet. Create one with: trainar-admin create-tenant --name N --admin-email E';
      return tenants.map((t) => `${t.id}  ${t.status.padEnd(8)}  ${String(t.users).padStart(3)} users  ${String(t.active_api_keys).padStart(3)} keys  ${t.name}`).join('\n');
    }
    case 'disable-tenant':
    case 'enable-tenant': {
      const tenant = out.tenant as { id: string; name: string; status: string };
      return `Tenant ${tenant.name} (${tenant.id}) is ${tenant.status}.`;
    }
  }
}
