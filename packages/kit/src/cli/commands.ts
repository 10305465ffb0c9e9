/**
 * @module CLI commands derived from operation contracts: command words from the contract, path
 * parameters as positional arguments (optionally also as flags), every other input field as a
 * `--kebab-case` flag typed from the schema, `--set key=value` for field maps, `--<flag>-file` for
 * long text, `--json` for the raw API response. Errors print one line with status, code and
 * message, then the details, and exit with a documented code.
 */
import { Command, CommanderError, Option } from 'commander';
import { ApiClientError, type HttpClient } from '../client/http-client';
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, cliWords, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas, primitiveType, propertiesOf, requiredOf } from '../operations/json-schema';
import { EXIT, exitCodeForStatus } from './exit-codes';
import { applySetPairs, findSetTarget, kebab, parseFlagValue, readTextSource, usageError } from './flags';

export { kebab, camel, usageError, readTextSource } from './flags';

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
  /** Called per command with every global option's value (the product's own global options too). */
  createClient(flags: GlobalFlags & Record<string, unknown>): HttpClient;
  /** Adds commands that are not plain operations (auth flows, completion). */
  extend?(program: Command, io: CliIo): void;
  io?: CliIo;
  /** Adds the global `--token <token>` flag (default true). */
  tokenFlag?: boolean;
  /** Adds the global `--base-url <url>` flag (default true; false for a CLI that reaches no HTTP API of its own choosing). */
  baseUrlFlag?: boolean;
  /** Path parameters may also be given as `--kebab-name` flags (`jobs publish --job-id X`); default false. */
  pathParamFlags?: boolean;
  /** Write operations get a repeatable `--set key=value` filling their field map (or top-level fields). */
  setFlag?: boolean;
  /** Extra flag names per operation name: `{ op_name: { description: 'jobDescription' } }`. */
  aliases?: Record<string, Record<string, string>>;
  /** String fields that also accept `--<flag>-file <path|->` (`-` = standard input). */
  fileFlag?(op: AnyOperation, field: string, prop: JsonSchema): boolean;
  /** Human output for a successful call; default: the contract's `summarize`. */
  render?(op: AnyOperation, output: unknown, input: Record<string, unknown>): string;
  /** Rewrites help texts taken from contracts (e.g. MCP tool names into CLI commands). */
  describe?(text: string): string;
  /** Extra lines printed after an API error (what to do next). */
  errorHint?(err: ApiClientError): string | undefined;
}

export const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function printApiError(io: CliIo, err: ApiClientError, hint?: string): void {
  io.err(err.status === 0 ? `Error (network ${err.code}): ${err.message}` : `Error (HTTP ${err.status} ${err.code}): ${err.message}`);
  if (err.details && Object.keys(err.details).length) io.err(`Details: ${JSON.stringify(err.details)}`);
  if (err.requestId) io.err(`Request ID: ${err.requestId}`);
  if (hint) io.err(hint);
}

/** Full command path without the program name, e.g. `jobs draft create`. */
export function commandPath(cmd: Command): string {
  const words: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
  return words.join(' ');
}

function groupFor(parent: Command, word: string): Command {
  const existing = parent.commands.find((c) => c.name() === word);
  return existing ?? materializeOnDispatch(parent.command(word).description(`${word} commands`));
}

interface FieldFlag {
  field: string;
  prop: JsonSchema;
  /** Option attribute names (commander camelCase) that fill this field. */
  keys: string[];
  /** Option attribute names whose value is a file to read. */
  fileKeys: string[];
  flags: string[];
}

function optionFor(flag: string, prop: JsonSchema, description: string): Option {
  const type = primitiveType(prop);
  if (type === 'boolean') return new Option(`--${flag}`, description);
  if (type === 'array') return new Option(`--${flag} <values...>`, `${description} (repeat or comma-separate)`.trim());
  return new Option(`--${flag} <${type === 'number' || type === 'integer' ? 'number' : type === 'object' ? 'json' : 'value'}>`, description);
}

/**
 * Arguments, options and the action of an operation command are added when the command is about
 * to run or show its help: deriving JSON Schemas for every operation is most of a cold start.
 */
const pending = new WeakMap<Command, () => void>();

function materialize(cmd: Command): void {
  const complete = pending.get(cmd);
  if (!complete) return;
  pending.delete(cmd);
  complete();
}

