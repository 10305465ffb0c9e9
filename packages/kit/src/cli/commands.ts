/**
 * @module CLI commands derived from operation contracts: command words from the contract, path
 * parameters as positional arguments, every other input field as a `--kebab-case` flag typed from
 * the schema, `--json` for the raw API response. Errors print one line with status, code and
 * message, then the details, and exit with a documented code.
 */
import { Command, CommanderError, Option } from 'commander';
import { ApiClientError, type HttpClient } from '../client/http-client';
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, cliWords, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas, primitiveType, propertiesOf, requiredOf } from '../operations/json-schema';
import { EXIT, exitCodeForStatus } from './exit-codes';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface GlobalFlags {
  json?: boolean;
  baseUrl?: string;
  token?: string;
}

export interface CliOptions {
  api: ApiDefinition;
  name: string;
  version: string;
  description?: string;
  createClient(flags: GlobalFlags): HttpClient;
  /** Adds commands that are not plain operations (auth flows, completion). */
  extend?(program: Command, io: CliIo): void;
  io?: CliIo;
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function printApiError(io: CliIo, err: ApiClientError): void {
  io.err(err.status === 0 ? `Error (network ${err.code}): ${err.message}` : `Error (HTTP ${err.status} ${err.code}): ${err.message}`);
  if (err.details && Object.keys(err.details).length) io.err(`Details: ${JSON.stringify(err.details)}`);
}

function groupFor(parent: Command, word: string): Command {
  const existing = parent.commands.find((c) => c.name() === word);
  return existing ?? parent.command(word).description(`${word} commands`);
}

function parseFlagValue(raw: string, prop: JsonSchema | undefined, flag: string): unknown {
  const type = primitiveType(prop);
  if (type === 'number' || type === 'integer') {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new CommanderError(EXIT.usage, 'usage', `--${flag} expects a number, got "${raw}"`);
    return n;
  }
  if (type === 'object') {
    try {
      return JSON.parse(raw);
    } catch {
      throw new CommanderError(EXIT.usage, 'usage', `--${flag} expects JSON, e.g. --${flag} '{"key":"value"}'`);
    }
  }
  return raw;
}

function addOperationCommand(program: Command, op: AnyOperation, options: CliOptions, io: CliIo): void {
  const words = cliWords(op, options.api.product);
  let parent = program;
  for (const word of words.slice(0, -1)) parent = groupFor(parent, word);
  const cmd = parent.command(words[words.length - 1]).description(op.description);
  const schema = operationSchemas(op).input;
  const props = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const params = pathParams(op.path);
  for (const p of params) cmd.argument(`<${p}>`, props[p]?.description as string | undefined);
  for (const [name, prop] of Object.entries(props)) {
    if (params.includes(name)) continue;
    const flag = kebab(name);
    const type = primitiveType(prop);
    const description = [(prop.description as string | undefined) ?? '', Array.isArray(prop.enum) ? `(one of: ${(prop.enum as string[]).join(', ')})` : ''].filter(Boolean).join(' ');
    let option: Option;
    if (type === 'boolean') option = new Option(`--${flag}`, description);
    else if (type === 'array') option = new Option(`--${flag} <values...>`, `${description} (repeat or comma-separate)`);
    else option = new Option(`--${flag} <${type === 'number' || type === 'integer' ? 'number' : type === 'object' ? 'json' : 'value'}>`, description);
    if (required.has(name) && type !== 'boolean') option.makeOptionMandatory(true);
    cmd.addOption(option);
    if (type === 'boolean') cmd.addOption(new Option(`--no-${flag}`).hideHelp());
  }
  cmd.action(async (...args: unknown[]) => {
    const local = args[params.length] as Record<string, unknown>;
    const command = args[params.length + 1] as Command;
    const globals = command.optsWithGlobals() as GlobalFlags;
    const input: Record<string, unknown> = {};
    params.forEach((p, i) => {
      input[p] = args[i];
    });
    for (const [key, value] of Object.entries(local)) {
      const field = Object.keys(props).find((n) => camel(kebab(n)) === key);
      if (!field || value === undefined) continue;
      const prop = props[field];
      if (Array.isArray(value)) {
        const items = value.flatMap((v) => String(v).split(',')).filter(Boolean);
        input[field] = items.map((v) => parseFlagValue(v, prop.items as JsonSchema, kebab(field)));
      } else if (typeof value === 'string') input[field] = parseFlagValue(value, prop, kebab(field));
      else input[field] = value;
    }
    const client = options.createClient(globals);
    const output = await client.call(op, input as never);
    io.out(globals.json ? JSON.stringify(output, null, 2) : op.summarize(output as never, input as never));
  });
}

export function buildCli(options: CliOptions): { program: Command; io: CliIo } {
  const io = options.io ?? defaultIo;
  const program = new Command(options.name)
    .description(options.description ?? options.api.title)
    .version(options.version, '-v, --version')
    .option('--json', 'print the raw API response as JSON')
    .option('--base-url <url>', 'API base URL')
    .option('--token <token>', 'API token (prefer the environment or the saved config)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(s.replace(/^error: /, 'Usage error: ')) });
  for (const op of options.api.operations) if (!op.exclude?.includes('cli')) addOperationCommand(program, op, options, io);
  options.extend?.(program, io);
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    for (const sub of cmd.commands) exitOverride(sub);
  };
  exitOverride(program);
  return { program, io };
}

/** Runs the CLI and returns the process exit code (never calls process.exit itself). */
export async function runCli(options: CliOptions, argv: string[]): Promise<number> {
  const { program, io } = buildCli(options);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliExit) return err.code;
    if (err instanceof ApiClientError) {
      printApiError(io, err);
      return exitCodeForStatus(err.status);
    }
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'usage') io.err(`Usage error: ${err.message}`);
      return EXIT.usage;
    }
    io.err(`Error: ${(err as Error).message}`);
    return EXIT.error;
  }
}
