/**
 * @module trainar-admin: the operator CLI (create a tenant and its first admin, mint a key, list,
 * disable and enable tenants), derived from the operator contracts (contracts.ts) by the kit's
 * `buildCli` like every product CLI: flags, help, validation, exit codes and --json come from there.
 * Acts on the same DATA_DIR / DATABASE_URL as the app, whether or not the app is running (see
 * ./backend.ts): the "HTTP client" handed to the kit runs each command through that backend.
 */
import { resolve } from 'node:path';
import { type CliIo, type CliOptions, ConfigError, createLogger, defaultIo, EXIT, type HttpClient, loadConfig, runCli, usageError } from '@platform/kit';
import { TRAINAR_VERSION } from '@trainar/api';
import { trainarConfigSchema, trainarServiceConfigSchema } from '../config';
import { type AdminEnvironment, openAdminBackend } from './backend';
import { adminApi } from './contracts';

const adminConfigSchema = trainarConfigSchema.extend(trainarServiceConfigSchema.shape);

interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  wait?: string;
}

export interface AdminCliOptions {
  env?: Record<string, string | undefined>;
  io?: CliIo;
}

function environment(globals: GlobalOptions, env: Record<string, string | undefined>): AdminEnvironment {
  const config = loadConfig(adminConfigSchema, env);
  const databaseUrl = globals.databaseUrl ?? config.DATABASE_URL;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: expected a postgres:// URL');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return {
    dataDir: resolve(globals.dataDir ?? config.DATA_DIR),
    databaseUrl,
    publicUrl: config.TRAINAR_PUBLIC_URL ?? `http://${host}:${config.TRAINAR_PORT}`,
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    settings: { inviteTtlHours: config.TRAINAR_INVITE_TTL_HOURS, apiRateLimitPerMinute: config.TRAINAR_API_RATE_LIMIT },
    // Command output goes to stdout; the few log lines (mail failures) go to stderr.
    logger: createLogger({ name: 'trainar-admin', fd: 2, level: env.LOG_LEVEL ?? 'warn' }),
  };
}

/** Opens the backend for one command (directly, or through the running app) and closes it after. */
function backendClient(globals: GlobalOptions, env: Record<string, string | undefined>): HttpClient {
  return {
    async call(op, input) {
      let adminEnv: AdminEnvironment;
      try {
        adminEnv = environment(globals, env);
      } catch (err) {
        throw err instanceof ConfigError ? usageError(err.message) : err;
      }
      const wait = Number(globals.wait ?? 30);
      if (!Number.isFinite(wait) || wait < 0) throw usageError(`--wait expects seconds (a number of 0 or more), got "${globals.wait}"`);
      const backend = await openAdminBackend(adminEnv, wait * 1000);
      try {
        return (await backend.call(op, input as Record<string, unknown>)) as never;
      } finally {
        await backend.close();
      }
    },
    request() {
      throw new Error('trainar-admin runs operator commands only');
    },
  };
}

export async function runAdminCli(argv: string[], options: AdminCliOptions = {}): Promise<number> {
  const io = options.io ?? defaultIo;
  const env = options.env ?? process.env;
  const cli: CliOptions = {
    api: adminApi,
    name: 'trainar-admin',
    version: TRAINAR_VERSION,
    io,
    tokenFlag: false,
    baseUrlFlag: false,
    createClient: (flags) => backendClient(flags as GlobalOptions, env),
    extend: (program) => {
      program
        .option('--data-dir <dir>', 'data directory (default: $DATA_DIR or ./.data)')
        .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL)')
        .option('--wait <seconds>', 'how long to wait for a busy data directory', '30');
    },
  };
  if (argv.length === 0) {
    await runCli(cli, ['--help']);
    return EXIT.usage;
  }
  return runCli(cli, argv);
}
