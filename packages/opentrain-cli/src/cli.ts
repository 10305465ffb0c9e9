/**
 * @module The `opentrain` command line: one command per CLI-visible operation in the registry
 * (derived by the kit), plus auth flows, `version` and `completion`. Credentials and base URL come
 * from `--base-url`, the environment and cli.json (shared with the MCP server).
 */
import { OPENTRAIN_VERSION, opentrainApi } from '@opentrain/api';
import { resolveForCli, type ResolvedAuth } from '@opentrain/client';
import { type ApiClientError, type CliIo, type CliOptions, createHttpClient, defaultIo, materializeAll, runCli, usageError } from '@platform/kit';
import type { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { addAuthCommands } from './auth';
import { BIN, translateToolNames } from './commands-map';
import { completionScript, SHELLS } from './completion';
import { errorHint } from './hints';
import { renderHuman } from './render';

export const CLI_VERSION: string = pkg.version;

/** Extra flag names users expect from the docs (`jobs draft create --description-file`). */
const ALIASES: Record<string, Record<string, string>> = {
  opentrain_create_job_draft: {
    description: 'jobDescription',
    text: 'jobDescription',
  },
  opentrain_search_jobs: { query: 'q' },
};

/** Namespace help lines (a namespace that no operation uses yet simply does not appear). */
const NAMESPACES: Record<string, string> = {
  jobs: 'draft, publish, edit, close and list your jobs; search the public marketplace',
  'jobs draft': 'create a draft from a description and fill its missing fields',
  proposals: 'review proposals and AI interviews, start conversations, hire',
  freelancers: 'AI trainer profiles (masked names)',
  messages: 'read and send messages in proposal conversations',
  contracts: 'contracts from hires: list, inspect, end',
  milestones: 'create milestones and request funding or approval (a human confirms)',
  approvals: 'the human approvals that gate money movements',
  credits: 'credit balance, ledger and top-ups',
  payments: 'payments waiting for a human',
  updates: 'the account event feed (poll with a cursor)',
  webhooks: 'signed event deliveries to your URL',
  team: 'team members and invites',
  tokens: "this account's API tokens",
};

/** Long free text can come from a file or stdin. */
const FILE_FIELD = /(description|text|content|body|xml|jsonLd|message)$/i;

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  io?: CliIo;
  stderr?: NodeJS.WriteStream;
}

export function cliOptions(options: RunOptions = {}): CliOptions {
  const env = options.env ?? process.env;
  const io = options.io ?? defaultIo;
  let lastAuth: ResolvedAuth | undefined;
  return {
    api: opentrainApi,
    name: BIN,
    version: CLI_VERSION,
    description: `OpenTrain CLI ${CLI_VERSION}: hire AI trainers from the shell (API ${OPENTRAIN_VERSION}). Start with "${BIN} auth register".`,
    io,
    tokenFlag: false,
    pathParamFlags: true,
    setFlag: true,
    aliases: ALIASES,
    fileFlag: (_op, field) => FILE_FIELD.test(field),
    createClient: (flags) => {
      lastAuth = resolveForCli({ baseUrl: flags.baseUrl }, env);
      return createHttpClient(opentrainApi, {
        baseUrl: lastAuth.baseUrl,
        token: lastAuth.token,
        userAgent: `opentrain-cli/${CLI_VERSION}`,
      });
    },
    render: renderHuman,
    describe: translateToolNames,
    errorHint: (err: ApiClientError) => errorHint(err, lastAuth, env),
    extend: (program: Command) => {
      program.addHelpText(
        'after',
        `\nExamples:\n  ${BIN} auth register --agent-name "My agent"\n  ${BIN} jobs draft create --description-file job.txt\n  ${BIN} jobs draft update --job-id <id> --set experienceLevel=INTERMEDIATE\n  ${BIN} jobs publish --job-id <id>\n\nEnvironment: OT_API_TOKEN | OPENTRAIN_API_TOKEN (token), OT_API_BASE_URL | OPENTRAIN_API_BASE_URL (base URL), XDG_CONFIG_HOME (cli.json location).\nExit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 validation, 6 conflict, 7 rate limited, 8 server, 9 network, 10 claim still pending.`,
      );
      for (const [path, text] of Object.entries(NAMESPACES)) {
        let node: Command | undefined = program;
        for (const word of path.split(' ')) node = node?.commands.find((c) => c.name() === word);
        if (node) node.description(text);
      }
      addAuthCommands(program, {
        env,
        io,
        stderr: options.stderr ?? process.stderr,
      });
      // Auth first in the help: it is where every session starts.
      const commands = program.commands as Command[];
      commands.unshift(
        ...commands.splice(
          commands.findIndex((c) => c.name() === 'auth'),
          1,
        ),
      );
      program
        .command('version')
        .description('print the CLI version')
        .action((_opts, cmd: Command) => {
          const json = (cmd.optsWithGlobals() as { json?: boolean }).json;
          io.out(
            json
              ? JSON.stringify(
                  {
                    version: CLI_VERSION,
                    apiVersion: OPENTRAIN_VERSION,
                    node: process.version,
                  },
                  null,
                  2,
                )
              : CLI_VERSION,
          );
        });
      program
        .command('completion')
        .description(`print a shell completion script: source <(${BIN} completion bash)`)
        .argument('<shell>', SHELLS.join(' | '))
        .action((shell: string) => {
          if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(`unknown shell "${shell}": use one of ${SHELLS.join(', ')} (e.g. ${BIN} completion bash)`);
          materializeAll(program);
          io.out(completionScript(shell as (typeof SHELLS)[number], BIN, program));
        });
    },
  };
}

/** Runs `opentrain` with these arguments and returns the exit code. No arguments shows the help. */
export function main(argv: string[], options: RunOptions = {}): Promise<number> {
  return runCli(cliOptions(options), argv.length === 0 ? ['--help'] : argv);
}