/** Completes every command below `cmd` (completion scripts and tests need the whole tree). */
export function materializeAll(cmd: Command): void {
  materialize(cmd);
  for (const sub of cmd.commands) materializeAll(sub);
}

/** Before dispatching to a subcommand: complete it, and its children for its help listing. */
function materializeOnDispatch(cmd: Command): Command {
  return cmd.hook('preSubcommand', (_parent, sub) => {
    materialize(sub);
    for (const child of sub.commands) materialize(child);
  });
}

function addOperationCommand(program: Command, op: AnyOperation, options: CliOptions, io: CliIo): void {
  const words = cliWords(op, options.api.product);
  let parent = program;
  for (const word of words.slice(0, -1)) parent = groupFor(parent, word);
  const describe = options.describe ?? ((text: string) => text);
  const cmd = parent.command(words[words.length - 1]).description(describe(op.description));
  pending.set(cmd, () => completeOperationCommand(cmd, op, words, options, io));
}

function completeOperationCommand(cmd: Command, op: AnyOperation, words: string[], options: CliOptions, io: CliIo): void {
  const describe = options.describe ?? ((text: string) => text);
  const schema = operationSchemas(op).input;
  const props = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const params = pathParams(op.path);
  const aliases = options.aliases?.[op.name] ?? {};
  for (const p of params) cmd.argument(options.pathParamFlags ? `[${p}]` : `<${p}>`, describe((props[p]?.description as string | undefined) ?? ''));
  const fieldFlags: FieldFlag[] = [];
  for (const [name, prop] of Object.entries(props)) {
    const type = primitiveType(prop);
    const isParam = params.includes(name);
    if (isParam && !options.pathParamFlags) continue;
    const description = [describe((prop.description as string | undefined) ?? ''), Array.isArray(prop.enum) ? `(one of: ${(prop.enum as string[]).join(', ')})` : ''].filter(Boolean).join(' ');
    // An alias never shadows a real field's flag (`--query` stays the `query` field if there is one).
    const taken = (flag: string) => Object.keys(props).some((n) => n !== name && kebab(n) === flag) || cmd.options.some((o) => o.long === `--${flag}`);
    const names = [
      kebab(name),
      ...Object.entries(aliases)
        .filter(([alias, field]) => field === name && !taken(kebab(alias)))
        .map(([alias]) => kebab(alias)),
    ];
    const entry: FieldFlag = {
      field: name,
      prop,
      keys: [],
      fileKeys: [],
      flags: [],
    };
    const withFile = type === 'string' && !isParam && (options.fileFlag?.(op, name, prop) ?? false);
    for (const flag of names) {
      const option = optionFor(flag, prop, flag === names[0] ? (isParam ? `${description || name} (or pass it as an argument)` : description) : `same as --${names[0]}`);
      cmd.addOption(option);
      entry.keys.push(option.attributeName());
      entry.flags.push(option.flags);
      if (type === 'boolean') cmd.addOption(new Option(`--no-${flag}`).hideHelp());
      if (withFile && !taken(`${flag}-file`)) {
        const fileOption = new Option(`--${flag}-file <path>`, `read --${flag} from a file, or - for standard input`);
        cmd.addOption(fileOption);
        entry.fileKeys.push(fileOption.attributeName());
        entry.flags.push(fileOption.flags);
      }
    }
    const alternatives = entry.flags.length > 1;
    if (required.has(name) && type !== 'boolean' && !isParam && !alternatives && !options.setFlag) cmd.options.find((o) => o.flags === entry.flags[0])?.makeOptionMandatory(true);
    fieldFlags.push(entry);
  }
  const writes = op.method !== 'GET' && !op.annotations.readOnlyHint;
  // `--set` belongs to "update fields by name" operations: a `fields` map, or a PATCH.
  const setTarget = options.setFlag && writes && ('fields' in props || op.method === 'PATCH') ? findSetTarget(props, params) : undefined;
  if (setTarget) {
    const keys = Object.keys(propertiesOf(setTarget.schema));
    const shown = keys.length ? ` Keys: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''}.` : '';
    cmd.addOption(new Option('--set <key=value...>', `set a field (repeatable; lists comma-separated or JSON).${shown}`));
  }

  cmd.action(async (...args: unknown[]) => {
    const local = args[params.length] as Record<string, unknown>;
    const command = args[params.length + 1] as Command;
    const globals = command.optsWithGlobals() as GlobalFlags & Record<string, unknown>;
    const input: Record<string, unknown> = {};
    params.forEach((p, i) => {
      if (args[i] !== undefined) input[p] = args[i];
    });
    for (const entry of fieldFlags) {
      const { field, prop } = entry;
      for (const key of entry.fileKeys) {
        if (local[key] !== undefined) input[field] = await readTextSource(String(local[key]), kebab(key));
      }
      for (const key of entry.keys) {
        const value = local[key];
        if (value === undefined) continue;
        if (params.includes(field) && input[field] !== undefined && input[field] !== value) {
          throw usageError(`${field} given twice ("${input[field]}" and --${kebab(field)} "${value}"): pass it once`);
        }
        if (Array.isArray(value)) {
          const items = value.flatMap((v) => String(v).split(',')).filter(Boolean);
          input[field] = items.map((v) => parseFlagValue(v, prop.items as JsonSchema, kebab(field)));
        } else if (typeof value === 'string') input[field] = parseFlagValue(value, prop, kebab(field));
        else input[field] = value;
      }
    }
    if (setTarget && Array.isArray(local.set)) {
      if (setTarget.field) {
        const into = {
          ...((input[setTarget.field] as Record<string, unknown> | undefined) ?? {}),
        };
        applySetPairs(local.set as string[], setTarget, into);
        input[setTarget.field] = into;
      } else applySetPairs(local.set as string[], setTarget, input);
    }
    for (const p of params) {
      if (input[p] === undefined) {
        throw usageError(`missing <${p}>: pass it as an argument or with --${kebab(p)} <${p}> (${options.name} ${words.join(' ')} <${p}>)`);
      }
    }
    for (const entry of fieldFlags) {
      if (required.has(entry.field) && input[entry.field] === undefined && primitiveType(entry.prop) !== 'boolean' && !params.includes(entry.field)) {
        throw usageError(`required option '${entry.flags.join("' or '")}' not specified`);
      }
    }
    const client = options.createClient(globals);
    const output = await client.call(op, input as never);
    io.out(globals.json ? JSON.stringify(output, null, 2) : options.render ? options.render(op, output, input) : op.summarize(output as never, input as never));
  });
}

