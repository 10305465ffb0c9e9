/**
 * @module Operation names ↔ CLI commands. Contract summaries are written for MCP and name tools
 * (`opentrain_claim_account`); the CLI shows the matching command instead, derived from the registry.
 */
import { type AnyOperation, cliWords, pathParams } from '@platform/kit';
import { opentrainApi } from '@opentrain/api';

export const BIN = 'opentrain';

/** Onboarding tools live outside the registry (they write cli.json); these are their CLI twins. */
const ONBOARDING: Record<string, string> = {
  opentrain_register_agent: `${BIN} auth register`,
  opentrain_claim_account: `${BIN} auth claim --email <owner-email>`,
  opentrain_claim_status: `${BIN} auth claim-status --wait`,
};

export function cliOperations(): AnyOperation[] {
  return opentrainApi.operations.filter((op) => !op.exclude?.includes('cli'));
}

export function findOperation(name: string): AnyOperation | undefined {
  return cliOperations().find((op) => op.name === name);
}

/** `opentrain jobs publish --job-id <jobId>`; path parameters filled from `values` when given. */
export function commandFor(name: string, values: Record<string, unknown> = {}): string | undefined {
  if (ONBOARDING[name]) return ONBOARDING[name];
  const op = findOperation(name);
  if (!op) return undefined;
  const params = pathParams(op.path).map((p) => `--${p.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()} ${values[p] ?? `<${p}>`}`);
  return [BIN, ...cliWords(op, opentrainApi.product), ...params].join(' ');
}

/**
 * Replaces MCP tool names in a summary with the CLI command doing the same thing; "<tool> with
 * jobId X" becomes the command with `--job-id X` filled in.
 */
export function translateToolNames(text: string): string {
  return text.replace(/\bopentrain_[a-z0-9_]+\b(?: with (\w+) ([A-Za-z0-9_-]+))?/g, (match: string, param?: string, value?: string) => {
    const tool = match.match(/^opentrain_[a-z0-9_]+/)?.[0] ?? match;
    const op = findOperation(tool);
    if (param && value && op && pathParams(op.path).includes(param)) return `"${commandFor(tool, { [param]: value })}"`;
    const command = commandFor(tool);
    return command ? `"${command}"${match.slice(tool.length)}` : match;
  });
}
