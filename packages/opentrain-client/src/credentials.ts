/**
 * @module The credentials file shared by the MCP server and the CLI:
 * `${XDG_CONFIG_HOME:-~/.config}/opentrain/cli.json`, mode 0600,
 * `{"apiToken": "ot_pat_…", "baseUrl": "…", "claimToken": "ot_clm_…"}`.
 * Written atomically (temp file + rename) so a crash never leaves half a file.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

export const credentialsSchema = z.object({
  apiToken: z.string().optional(),
  baseUrl: z.string().optional(),
  claimToken: z.string().optional(),
  /** When the claim ceremony was started (for `claim-status` without arguments). */
  claimEmail: z.string().optional(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== '' ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'opentrain', 'cli.json');
}

export class CredentialsFileError extends Error {}

export function readCredentials(path = credentialsPath()): Credentials | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CredentialsFileError(`${path} is not valid JSON. Fix it or delete it (opentrain auth logout).`);
  }
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new CredentialsFileError(`${path} has an unexpected shape: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function writeCredentials(credentials: Credentials, path = credentialsPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  const clean = Object.fromEntries(Object.entries(credentials).filter(([, v]) => v !== undefined && v !== ''));
  writeFileSync(tmp, `${JSON.stringify(clean, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function updateCredentials(patch: Partial<Record<keyof Credentials, string | undefined>>, path = credentialsPath()): Credentials {
  const next = { ...(readCredentials(path) ?? {}), ...patch } as Credentials;
  writeCredentials(next, path);
  return next;
}

export function deleteCredentials(path = credentialsPath()): boolean {
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}

export type TokenSource = 'env' | 'flag' | 'file' | 'none';

export interface ResolvedAuth {
  token: string | null;
  tokenSource: TokenSource;
  baseUrl: string;
  credentials: Credentials | null;
}

/**
 * MCP precedence: OPENTRAIN_PERSONAL_API_TOKEN wins outright (the file is not read for the token);
 * else the file; else tokenless. Base URL: OPENTRAIN_API_BASE_URL, then the file, then the default.
 */
export function resolveForMcp(env: NodeJS.ProcessEnv = process.env): ResolvedAuth {
  const envToken = env.OPENTRAIN_PERSONAL_API_TOKEN?.trim();
  const path = credentialsPath(env);
  if (envToken) {
    let fileBase: string | undefined;
    if (!env.OPENTRAIN_API_BASE_URL) fileBase = safeRead(path)?.baseUrl;
    return { token: envToken, tokenSource: 'env', baseUrl: env.OPENTRAIN_API_BASE_URL || fileBase || DEFAULT_BASE_URL, credentials: null };
  }
  const file = safeRead(path);
  return { token: file?.apiToken ?? null, tokenSource: file?.apiToken ? 'file' : 'none', baseUrl: env.OPENTRAIN_API_BASE_URL || file?.baseUrl || DEFAULT_BASE_URL, credentials: file };
}

/**
 * CLI precedence: `--token` flag > OT_API_TOKEN | OPENTRAIN_API_TOKEN > file. Base URL: `--base-url`
 * > OT_API_BASE_URL | OPENTRAIN_API_BASE_URL > file > default.
 */
export function resolveForCli(flags: { token?: string; baseUrl?: string }, env: NodeJS.ProcessEnv = process.env): ResolvedAuth {
  const file = readCredentials(credentialsPath(env));
  const envToken = env.OT_API_TOKEN || env.OPENTRAIN_API_TOKEN;
  const token = flags.token || envToken || file?.apiToken || null;
  const tokenSource: TokenSource = flags.token ? 'flag' : envToken ? 'env' : file?.apiToken ? 'file' : 'none';
  const baseUrl = flags.baseUrl || env.OT_API_BASE_URL || env.OPENTRAIN_API_BASE_URL || file?.baseUrl || DEFAULT_BASE_URL;
  return { token, tokenSource, baseUrl, credentials: file };
}

function safeRead(path: string): Credentials | null {
  try {
    return readCredentials(path);
  } catch {
    // A broken file must not stop the MCP server from starting; tools report it when used.
    return null;
  }
}
