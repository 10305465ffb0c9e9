/** /dev/mail shows every sign-in link: served in dev mode only; outside it, no SMTP means no start. */
import { ConfigError, createLogger } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenTrain } from '../main';
import { opentrainMigrations } from '../migrations';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(opentrainMigrations);
});
afterAll(async () => database?.close());
const logger = createLogger({ name: 'dev-mode-test', level: 'silent' });
const base = { port: 0, logger, startWorker: false };

async function devMailStatus(options: Partial<Parameters<typeof startOpenTrain>[0]>) {
  const app = await startOpenTrain({ ...base, database, ...options });
  try {
    return (await fetch(`${app.url}/dev/mail`)).status;
  } finally {
    await app.close();
  }
}

describe('OpenTrain dev mode', () => {
  it('serves /dev/mail on loopback with the embedded database', async () => {
    expect(await devMailStatus({ host: '127.0.0.1' })).toBe(200);
  });

  it('refuses to start beyond loopback or on DATABASE_URL without SMTP, before opening anything', async () => {
    await expect(startOpenTrain({ ...base, host: '0.0.0.0' })).rejects.toThrow(ConfigError);
    await expect(startOpenTrain({ ...base, host: '0.0.0.0' })).rejects.toThrow(/OpenTrain will not start without SMTP_URL outside dev mode \(it listens on 0\.0\.0\.0/);
    await expect(startOpenTrain({ ...base, host: '127.0.0.1', databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/DATABASE_URL is set/);
    await expect(startOpenTrain({ ...base, host: '127.0.0.1', devMode: false })).rejects.toThrow(/DEV_MODE=0/);
  });

  it('with SMTP beyond loopback: starts, and there is no sandbox page', async () => {
    expect(await devMailStatus({ host: '0.0.0.0', smtpUrl: 'smtp://127.0.0.1:2525' })).toBe(404);
  });

  it('DEV_MODE=1 keeps the sandbox outbox beyond loopback, as the operator asked', async () => {
    expect(await devMailStatus({ host: '0.0.0.0', devMode: true })).toBe(200);
  });
});
