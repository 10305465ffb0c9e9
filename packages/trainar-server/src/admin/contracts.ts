/**
 * @module The operator commands as kit contracts: trainar-admin's flags, help, validation, exit
 * codes and --json output are derived from them by `buildCli`, and the app's loopback endpoint
 * (`POST /_admin/commands/<command>`) is the same contracts' path. They are operator-only: not in
 * the tenant API, its OpenAPI or MCP.
 */
import { defineApi, defineOperation, z } from '@platform/kit';
import { ApiKey, isScope, SCOPES, TRAINAR_VERSION, Timestamp, trainarErrorModel, User } from '@trainar/api';

const TenantId = z.guid({ message: 'expected a tenant id (UUID); see list-tenants' }).describe('Tenant id (see list-tenants)');

const Tenant = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'disabled']),
  timezone: z.string(),
  country: z.string().nullable(),
  language: z.string(),
  created_at: Timestamp,
  disabled_at: Timestamp.nullable(),
});

const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const operator = { auth: 'none' as const, scopes: [] as string[], exclude: ['mcp'] as Array<'mcp' | 'cli'> };

export const createTenant = defineOperation({
  ...operator,
  name: 'create_tenant',
  method: 'POST',
  path: '/create-tenant',
  cli: ['create-tenant'],
  description: 'Create a tenant and its first admin (with --admin-password, or mailed a set-password link)',
  input: z.object({
    name: z.string().trim().min(1).max(200).describe('Organisation name'),
    admin_email: z.email({ message: 'expected an email address' }).max(254).describe("First admin's email (also the sign-in)"),
    admin_name: z.string().trim().min(1).max(200).optional().describe("First admin's full name (default: the email's local part)"),
    admin_password: z.string().optional().describe('Set the password now (at least 10 characters); omitted: a set-password link is mailed'),
  }),
  output: z.object({ tenant_id: z.string(), admin_user_id: z.string(), tenant: Tenant, admin: User, set_password_url: z.string().nullable() }),
  annotations: writes,
  summarize: (out) =>
    `Created tenant ${out.tenant.name} (${out.tenant.id}) with admin ${out.admin.email} (${out.admin.id}, ${out.admin.status}).` +
    (out.set_password_url ? `\nThe admin sets a password with this link (also mailed): ${out.set_password_url}` : ''),
});

export const createKey = defineOperation({
  ...operator,
  name: 'create_key',
  method: 'POST',
  path: '/create-key',
  cli: ['create-key'],
  description: 'Mint a tak_ API key for a tenant; the key is printed once',
  input: z.object({
    tenant: TenantId,
    name: z.string().trim().min(1).max(100).describe('Key name'),
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
      })
      .describe(`Scopes, or "all" (${SCOPES.join(', ')})`),
  }),
  output: ApiKey.extend({ key: z.string(), tenant_id: z.string() }),
  annotations: writes,
  summarize: (key) => `Created key ${key.name} (${key.id}) for tenant ${key.tenant_id} with ${key.scopes.join(', ')}:\n${key.key}\nStore it now: it is not shown again.`,
});

export const listTenants = defineOperation({
  ...operator,
  name: 'list_tenants',
  method: 'POST',
  path: '/list-tenants',
  cli: ['list-tenants'],
  description: 'List every tenant with its status, user count and active key count',
  input: z.object({}),
  output: z.object({ tenants: z.array(Tenant.extend({ users: z.number().int(), active_api_keys: z.number().int() })) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  summarize: ({ tenants }) =>
    tenants.length === 0
      ? 'No tenants yet. Create one with: trainar-admin create-tenant --name N --admin-email E'
      : tenants.map((t) => `${t.id}  ${t.status.padEnd(8)}  ${String(t.users).padStart(3)} users  ${String(t.active_api_keys).padStart(3)} keys  ${t.name}`).join('\n'),
});

const tenantStatusChange = (name: 'disable_tenant' | 'enable_tenant', description: string) =>
  defineOperation({
    ...operator,
    name,
    method: 'POST',
    path: `/${name.replace('_', '-')}`,
    cli: [name.replace('_', '-')],
    description,
    input: z.object({ tenant: TenantId }),
    output: z.object({ tenant: Tenant }),
    annotations: { ...writes, idempotentHint: true },
    summarize: ({ tenant }) => `Tenant ${tenant.name} (${tenant.id}) is ${tenant.status}.`,
  });

export const disableTenant = tenantStatusChange('disable_tenant', 'Disable a tenant: its keys get 401 and its users cannot sign in (nothing is deleted)');
export const enableTenant = tenantStatusChange('enable_tenant', 'Enable a disabled tenant again');

export const adminApi = defineApi({
  product: 'trainar_admin',
  title: 'TrainAR operator CLI: works on DATA_DIR (embedded database) or DATABASE_URL, whether or not the app is running.',
  version: TRAINAR_VERSION,
  basePath: '/_admin/commands',
  errorModel: trainarErrorModel,
  operations: [createTenant, createKey, listTenants, disableTenant, enableTenant],
});
