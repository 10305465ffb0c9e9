/**
 * Real mail: with SMTP_URL the claim and sign-in emails go to an SMTP peer (smtp-server on a local
 * port), the sandbox outbox page is gone, and an unreachable SMTP server yields email_sent: false.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrainEnvOptions } from '../config';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

const received: Array<{ to: string; data: string }> = [];
let smtp: SMTPServer;
let port: number;
let h: Harness;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  const env = openTrainEnvOptions({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'OpenTrain Test <claims@opentrain.test>' });
  h = await startHarness({ smtpUrl: env.smtpUrl, mailFrom: env.mailFrom });
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const unfold = (data: string) => data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('SMTP mail', () => {
  it('sends the claim email over SMTP from MAIL_FROM, with the verification link', async () => {
    const agent = await h.registerAgent({ agent_name: 'SMTP agent' });
    const email = uniqueEmail();
    const claim = await h.startClaim(agent.claim_token, email);
    expect(claim.email_sent).toBe(true);
    const mail = received.find((m) => m.to === email);
    expect(mail).toBeDefined();
    const data = unfold(mail?.data ?? '');
    expect(data).toContain('From: OpenTrain Test <claims@opentrain.test>');
    expect(data).toContain('Subject: Claim your OpenTrain agent account');
    expect(data).toContain(claim.verification_uri);
  });

  it('sends sign-in links over SMTP and serves no sandbox outbox', async () => {
    const email = uniqueEmail();
    const web = h.web();
    await web.get('/signin');
    const page = await web.post('/signin', { email });
    expect(page.text).toContain('Check your email');
    expect(page.text).not.toContain('/dev/mail');
    expect(unfold(received.find((m) => m.to === email)?.data ?? '')).toMatch(/\/signin\/verify\?token=ot_mlk_/);
    expect((await web.get('/dev/mail')).status).toBe(404);
  });

  it('reports email_sent: false when the SMTP server is unreachable', async () => {
    const down = await startHarness({ smtpUrl: 'smtp://127.0.0.1:1' });
    try {
      const agent = await down.registerAgent();
      const claim = await down.startClaim(agent.claim_token, uniqueEmail());
      expect(claim.email_sent).toBe(false);
    } finally {
      await down.close();
    }
  });
});
