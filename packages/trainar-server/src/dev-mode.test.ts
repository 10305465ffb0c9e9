/** /dev/mail shows every invitation: served in dev mode only; outside it, no SMTP means no start. */
import { ConfigError, createLogger } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrainAr } from './main';
import { trainarMigrations } from './migrations';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(trainarMigrations);
});
afterAll(async () => database?.close());
const logger = createLogger({ name: 'dev-mode-test', level: 'silent' });

async function devMailStatus(options: Partial<Parameters<typeof startTrainAr>[0]>) {
  const app = await startTrainAr({ port: 0, logger, database, ...options });
  try {
    return (await fetch(`${app.url}/dev/mail`)).status;
  } finally {
    await app.close();
  }
}

describe('TrainAR dev mode', () => {
  it('serves /dev/mail on loopback with the embedded database', async () => {
    expect(await devMailStatus({ host: '127.0.0.1' })).toBe(200);
  });

  it('refuses to start beyond loopback or on DATABASE_URL without SMTP, before opening anything', async () => {
    await expect(startTrainAr({ port: 0, logger, host: '0.0.0.0' })).rejects.toThrow(ConfigError);
    await expect(startTrainAr({ port: 0, logger, host: '::' })).rejects.toThrow(/TrainAR will not start without SMTP_URL outside dev mode \(it listens on ::/);
    await expect(startTrainAr({ port: 0, logger, host: '127.0.0.1', databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/DATABASE_URL is set/);
  });

  it('with SMTP beyond loopback: starts, and there is no sandbox page', async () => {
    expect(await devMailStatus({ host: '0.0.0.0', smtpUrl: 'smtp://127.0.0.1:2525' })).toBe(404);
  });

  it('DEV_MODE=1 keeps the sandbox outbox beyond loopback, as the operator asked', async () => {
    expect(await devMailStatus({ host: '0.0.0.0', devMode: true })).toBe(200);
  });
});
