import { ConfigError } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_FROM, openTrainEnvOptions } from './config';

describe('OpenTrain configuration', () => {
  it('defaults to the sandbox mailer and anonymous registration on', () => {
    expect(openTrainEnvOptions({})).toEqual({ publicUrl: undefined, smtpUrl: undefined, mailFrom: DEFAULT_MAIL_FROM, anonymousRegistration: true, mcp: { allowedHosts: [], allowedOrigins: [] }, metrics: { enabled: true } });
  });

  it('reads SMTP_URL, MAIL_FROM, OPENTRAIN_PUBLIC_URL, OPENTRAIN_ANONYMOUS_REGISTRATION, the MCP allow-lists and the metrics settings', () => {
    const env = {
      SMTP_URL: 'smtps://u:p@mail.example:465',
      MAIL_FROM: 'Ops <ops@example.com>',
      OPENTRAIN_PUBLIC_URL: 'https://train.example/',
      OPENTRAIN_ANONYMOUS_REGISTRATION: 'off',
      OPENTRAIN_MCP_ALLOWED_HOSTS: 'opentrain.internal, ,train-2.example',
      OPENTRAIN_MCP_ALLOWED_ORIGINS: 'agents.example',
      METRICS_ENABLED: 'off',
      METRICS_TOKEN: 'metrics-token-for-the-config-test-0123456789',
    };
    expect(openTrainEnvOptions(env)).toEqual({
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      publicUrl: 'https://train.example',
      anonymousRegistration: false,
      mcp: { allowedHosts: ['opentrain.internal', 'train-2.example'], allowedOrigins: ['agents.example'] },
      metrics: { enabled: false, token: env.METRICS_TOKEN },
    });
  });

  it('names every bad variable', () => {
    const bad = { SMTP_URL: 'http://mail', OPENTRAIN_ANONYMOUS_REGISTRATION: 'maybe', METRICS_TOKEN: 'short' };
    expect(() => openTrainEnvOptions(bad)).toThrow(ConfigError);
    try {
      openTrainEnvOptions(bad);
    } catch (err) {
      expect((err as Error).message).toContain('SMTP_URL');
      expect((err as Error).message).toContain('OPENTRAIN_ANONYMOUS_REGISTRATION');
      expect((err as Error).message).toContain('METRICS_TOKEN: must be at least 32 characters');
    }
  });
});
