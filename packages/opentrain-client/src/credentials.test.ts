import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsFileError, credentialsPath, DEFAULT_BASE_URL, readCredentials, resolveForCli, resolveForMcp, updateCredentials } from './credentials';

const home = () => mkdtempSync(join(tmpdir(), 'ot-cred-'));

describe('credentials file', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/opentrain/cli.json');
    expect(credentialsPath({ HOME: '/home/a' })).toBe('/home/a/.config/opentrain/cli.json');
  });

  it('is written with mode 0600 and merged on update', () => {
    const env = { XDG_CONFIG_HOME: home() };
    const path = credentialsPath(env);
    updateCredentials({ apiToken: 'ot_pat_a', claimToken: 'ot_clm_b' }, path);
    updateCredentials({ claimToken: undefined, baseUrl: 'http://h' }, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readCredentials(path)).toEqual({ apiToken: 'ot_pat_a', baseUrl: 'http://h' });
  });

  it('reports a corrupt file clearly', () => {
    const env = { XDG_CONFIG_HOME: home() };
    updateCredentials({ apiToken: 'x' }, credentialsPath(env));
    writeFileSync(credentialsPath(env), '{oops');
    expect(() => readCredentials(credentialsPath(env))).toThrow(CredentialsFileError);
  });
});

describe('precedence', () => {
  it('MCP: the env token wins outright; else the file; else tokenless', () => {
    const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: home() };
    expect(resolveForMcp(env)).toMatchObject({ token: null, tokenSource: 'none', baseUrl: DEFAULT_BASE_URL });
    updateCredentials({ apiToken: 'ot_pat_file', baseUrl: 'http://file' }, credentialsPath(env));
    expect(resolveForMcp(env)).toMatchObject({ token: 'ot_pat_file', tokenSource: 'file', baseUrl: 'http://file' });
    expect(resolveForMcp({ ...env, OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_env', OPENTRAIN_API_BASE_URL: 'http://env' })).toMatchObject({ token: 'ot_pat_env', tokenSource: 'env', baseUrl: 'http://env' });
  });

  it('CLI: flag > OT_API_TOKEN / OPENTRAIN_API_TOKEN > file; base URL flag > env > file > default', () => {
    const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: home() };
    updateCredentials({ apiToken: 'ot_pat_file', baseUrl: 'http://file' }, credentialsPath(env));
    expect(resolveForCli({}, env)).toMatchObject({ token: 'ot_pat_file', baseUrl: 'http://file' });
    expect(resolveForCli({}, { ...env, OPENTRAIN_API_TOKEN: 'ot_pat_env2', OT_API_BASE_URL: 'http://env' })).toMatchObject({ token: 'ot_pat_env2', tokenSource: 'env', baseUrl: 'http://env' });
    expect(resolveForCli({ token: 'ot_pat_flag', baseUrl: 'http://flag' }, { ...env, OT_API_TOKEN: 'ot_pat_env' })).toMatchObject({ token: 'ot_pat_flag', tokenSource: 'flag', baseUrl: 'http://flag' });
  });
});
