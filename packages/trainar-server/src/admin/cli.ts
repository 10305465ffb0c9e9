/**
 * @module trainar-admin: the operator CLI (create a tenant and its first admin, mint a key, list,
 * disable and enable tenants). Acts on the same DATA_DIR / DATABASE_URL as the app, whether or not
 * the app is running (see ./backend.ts). Prints a summary, or the JSON result with --json.
 */
import { resolve } from 'node:path';
import { type CliIo, ConfigError, createLogger, DataDirBusyError, defaultIo, EXIT, exitCodeForStatus, loadConfig } from '@platform/kit';
import { SCOPES } from '@trainar/api';
import { Command, CommanderError } from 'commander';
import { trainarConfigSchema, trainarServiceConfigSchema } from '../config';
import { AdminCommandError, type AdminEnvironment, openAdminBackend } from './backend';
import { type AdminCommand, summarizeAdminResult } from './commands';

const adminConfigSchema = trainarConfigSchema.extend(trainarServiceConfigSchema.shape);

interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  wait: string;
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

export async function runAdminCli(argv: string[], options: AdminCliOptions = {}): Promise<number> {
  const io = options.io ?? defaultIo;
  const env = options.env ?? process.env;
  let exitCode: number = EXIT.ok;

  const program = new Command('trainar-admin')
    .description('TrainAR operator CLI: works on DATA_DIR (embedded database) or DATABASE_URL, whether or not the app is running.')
    .option('--data-dir <dir>', 'data directory (default: $DATA_DIR or ./.data)')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL)')
    .option('--wait <seconds>', 'how long to wait for a busy data directory', '30')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(s.replace(/^error: /, 'Usage error: ')) });

  const run = async (command: Command, name: AdminCommand, args: Record<string, unknown>) => {
    const globals = command.optsWithGlobals() as GlobalOptions & { json?: boolean };
    const backend = await openAdminBackend(environment(globals, env), Number(globals.wait) * 1000);
    try {
      const out = await backend.run(name, args);
      io.out(globals.json ? JSON.stringify(out, null, 2) : summarizeAdminResult(name, out));
    } finally {
      await backend.close();
    }
  };

  program
    .command('create-tenant')
    .description('Create a tenant and its first admin (with --admin-password, or mailed a set-password link)')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--admin-email <email>', "first admin's email (also the sign-in)")
    .option('--admin-name <name>', "first admin's full name (default: the email's local part)")
    .option('--admin-password <password>', 'set the password now (at least 10 characters); omitted: a set-password link is mailed')
    .option('--json', 'print the result as JSON (tenant_id, admin_user_id, tenant, admin, set_password_url)')
    .action((opts, command: Command) =>
      run(command, 'create-tenant', { name: opts.name, admin_email: opts.adminEmail, admin_name: opts.adminName, admin_password: opts.adminPassword }),
    );

  program
    .command('create-key')
    .description('Mint a tak_ API key for a tenant; the key is printed once')
    .requiredOption('--tenant <id>', 'tenant id (see list-tenants)')
    .requiredOption('--name <name>', 'key name')
    .requiredOption('--scopes <scopes>', `comma-separated scopes, or "all" (${SCOPES.join(', ')})`)
    .option('--json', 'print the result as JSON ({key, id, name, scopes, masked_key, ...})')
    .action((opts, command: Command) => {
      const raw = String(opts.scopes).trim();
      const scopes = raw.split(',').map((s) => s.trim()).filter(Boolean);
      return run(command, 'create-key', { tenant: opts.tenant, name: opts.name, scopes });
    });

  program
    .command('list-tenants')
    .description('List every tenant with its status, user count and active key count')
    .option('--json', 'print the result as JSON')
    .action((_opts, command: Command) => run(command, 'list-tenants', {}));

  for (const [name, what] of [
    ['disable-tenant', 'Disable a tenant: its keys get 401 and its users cannot sign in (nothing is deleted)'],
    ['enable-tenant', 'Enable a disabled tenant again'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .requiredOption('--tenant <id>', 'tenant id (see list-tenants)')
      .option('--json', 'print the result as JSON')
      .action((opts, command: Command) => run(command, name, { tenant: opts.tenant }));
  }

  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    for (const sub of cmd.commands) exitOverride(sub);
  };
  exitOverride(program);

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      exitCode = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code) ? EXIT.ok : EXIT.usage;
    } else if (err instanceof AdminCommandError) {
      io.err(err.status === 0 ? `Error (${err.code}): ${err.message}` : `Error (${err.status} ${err.code}): ${err.message}`);
      if (err.details && Object.keys(err.details).length) io.err(`Details: ${JSON.stringify(err.details)}`);
      exitCode = exitCodeForStatus(err.status);
    } else if (err instanceof ConfigError || err instanceof DataDirBusyError) {
      io.err(err.message);
      exitCode = err instanceof ConfigError ? EXIT.usage : EXIT.error;
    } else {
      io.err(`Error: ${(err as Error).message}`);
      exitCode = EXIT.error;
    }
  }
  return exitCode;
}