export function buildCli(options: CliOptions): { program: Command; io: CliIo } {
  const io = options.io ?? defaultIo;
  const program = new Command(options.name)
    .description(options.description ?? options.api.title)
    .version(options.version, '-v, --version')
    .option('--json', 'print the raw API response as JSON');
  if (options.baseUrlFlag !== false) program.option('--base-url <url>', 'API base URL');
  if (options.tokenFlag !== false) program.option('--token <token>', 'API token (prefer the environment or the saved config)');
  program.showSuggestionAfterError(true).configureOutput({
    writeOut: (s) => io.out(s),
    writeErr: (s) => io.err(s),
    outputError: (s, write) => write(s.replace(/^error: /, 'Usage error: ')),
  });
  materializeOnDispatch(program);
  for (const op of options.api.operations) if (!op.exclude?.includes('cli')) addOperationCommand(program, op, options, io);
  options.extend?.(program, io);
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride((err) => {
      throw Object.assign(err, { commandPath: commandPath(cmd) });
    });
    for (const sub of cmd.commands) exitOverride(sub);
  };
  exitOverride(program);
  return { program, io };
}

/** Runs the CLI and returns the process exit code (never calls process.exit itself). */
export async function runCli(options: CliOptions, argv: string[]): Promise<number> {
  const { program, io } = buildCli(options);
  let running: Command | undefined;
  program.hook('preAction', (_root, action) => {
    running = action;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliExit) return err.code;
    if (err instanceof ApiClientError) {
      printApiError(io, err, options.errorHint?.(err));
      return exitCodeForStatus(err.status);
    }
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'usage') io.err(`Usage error: ${err.message}`);
      const path = (err as CommanderError & { commandPath?: string }).commandPath ?? (running ? commandPath(running) : '');
      io.err(`Run "${[options.name, path, '--help'].filter(Boolean).join(' ')}" for usage.`);
      return EXIT.usage;
    }
    io.err(`Error: ${(err as Error).message}`);
    return EXIT.error;
  }
}
