/**
 * @module What each operator command does (contracts.ts says what it takes and returns). The same
 * handlers run in both modes: in the CLI process against the database (app not running, or
 * PostgreSQL), or inside the running app via POST /_admin/commands/<command> (embedded database
 * owned by the app).
 */
import { type AnyOperation, assertOutputMatches, badRequest, notFound, outputValidationDefault, validationError, type z } from '@platform/kit';
import type { AppServices } from '../composition';
import { passwordProblem } from '../users';
import { adminApi, type createKey, type createTenant, type disableTenant, type listTenants } from './contracts';

type Handler<O extends AnyOperation> = (services: AppServices, input: z.output<O['input']>) => Promise<z.output<O['output']>>;

const setStatus = (status: 'active' | 'disabled') => async (services: AppServices, input: { tenant: string }) => ({ tenant: await services.tenants.setStatus(input.tenant, status) });

const handlers: {
  create_tenant: Handler<typeof createTenant>;
  create_key: Handler<typeof createKey>;
  list_tenants: Handler<typeof listTenants>;
  disable_tenant: Handler<typeof disableTenant>;
  enable_tenant: Handler<typeof disableTenant>;
} = {
  async create_tenant(services, args) {
    if (args.admin_password !== undefined) {
      const problem = passwordProblem(args.admin_password);
      if (problem) throw badRequest(`Invalid input: admin_password: ${problem}`, { field: 'admin_password' });
    }
    const { tenant, admin, invitation } = await services.tenants.create({ name: args.name, adminEmail: args.admin_email, adminName: args.admin_name, adminPassword: args.admin_password });
    return { tenant_id: tenant.id, admin_user_id: admin.id, tenant, admin, set_password_url: invitation?.url ?? null };
  },
  async create_key(services, args) {
    const tenant = await services.tenants.get(args.tenant);
    const created = await services.apiKeys.create(tenant.id, { kind: 'operator' }, { name: args.name, scopes: args.scopes });
    return { ...created, tenant_id: tenant.id };
  },
  list_tenants: async (services) => ({ tenants: await services.tenants.list() }),
  disable_tenant: setStatus('disabled'),
  enable_tenant: setStatus('active'),
};

/** The command served at `/_admin/commands/<command>` (its contract's path). */
export function adminOperationAt(command: string): AnyOperation {
  const op = adminApi.operations.find((o) => o.path === `/${command}`);
  if (!op) throw notFound(`No operator command ${command}; known: ${adminApi.operations.map((o) => o.path.slice(1)).join(', ')}.`);
  return op;
}

/** Validates the raw input against the contract (400 naming the field) and runs the command. */
export async function runAdminOperation(services: AppServices, op: AnyOperation, rawInput: unknown): Promise<unknown> {
  const parsed = op.input.safeParse(rawInput ?? {});
  if (!parsed.success) throw validationError(parsed.error, 'input');
  const output = await (handlers[op.name as keyof typeof handlers] as Handler<AnyOperation>)(services, parsed.data);
  // As on REST: under tests (and with VALIDATE_OUTPUT=1) a result outside the contract is a 500.
  if (outputValidationDefault()) assertOutputMatches(op, output);
  return output;
}
