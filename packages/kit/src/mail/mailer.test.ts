import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { listSandboxMail, mailMigrations, SandboxMailer, SmtpMailer } from './mailer';

describe('SmtpMailer', () => {
  it('delivers to a real SMTP peer', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk) => {
          data += chunk.toString();
        });
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'OpenTrain <no-reply@example.test>' });
    try {
      await mailer.send({ to: 'human@example.test', subject: 'Claim your agent', text: 'Open https://example.test/claim?token=abc' });
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('Subject: Claim your agent');
      expect(received[0]).toContain('To: human@example.test');
      expect(received[0]).toContain('https://example.test/claim?token=abc');
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('SandboxMailer', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(mailMigrations);
  });
  afterAll(async () => database?.close());

  it('stores mail in the database, listed newest first per recipient', async () => {
    const clock = new ManualClock('2026-05-01T10:00:00Z');
    const mailer = new SandboxMailer(database.db, clock);
    await mailer.send({ to: 'A@Example.test', subject: 'first', text: 'one' });
    clock.advance(1000);
    await mailer.send({ to: 'a@example.test', subject: 'second', text: 'two' });
    await mailer.send({ to: 'b@example.test', subject: 'other', text: 'three' });
    const mail = await listSandboxMail(database.db, { to: 'a@example.test' });
    expect(mail.map((m) => m.subject)).toEqual(['second', 'first']);
  });
});
